package org.statehub.conflict.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The before-image's items and the merge's order, without a database or a service. */
class MergeItemsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    @Test
    void anItemIsKeptWithoutTheMembersTheServicesAdd() throws Exception {
        ObjectNode item = json(
                "{\"id\":\"0d3c1e4e9a6c4b7e8f0a1b2c3d4e5f60\",\"_etag\":\"5\",\"_lastModifiedDate\":\"x\","
                        + "\"studentReference\":{\"studentUniqueId\":\"R1\",\"link\":{\"rel\":\"Student\"}},\"entryDate\":\"2024-08-20\"}");

        ObjectNode stripped = MergeItems.strip(item);

        assertThat(stripped.has("id")).isFalse();
        assertThat(stripped.has("_etag")).isFalse();
        assertThat(stripped.has("_lastModifiedDate")).isFalse();
        assertThat(stripped.path("studentReference").has("link")).isFalse();
        assertThat(stripped.path("entryDate").asText()).isEqualTo("2024-08-20");
        assertThat(item.has("id")).as("the item read is not changed").isTrue();
    }

    @Test
    void anItemIsRekeyedToAnotherStudentWithoutItsLink() throws Exception {
        ObjectNode body = json("{\"studentReference\":{\"studentUniqueId\":\"R1\",\"link\":{}},\"x\":1}");

        ObjectNode copy = MergeItems.rekey(body, "S1");

        assertThat(copy.path("studentReference").path("studentUniqueId").asText())
                .isEqualTo("S1");
        assertThat(copy.path("studentReference").has("link")).isFalse();
        assertThat(copy.path("x").asInt()).isEqualTo(1);
        assertThat(body.path("studentReference").path("studentUniqueId").asText())
                .isEqualTo("R1");
    }

    @Test
    void aMergeMovesDependentsFirstAndASplitRestoresInTheReverseOrder() {
        assertThat(MergeItems.MOVE_ORDER).containsExactlyElementsOf(MergeItems.RESTORE_ORDER.reversed());
        assertThat(MergeItems.RESTORE_ORDER.indexOf(MergeItems.ENROLLMENTS))
                .isLessThan(MergeItems.RESTORE_ORDER.indexOf(MergeItems.ATTENDANCE));
        assertThat(MergeItems.RESTORE_ORDER)
                .containsExactlyInAnyOrder(
                        MergeItems.SEOAS,
                        MergeItems.CONTACT_ASSOCIATIONS,
                        MergeItems.ENROLLMENTS,
                        MergeItems.ATTENDANCE);
    }

    @Test
    void anItemWithoutAnIdIsRefused() throws Exception {
        assertThatThrownBy(() -> MergeItems.id(json("{\"x\":1}"))).isInstanceOf(IllegalStateException.class);
        assertThat(MergeItems.etag(json("{\"_etag\":\"7\"}"))).isEqualTo("7");
    }
}
