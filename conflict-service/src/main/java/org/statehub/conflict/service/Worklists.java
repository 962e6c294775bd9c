package org.statehub.conflict.service;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.persistence.DuplicatePairs;
import org.statehub.conflict.persistence.Worklist;
import org.statehub.jdbc.UncheckedTransactions;

/** The worklist's reads and actions, in the caller's scope; owns the transactions. */
@Singleton
@RequiredArgsConstructor
public class Worklists {

    /** The outcome of a look-up or an action on one pair. */
    public sealed interface Outcome {}

    public record Found(Worklist.Row row, List<DuplicatePairs.Event> history) implements Outcome {}

    public record NotFound() implements Outcome {}

    /** The pair exists but no student of it is related to the caller's organizations. */
    public record OutOfScope() implements Outcome {}

    /** The caller's claim set only reads. */
    public record ReadOnly() implements Outcome {}

    public record AlreadyDismissed() implements Outcome {}

    /** A page of the worklist and how many pairs match in all. */
    public record Page(List<Worklist.Row> rows, long total) {}

    private final AgroalDataSource dataSource;
    private final Worklist worklist;
    private final DuplicatePairs pairs;

    public Page list(
            Caller caller, List<String> states, double minScore, Long leaId, int minAgeDays, int limit, int offset) {
        Worklist.Query query = new Worklist.Query(
                states,
                minScore,
                leaId,
                minAgeDays,
                caller.unrestricted() ? null : caller.organizationTexts(),
                limit,
                offset);
        return UncheckedTransactions.read(dataSource, c -> new Page(worklist.list(c, query), worklist.count(c, query)));
    }

    public Outcome get(Caller caller, long id, boolean withHistory) {
        return UncheckedTransactions.read(dataSource, c -> {
            Optional<Worklist.Row> row = worklist.find(c, id);
            if (row.isEmpty()) {
                return new NotFound();
            }
            if (!caller.unrestricted() && !worklist.related(c, id, caller.organizationTexts())) {
                return new OutOfScope();
            }
            return new Found(row.get(), withHistory ? pairs.history(c, id) : List.of());
        });
    }

    /** Two different people: the pair is dismissed for good, with the caller and the note in its history. */
    public Outcome dismiss(Caller caller, long id, String note) {
        return UncheckedTransactions.inTransaction(dataSource, c -> {
            Optional<DuplicatePairs.Pair> pair = pairs.find(c, id, true);
            if (pair.isEmpty()) {
                return new NotFound();
            }
            if (!caller.unrestricted() && !worklist.related(c, id, caller.organizationTexts())) {
                return new OutOfScope();
            }
            if (caller.readOnly()) {
                return new ReadOnly();
            }
            if (pair.get().state().equals("dismissed")) {
                return new AlreadyDismissed();
            }
            pairs.changeState(
                    c,
                    id,
                    "dismissed",
                    caller.subject(),
                    "dismissed",
                    note,
                    pair.get().score());
            return new Found(worklist.find(c, id).orElseThrow(), pairs.history(c, id));
        });
    }
}
