package org.statehub.system;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Reads of conflict-service's worklists that several system tests share. */
final class ConflictWorklist {

    private ConflictWorklist() {}

    /** The potential-duplicate pairs (every state) that {@code caller} sees with both these students. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pairs(RequestSpecification caller, String a, String b) {
        List<Map<String, Object>> items = caller.queryParam("state", "all")
                .queryParam("limit", 500)
                .get("/conflicts/v1/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return items.stream()
                .filter(item -> {
                    List<Object> ids = ((List<Map<String, Object>>) item.get("students"))
                            .stream().map(s -> s.get("studentUniqueId")).toList();
                    return ids.contains(a) && ids.contains(b);
                })
                .toList();
    }
}
