package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.profile.ProfileDefinition;
import org.statehub.edfi.contract.profile.ProfileXml;
import org.statehub.gateway.persistence.ProfileRepository.StoredProfile;

/**
 * What the gateway's two profile APIs ({@code /admin/v1/profiles} and the Admin API's {@code /adminapi/v2/profiles})
 * take: one {@code <Profile>} of the ODS/API's profile XML, checked against the contract the gateway serves; and
 * each stored definition read against it, once per version of its XML (the {@code /metadata} documents list and cut
 * every profile on each request).
 */
@Singleton
@RequiredArgsConstructor
public class ProfileDefinitions {

    private static final Logger LOG = Logger.getLogger(ProfileDefinitions.class);

    private final ResourceCatalog catalog;

    /** Each stored definition's reading, by its XML: the definition, or the findings of one that no longer fits. */
    private final ConcurrentHashMap<String, Reading> readings = new ConcurrentHashMap<>();

    private record Reading(ProfileDefinition definition, List<String> problems) {}

    /**
     * The one profile of the XML ({@code <Profile>}, or {@code <Profiles>} holding one) as it is stored; else
     * {@link InvalidDefinitionException} with every finding.
     */
    public StoredProfile parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidDefinitionException(List.of("A profile definition (XML) is required."));
        }
        List<ProfileDefinition> parsed = ProfileXml.parse(xml, catalog);
        if (parsed.size() != 1) {
            throw new InvalidDefinitionException(
                    List.of("Send one <Profile> per request (this one has " + parsed.size() + ")."));
        }
        ProfileDefinition profile = parsed.get(0);
        return new StoredProfile(profile.name(), xml, profile.resourceKeys(), null, null);
    }

    /** The stored definition as the contract reads it now ({@link InvalidDefinitionException} when it no longer fits). */
    public ProfileDefinition read(StoredProfile stored) {
        Reading reading = reading(stored);
        if (reading.definition() == null) {
            throw new InvalidDefinitionException(reading.problems());
        }
        return reading.definition();
    }

    /** The stored definition as the contract reads it now, or empty when it no longer fits (logged once). */
    public Optional<ProfileDefinition> fitting(StoredProfile stored) {
        return Optional.ofNullable(reading(stored).definition());
    }

    private Reading reading(StoredProfile stored) {
        Reading known = readings.get(stored.definition());
        if (known != null) {
            return known;
        }
        Reading reading;
        try {
            reading = new Reading(ProfileXml.parse(stored.definition(), catalog).get(0), List.of());
        } catch (InvalidDefinitionException e) {
            LOG.warnf(
                    "Profile %s does not fit the contract (no OpenAPI document, not applied): %s",
                    stored.name(), e.problems());
            reading = new Reading(null, e.problems());
        }
        if (readings.size() > 1_000) {
            readings.clear();
        }
        readings.put(stored.definition(), reading);
        return reading;
    }
}
