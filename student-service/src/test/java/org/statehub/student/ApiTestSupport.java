package org.statehub.student;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;

/** Helpers shared by the API tests: sample bodies, unique keys, and JSON requests. */
final class ApiTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BASE = "/data/v3/ed-fi/";

    private ApiTestSupport() {}

    static ObjectNode sample(String resource) {
        try (InputStream in = ApiTestSupport.class.getResourceAsStream("/samples/" + resource + ".json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String uniqueId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static ObjectNode student(String uniqueId) {
        ObjectNode body = sample("students");
        body.put("studentUniqueId", uniqueId);
        return body;
    }

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    static Response post(String resource, JsonNode body) {
        return json().body(body.toString()).post(BASE + resource);
    }

    /** A POST of a new student whose body has {@code member} set to {@code value}: the answer. */
    static ValidatableResponse postStudentWith(String member, String value) {
        ObjectNode body = student(uniqueId());
        body.put(member, value);
        return post("students", body).then();
    }

    /** A PUT of a new student's body at {@code path} (the students' collection and an id, or a Location). */
    static ValidatableResponse putNewStudentAt(String path) {
        return json().body(student(uniqueId()).toString()).put(path).then();
    }

    /** A POST of {@code body} as it is (malformed JSON, an array, nothing at all). */
    static Response post(String resource, String body) {
        return json().body(body).post(BASE + resource);
    }

    /** POSTs and returns the id from the Location header. */
    static String create(String resource, JsonNode body) {
        Response response = post(resource, body);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError(
                    "POST " + resource + " answered " + response.statusCode() + ": " + response.asString());
        }
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Puts an item of enrollment-service into this service's replica, as replication would (these tests run
     * without that service).
     */
    static void replicate(DataSource dataSource, ResourceCatalog catalog, String resource, String body)
            throws Exception {
        String naturalKey = NaturalKeys.of(catalog.find(resource), MAPPER.readTree(body));
        Transactions.inTransaction(dataSource, c -> {
            new ReplicaStore().upsert(c, resource, Ids.next(), naturalKey, body, 1);
            return null;
        });
    }

    /** The body without JSON nulls, as the server stores and serves it. */
    static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (object.get(name).isNull()) {
                    object.remove(name);
                } else {
                    strip(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(ApiTestSupport::strip);
        }
    }
}
