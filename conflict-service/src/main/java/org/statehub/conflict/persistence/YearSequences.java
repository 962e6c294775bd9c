package org.statehub.conflict.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.domain.YearIds;
import org.statehub.edfi.core.dataspace.StartupSeed;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;

/**
 * Starts the id sequences of a school year's data space after the year's first id ({@link YearIds}): run by edfi-core's
 * {@code DataSpaces} once in each year it makes (those of the settings at start, a year the gateway serves later at
 * its first use), with the year's schema bound. Nothing happens without years, or to a sequence already past it.
 */
@Singleton
@RequiredArgsConstructor
public class YearSequences implements StartupSeed {

    /** The sequences of the ids the API shows: pairs, conflicts, merges. */
    private static final List<String> SEQUENCES =
            List.of("duplicate_pair_id_seq", "lea_conflict_id_seq", "merge_request_id_seq");

    private final AgroalDataSource dataSource;

    @Override
    public void seed(Optional<String> space) throws SQLException {
        if (space.isEmpty()) {
            return;
        }
        long before = YearIds.before(space.get());
        Transactions.inTransaction(dataSource, Transactions.doing(c -> {
            for (String sequence : SEQUENCES) {
                Sql.exists(
                        c,
                        "SELECT setval('" + sequence + "', ?) FROM " + sequence + " WHERE last_value < ?",
                        before,
                        before);
            }
        }));
    }
}
