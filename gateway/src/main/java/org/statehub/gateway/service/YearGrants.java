package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.ApplicationRepository;

/**
 * Which school years a client reaches (docs/decisions/0020, part 5), for the gateway's own answers that call the
 * services with the gateway's token (a year's newest change version): an administrator (its claim set has hub administration, {@link ClaimSets#administers}) every year, any
 * other the years its application lists as {@code odsInstanceIds} (a year's instance id is the year), as the
 * services judge a request's {@code Hub-Data-Space} from the client directory.
 */
@Singleton
@RequiredArgsConstructor
public class YearGrants {

    private final ApplicationRepository applications;
    private final ClaimSets claimSets;

    /** Whether the client of this claim set reaches {@code year}. */
    public boolean grants(String clientId, String claimSet, String year) {
        return claimSets.administers(claimSet)
                || applications.odsInstanceIds(clientId).stream()
                        .anyMatch(id -> String.valueOf(id).equals(year));
    }
}
