package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.OdsInstanceRepository;

/**
 * Which school years a client reaches (docs/decisions/0020, part 5), the one place that says it: the years of the
 * ODS instances its application lists as {@code odsInstanceIds} (each instance's {@code schoolYearFromRoute}
 * context), and every year for an administrator (its claim set has hub administration, {@link
 * ClaimSets#administers}). The client directory gives the services the same years ({@code schoolYears} of a
 * client's entry), and the gateway's own answers that call the services with its token (a year's newest change
 * version) ask {@link #grants}.
 */
@Singleton
@RequiredArgsConstructor
public class YearGrants {

    private final OdsInstanceRepository instances;
    private final ClaimSets claimSets;

    /** The school years the client's application names through its instances, in order. */
    public List<String> years(String clientId) {
        return instances.yearsOf(clientId);
    }

    /** Whether the client of this claim set reaches {@code year}. */
    public boolean grants(String clientId, String claimSet, String year) {
        return claimSets.administers(claimSet) || years(clientId).contains(year);
    }
}
