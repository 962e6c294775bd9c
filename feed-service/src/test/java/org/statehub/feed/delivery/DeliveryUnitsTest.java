package org.statehub.feed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.Operation;
import org.statehub.feed.domain.OutboxRow;
import org.statehub.feed.domain.Stored;

/** The units a claimed batch is delivered in (docs/FEEDS.md, "Publishing"), without a hub or a database. */
class DeliveryUnitsTest {

    /**
     * A claimed batch, in claim order: each row given as "connection resource operation [school year]"
     * ({@code "a students upsert"}, the operation as stored; {@code "a students upsert 2026"}), its id its place
     * from 1.
     */
    private static List<OutboxRow> rows(List<String> rows) {
        return IntStream.range(0, rows.size())
                .mapToObj(i -> {
                    String[] row = rows.get(i).split(" ");
                    return new OutboxRow(
                            i + 1,
                            row[0],
                            row[1],
                            "s" + (i + 1),
                            Stored.of(Operation.class, row[2]),
                            "{}",
                            "{}",
                            0,
                            null,
                            row.length > 3 ? Integer.parseInt(row[3]) : 0);
                })
                .toList();
    }

    private static boolean upsert(OutboxRow row) {
        return row.operation() == Operation.UPSERT;
    }

    @Test
    void upsertsOfOneConnectionAndResourceGoTogetherInRequestsOfAtMostTheBulkSize() {
        List<OutboxRow> rows = rows(Collections.nCopies(5, "a students upsert"));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 2))
                .containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    }

    @Test
    void otherConnectionsOrResourcesAreOtherUnitsInTheOrderFirstClaimed() {
        List<OutboxRow> rows =
                rows(List.of("a students upsert", "b students upsert", "a schools upsert", "a students upsert"));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 100))
                .containsExactly(List.of(0, 3), List.of(1), List.of(2));
    }

    @Test
    void upsertsOfAnotherSchoolYearAreAnotherUnitForTheyGoToAnotherPath() {
        List<OutboxRow> rows = rows(List.of(
                "a students upsert 2026",
                "a students upsert 2027",
                "a students upsert 2026",
                "a students upsert 2027"));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 100))
                .containsExactly(List.of(0, 2), List.of(1, 3));
    }

    @Test
    void deletesAndKeyChangesGoAloneEvenBesideUpsertsOfTheirResource() {
        List<OutboxRow> rows = rows(List.of(
                "a students delete",
                "a students upsert",
                "a students delete",
                "a studentSchoolAssociations key-change",
                "a students upsert"));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 100))
                .containsExactly(List.of(0), List.of(1, 4), List.of(2), List.of(3));
    }

    @Test
    void aBulkSizeOfOneSendsEveryRowAlone() {
        List<OutboxRow> rows = rows(Collections.nCopies(2, "a students upsert"));

        assertThat(DeliveryUnits.of(rows, r -> false, 1)).containsExactly(List.of(0), List.of(1));
        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 1)).containsExactly(List.of(0), List.of(1));
    }
}
