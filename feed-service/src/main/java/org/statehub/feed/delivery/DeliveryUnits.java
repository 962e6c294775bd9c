package org.statehub.feed.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.statehub.feed.domain.OutboxRow;

/**
 * The units a claimed batch is delivered in: the rows that go in bulk ({@code bulk}: upserts) of one connection,
 * resource and school year together, in requests of up to {@code bulkSize} rows in claim order; every other row alone. A unit is
 * the indexes of its rows in the batch.
 */
final class DeliveryUnits {

    /** A group of rows: the bulk rows of one connection, resource and school year ({@code single} -1), or one row. */
    private record Group(String connectionId, String resource, int schoolYear, int single) {}

    private DeliveryUnits() {}

    static List<List<Integer>> of(List<OutboxRow> rows, Predicate<OutboxRow> bulk, int bulkSize) {
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            Group group = bulk.test(row)
                    ? new Group(row.connectionId(), row.resource(), row.schoolYear(), -1)
                    : new Group(row.connectionId(), null, 0, i);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> units = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += Math.max(1, bulkSize)) {
                units.add(group.subList(from, Math.min(group.size(), from + Math.max(1, bulkSize))));
            }
        }
        return units;
    }
}
