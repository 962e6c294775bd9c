package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.statehub.edfi.core.store.Ids;

/** Calls of conflict-service's API that its API tests share. */
final class ConflictApi {

    static final String DUPLICATES = "/conflicts/v1/duplicates";

    private ConflictApi() {}

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** POSTs {@code body} (none when null) to {@code path} as the caller. */
    static ValidatableResponse post(String token, String path, String body) {
        RequestSpecification request = as(token);
        return (body == null ? request : request.body(body)).post(path).then();
    }

    /** The body of an action that takes a note: {@code {"note": ...}}. */
    static String note(String note) {
        return JsonNodeFactory.instance.objectNode().put("note", note).toString();
    }

    /** The answer is a problem of this status and type. */
    static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).body("type", equalTo(type));
    }

    /** A request for the first 500 pairs the caller sees, in any state. */
    static RequestSpecification everyPair(String token) {
        return as(token).queryParam("state", "all").queryParam("limit", 500);
    }

    /** The pair of these two students on the worklist the caller sees (state all), or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pairOf(String token, UUID a, UUID b) {
        List<Map<String, Object>> items = everyPair(token)
                .get(DUPLICATES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        for (Map<String, Object> item : items) {
            List<Object> ids = ((List<Map<String, Object>>) item.get("students"))
                    .stream().map(s -> s.get("id")).toList();
            if (ids.contains(Ids.format(a)) && ids.contains(Ids.format(b))) {
                return item;
            }
        }
        return null;
    }

    static long id(Map<String, Object> pair) {
        if (pair == null) {
            throw new AssertionError("the pair is not on the worklist");
        }
        return ((Number) pair.get("id")).longValue();
    }
}
