package org.statehub.edfi.core.service;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.store.DataSpaceStore;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.jdbc.UncheckedTransactions;

/**
 * A school year's data as a whole in this service (docs/decisions/0020, part 5; docs/ADMIN-GUIDE.md section 11):
 * how many items the year holds, and dropping its schema once the gateway no longer serves it (its ODS instance
 * deleted). A year of the settings ({@code HUB_YEARS}) is never dropped: it would be made again, empty, at the next
 * start. The year's replicas, watermarks and change history go with it; the service's own schema (the access log)
 * keeps what it recorded of the year.
 */
@Singleton
@RequiredArgsConstructor
public class DroppedYears {

    private static final Logger LOG = Logger.getLogger(DroppedYears.class);

    private final DataSpaces spaces;
    private final AgroalDataSource dataSource;
    private final DataSpaceStore store = new DataSpaceStore();

    /** What asking to drop a year came to. */
    public sealed interface Outcome {}

    /** The year's schema is gone, with this many items of the service's resources. */
    public record Dropped(long items) implements Outcome {}

    /** The year is kept: why. */
    public record Refused(Problem problem) implements Outcome {}

    /**
     * How many items of this service's resources the year (a school year 2000-2099) holds; 0 when its schema was
     * never made.
     */
    public long items(String year) {
        return UncheckedTransactions.read(dataSource, c -> store.items(c, spaces.schemaOf(year)));
    }

    /**
     * Drops the year's schema and everything in it, when neither the settings nor the gateway (asked now) serve
     * it; dropping a year that has no schema drops nothing.
     */
    public Outcome drop(String year) {
        if (spaces.configured(year)) {
            return new Refused(Problems.conflict("School year " + year + " is one of this service's HUB_YEARS and would"
                    + " be made again at its next start: take it out of HUB_YEARS and restart first."));
        }
        try {
            if (spaces.gatewayServes(year)) {
                return new Refused(Problems.conflict("School year " + year + " is still served by the gateway:"
                        + " delete its ODS instance first."));
            }
        } catch (ClientDirectory.UnavailableException e) {
            return new Refused(Problems.unavailable(
                    "Whether the gateway still serves school year " + year + " cannot be asked; try again shortly.",
                    e.getMessage()));
        }
        spaces.forget(year);
        String schema = spaces.schemaOf(year);
        long items = UncheckedTransactions.inTransaction(dataSource, c -> {
            long held = store.items(c, schema);
            store.drop(c, schema, year);
            return held;
        });
        LOG.infof("School year %s dropped: schema %s with %d items", year, schema, items);
        return new Dropped(items);
    }
}
