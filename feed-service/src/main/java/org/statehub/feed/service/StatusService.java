package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.LeaStatus;
import org.statehub.feed.store.StatusReads;

/** Each LEA's feeds over the last days, assembled from what {@link StatusReads} counts. */
@Singleton
@RequiredArgsConstructor
public class StatusService {

    private final StatusReads reads;

    /** The LEAs (by id) over the last {@code days} (default 7, 1..90), of one LEA or all. */
    public Outcome<List<LeaStatus>> status(Integer days, Long leaId) throws SQLException {
        int n = days == null ? 7 : days;
        if (n < 1 || n > 90) {
            return Outcome.invalid("days", "Days is 1..90.");
        }
        Map<Long, Lea> leas = new TreeMap<>();
        for (StatusReads.LeaConnection row : reads.connections(leaId)) {
            lea(leas, row.leaId()).connections.add(row.connection());
        }
        for (StatusReads.LeaDay row : reads.days(n, leaId)) {
            lea(leas, row.leaId()).day(row.runs().date()).runs = row.runs();
        }
        for (StatusReads.LeaFeed row : reads.feeds(n, leaId)) {
            lea(leas, row.leaId()).day(row.date()).feeds.put(row.feed(), row.counts());
        }
        return Outcome.done(leas.entrySet().stream()
                .map(e -> e.getValue().status(e.getKey()))
                .toList());
    }

    private static Lea lea(Map<Long, Lea> leas, long id) {
        return leas.computeIfAbsent(id, k -> new Lea());
    }

    private static final class Lea {
        final List<LeaStatus.ConnectionStatus> connections = new ArrayList<>();
        final TreeMap<String, Day> days = new TreeMap<>();

        Day day(String date) {
            return days.computeIfAbsent(date, k -> new Day());
        }

        /** Days newest first. */
        LeaStatus status(long id) {
            List<LeaStatus.DayStatus> newestFirst = new ArrayList<>();
            days.descendingMap().forEach((date, day) -> newestFirst.add(day.status(date)));
            return new LeaStatus(id, List.copyOf(connections), newestFirst);
        }
    }

    private static final class Day {
        LeaStatus.DayRuns runs;
        final TreeMap<String, LeaStatus.FeedCounts> feeds = new TreeMap<>();

        LeaStatus.DayStatus status(String date) {
            return new LeaStatus.DayStatus(
                    date,
                    runs == null ? null : runs.runs(),
                    runs == null ? null : runs.failed(),
                    runs == null ? null : runs.held(),
                    runs == null ? null : runs.recordsRead(),
                    runs == null ? null : runs.recordsHeld(),
                    feeds.isEmpty() ? null : feeds);
        }
    }
}
