package org.statehub.edfi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void selectExpandsWildcardsWithConcretePaths() throws Exception {
        JsonNode body = mapper.readTree("""
                {"addresses":[{"periods":[{"beginDate":"2020-01-01"},{"beginDate":"2021-01-01"}]},
                              {"periods":[{"beginDate":"2022-01-01"}]}, {"city":"x"}]}""");
        Map<String, String> found = new LinkedHashMap<>();
        JsonPath.parse("$.addresses[*].periods[*].beginDate").select(body, (p, n) -> found.put(p, n.asText()));
        assertThat(found)
                .containsExactly(
                        Map.entry("$.addresses[0].periods[0].beginDate", "2020-01-01"),
                        Map.entry("$.addresses[0].periods[1].beginDate", "2021-01-01"),
                        Map.entry("$.addresses[1].periods[0].beginDate", "2022-01-01"));
    }

    @Test
    void getReturnsNullForAbsentAndJsonNull() throws Exception {
        JsonNode body = mapper.readTree("{\"a\":{\"b\":null,\"c\":3}}");
        assertThat(JsonPath.parse("$.a.c").get(body).asInt()).isEqualTo(3);
        assertThat(JsonPath.parse("$.a.b").get(body)).isNull();
        assertThat(JsonPath.parse("$.x.y").get(body)).isNull();
    }

    @Test
    void putBuildsTheSmallestContainingDocument() {
        ObjectNode doc = mapper.createObjectNode();
        JsonPath.parse("$.codes[*].code").put(doc, mapper.getNodeFactory().textNode("x"));
        JsonPath.parse("$.codes[*].system").put(doc, mapper.getNodeFactory().textNode("s"));
        JsonPath.parse("$.studentReference.studentUniqueId")
                .put(doc, mapper.getNodeFactory().textNode("1"));
        assertThat(doc.toString())
                .isEqualTo(
                        "{\"codes\":[{\"code\":\"x\",\"system\":\"s\"}],\"studentReference\":{\"studentUniqueId\":\"1\"}}");
    }

    @Test
    void leafAndRejectsUnsupportedSyntax() {
        assertThat(JsonPath.parse("$.schoolReference.schoolId").leaf()).isEqualTo("schoolId");
        assertThatThrownBy(() -> JsonPath.parse("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("$.a[0]")).isInstanceOf(IllegalArgumentException.class);
    }
}
