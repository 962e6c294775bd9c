package org.statehub.edfi.core.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.profile.ProfileDefinition;
import org.statehub.edfi.contract.profile.ProfileXml;
import org.statehub.http.ClientDirectory;

/**
 * The profiles assigned to a client (docs/decisions/0020, part 2): their names from the client directory, their
 * definitions from the gateway ({@code /internal/v1/profiles/{name}}), both kept and revalidated by hub-http's
 * {@link ClientDirectory}, each definition parsed with {@link ProfileXml} against this service's catalog once per
 * version of its XML. A definition that no longer fits the catalog (a state took an extension away) is
 * {@link Assigned#unusable() unusable}: the ODS's "not supported by this host".
 */
@ApplicationScoped
public class AssignedProfiles {

    private static final Logger LOG = Logger.getLogger(AssignedProfiles.class);

    /** An assigned profile: its definition, or empty when it does not fit this service's catalog. */
    record Assigned(String name, Optional<ProfileDefinition> definition) {
        boolean unusable() {
            return definition.isEmpty();
        }
    }

    private record Parsed(String xml, Optional<ProfileDefinition> definition) {}

    @Inject
    ClientDirectory directory;

    @Inject
    ResourceCatalog catalog;

    private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

    /** The client's profiles, in the directory's order; a profile the gateway no longer has is left out. */
    List<Assigned> of(String clientId) {
        List<Assigned> assigned = new ArrayList<>();
        for (String name : directory.profiles(clientId)) {
            directory.profile(name).ifPresent(xml -> assigned.add(new Assigned(name, definition(name, xml))));
        }
        return assigned;
    }

    private Optional<ProfileDefinition> definition(String name, String xml) {
        String key = name.toLowerCase(Locale.ROOT);
        Parsed known = parsed.get(key);
        if (known != null && known.xml().equals(xml)) {
            return known.definition();
        }
        Optional<ProfileDefinition> definition;
        try {
            definition = ProfileXml.parse(xml, catalog).stream()
                    .filter(profile -> profile.name().equalsIgnoreCase(name))
                    .findFirst();
            if (definition.isEmpty()) {
                LOG.warnf("The definition of profile '%s' defines no profile of that name", name);
            }
        } catch (InvalidDefinitionException e) {
            LOG.warnf("Profile '%s' does not fit this service's contract and is not applied: %s", name, e.getMessage());
            definition = Optional.empty();
        }
        if (parsed.size() > 1_000) {
            parsed.clear();
        }
        parsed.put(key, new Parsed(xml, definition));
        return definition;
    }
}
