package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.profile.InvalidProfileException;
import org.statehub.edfi.contract.profile.ProfileDefinition;
import org.statehub.edfi.contract.profile.ProfileXml;
import org.statehub.gateway.persistence.ProfileRepository.StoredProfile;

/**
 * What the gateway's two profile APIs ({@code /admin/v1/profiles} and the Admin API's {@code /adminapi/v2/profiles})
 * take: one {@code <Profile>} of the ODS/API's profile XML, checked against the contract the gateway serves.
 */
@Singleton
@RequiredArgsConstructor
public class ProfileDefinitions {

    private final ResourceCatalog catalog;

    /**
     * The one profile of the XML ({@code <Profile>}, or {@code <Profiles>} holding one) as it is stored; else
     * {@link InvalidProfileException} with every finding.
     */
    public StoredProfile parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidProfileException(List.of("A profile definition (XML) is required."));
        }
        List<ProfileDefinition> parsed = ProfileXml.parse(xml, catalog);
        if (parsed.size() != 1) {
            throw new InvalidProfileException(
                    List.of("Send one <Profile> per request (this one has " + parsed.size() + ")."));
        }
        ProfileDefinition profile = parsed.get(0);
        return new StoredProfile(profile.name(), xml, profile.resourceKeys(), null, null);
    }

    /** The stored definition as the contract reads it now ({@link InvalidProfileException} when it no longer fits). */
    public ProfileDefinition read(StoredProfile stored) {
        return ProfileXml.parse(stored.definition(), catalog).get(0);
    }
}
