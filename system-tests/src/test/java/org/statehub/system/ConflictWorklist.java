package org.statehub.system;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Reads of and actions on conflict-service's worklists that several system tests share. */
final class ConflictWorklist {

    /** A person as a student record names them. */
    record Person(String firstName, String lastSurname, String birthDate) {

        /** A student of this person (female at birth), {@code studentUniqueId} its id: the body to write. */
        String student(String studentUniqueId) {
            return """
                    {"studentUniqueId": "%s", "firstName": "%s", "lastSurname": "%s", "birthDate": "%s",
                     "birthSexDescriptor": "uri://ed-fi.org/SexDescriptor#Female"}
                    """.formatted(studentUniqueId, firstName, lastSurname, birthDate);
        }
    }

    /** One child entered twice, the second time with a short name, no accents and day and month swapped. */
    static final Person GUADALUPE = new Person("Guadalupe", "Arredondo Villaseñor", "2011-04-09");

    static final Person LUPE = new Person("Lupe", "Arredondo-Villasenor", "2011-09-04");

    private ConflictWorklist() {}

    /** POST of a resolution of conflict {@code id} by the caller with {@code body}: the answer. */
    static ValidatableResponse resolve(RequestSpecification caller, long id, String body) {
        return caller.body(body)
                .post("/conflicts/v1/conflicts/" + id + "/resolution")
                .then();
    }

    /**
     * A merge of {@code retired} into {@code survivor} for the pair {@code pairId} with {@code note}, requested by
     * the caller, whose client id is {@code requestedBy}: its id (201, state requested).
     */
    static long requestMerge(
            RequestSpecification caller,
            String retired,
            String survivor,
            long pairId,
            String note,
            String requestedBy) {
        return ((Number) caller.body("""
                        {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "duplicatePairId": %d,
                         "note": "%s"}
                        """.formatted(retired, survivor, pairId, note))
                        .post("/conflicts/v1/merges")
                        .then()
                        .statusCode(201)
                        .body("state", equalTo("requested"))
                        .body("requestedBy", equalTo(requestedBy))
                        .extract()
                        .path("id"))
                .longValue();
    }

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
