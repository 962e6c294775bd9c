package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.DataErrorEntry;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.domain.RetryResult;
import org.statehub.feed.domain.StudentErrors;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.Connections;
import org.statehub.feed.store.ErrorQueue;
import org.statehub.feed.store.SisConnection;

/**
 * The data-error queue: read it, archive errors, retry them (refused changes are sent again, held records are
 * prepared again with today's mappings).
 */
@Singleton
@RequiredArgsConstructor
public class ErrorQueueService {

    private final ErrorQueue queue;
    private final Connections connections;
    private final Pipeline pipeline;

    /** The errors the query asks for (by default open ones, oldest first, 100; limit 1..1000, offset >= 0). */
    public Outcome<List<DataErrorEntry>> list(ErrorQuery asked) throws SQLException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!ErrorQuery.STATES.contains(asked.state())) {
            errors.put("state", List.of("State is one of open, resolved, archived, all."));
        }
        if (!ErrorQuery.SORTS.contains(asked.sort())) {
            errors.put("sort", List.of("Sort is one of " + ErrorQuery.SORTS + "."));
        }
        if (asked.limit() < 1 || asked.limit() > 1000 || asked.offset() < 0) {
            errors.put("limit", List.of("Limit is 1..1000 and offset >= 0."));
        }
        if (!errors.isEmpty()) {
            return new Outcome.Invalid<>(errors);
        }
        return Outcome.done(queue.list(asked));
    }

    public Outcome<DataErrorEntry> find(long id) throws SQLException {
        return Outcome.found(queue.find(id), "No data error has the id " + id + ".");
    }

    public List<StudentErrors> students(Long leaId, Long schoolId) throws SQLException {
        return queue.students(leaId, schoolId);
    }

    /** Archives the open errors among {@code ids}; one error that is not open is a conflict. */
    public Outcome<Map<String, Integer>> archive(List<Long> ids, String note, String by) throws SQLException {
        int archived = queue.archive(ids, by, note == null ? "Archived." : "Archived: " + note);
        if (archived == 0 && ids.size() == 1) {
            return Outcome.conflict("Error " + ids.get(0) + " is not open (or does not exist).");
        }
        return Outcome.done(Map.of("archived", archived));
    }

    /**
     * Sends the refused changes among {@code ids} again and prepares the held records again, per connection; a
     * connection whose pull is running is skipped (the pull prepares them itself).
     */
    public RetryResult retry(List<Long> ids) throws SQLException {
        int resent = queue.resendRejected(ids);
        long prepared = 0;
        long stillHeld = 0;
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, List<Puller.HeldRecord>> entry :
                queue.heldRecords(ids).entrySet()) {
            Optional<SisConnection> connection = connections.find(entry.getKey());
            if (connection.isEmpty()) {
                continue;
            }
            Optional<Puller.PushResult> result = pipeline.retry(connection.get(), entry.getValue());
            if (result.isEmpty()) {
                busy.add(entry.getKey());
            } else {
                prepared += result.get().received();
                stillHeld += result.get().held();
            }
        }
        return new RetryResult(
                resent,
                prepared,
                stillHeld,
                busy.isEmpty() ? null : "A pull of " + busy + " is running; it prepares these records itself.");
    }
}
