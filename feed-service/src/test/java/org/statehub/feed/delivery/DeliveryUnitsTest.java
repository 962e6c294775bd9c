package org.statehub.feed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.Operation;
import org.statehub.feed.domain.OutboxRow;

/** The units a claimed batch is delivered in (docs/FEEDS.md, "Publishing"), without a hub or a database. */
class DeliveryUnitsTest {

    private static OutboxRow row(long id, String connection, String resource, Operation operation) {
        return new OutboxRow(id, connection, resource, "s" + id, operation, "{}", "{}", 0, null);
    }

    private static boolean upsert(OutboxRow row) {
        return row.operation() == Operation.UPSERT;
    }

    @Test
    void upsertsOfOneConnectionAndResourceGoTogetherInRequestsOfAtMostTheBulkSize() {
        List<OutboxRow> rows = List.of(
                row(1, "a", "students", Operation.UPSERT),
                row(2, "a", "students", Operation.UPSERT),
                row(3, "a", "students", Operation.UPSERT),
                row(4, "a", "students", Operation.UPSERT),
                row(5, "a", "students", Operation.UPSERT));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 2))
                .containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    }

    @Test
    void otherConnectionsOrResourcesAreOtherUnitsInTheOrderFirstClaimed() {
        List<OutboxRow> rows = List.of(
                row(1, "a", "students", Operation.UPSERT),
                row(2, "b", "students", Operation.UPSERT),
                row(3, "a", "schools", Operation.UPSERT),
                row(4, "a", "students", Operation.UPSERT));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 100))
                .containsExactly(List.of(0, 3), List.of(1), List.of(2));
    }

    @Test
    void deletesAndKeyChangesGoAloneEvenBesideUpsertsOfTheirResource() {
        List<OutboxRow> rows = List.of(
                row(1, "a", "students", Operation.DELETE),
                row(2, "a", "students", Operation.UPSERT),
                row(3, "a", "students", Operation.DELETE),
                row(4, "a", "studentSchoolAssociations", Operation.KEY_CHANGE),
                row(5, "a", "students", Operation.UPSERT));

        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 100))
                .containsExactly(List.of(0), List.of(1, 4), List.of(2), List.of(3));
    }

    @Test
    void aBulkSizeOfOneSendsEveryRowAlone() {
        List<OutboxRow> rows =
                List.of(row(1, "a", "students", Operation.UPSERT), row(2, "a", "students", Operation.UPSERT));

        assertThat(DeliveryUnits.of(rows, r -> false, 1)).containsExactly(List.of(0), List.of(1));
        assertThat(DeliveryUnits.of(rows, DeliveryUnitsTest::upsert, 1)).containsExactly(List.of(0), List.of(1));
    }
}
