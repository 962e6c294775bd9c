package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.json;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.jdbc.Transactions;
import org.statehub.testing.PostgresTestResource;

/**
 * The {@code link} object of every reference in a GET answer, as the Ed-Fi ODS/API 7.3 returns it:
 * {@code "link": {"rel": "Student", "href": "/ed-fi/students/<id>"}}, {@code rel} the referenced resource's name
 * (for an education organization, the concrete one) and {@code href} the referenced item, relative to the data
 * path (https://docs.ed-fi.org/reference/ods-api/client-developers-guide/basics: a reference in a response with its
 * link; the link is read-only and ignored when a client sends it back).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class LinksTest {

    @Inject
    AgroalDataSource dataSource;

    private static JsonNode get(String resource, String id) throws Exception {
        return MAPPER.readTree(given().get(BASE + resource + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static JsonNode link(String rel, String resource, String id) {
        return MAPPER.createObjectNode().put("rel", rel).put("href", "/ed-fi/" + resource + "/" + id);
    }

    /** A school as enrollment-service's replication stores it here (these tests run without that service). */
    private UUID replicatedSchool(long schoolId) throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode body = MAPPER.createObjectNode().put("schoolId", schoolId).put("nameOfInstitution", "Linked High");
        Transactions.inTransaction(dataSource, c -> {
            new ReplicaStore().upsert(c, "schools", id, "[" + schoolId + "]", body.toString(), 1);
            return null;
        });
        return id;
    }

    @Test
    void referencesToItemsOfThisServiceCarryTheirLinkInGetByIdAndInCollections() throws Exception {
        String studentUniqueId = uniqueId();
        String contactUniqueId = uniqueId();
        String studentId = create("students", student(studentUniqueId));
        String contactId = create("contacts", AssociationApiTest.contact(contactUniqueId));
        String associationId =
                create("studentContactAssociations", AssociationApiTest.sca(studentUniqueId, contactUniqueId));

        JsonNode item = get("studentContactAssociations", associationId);
        assertThat(item.get("studentReference"))
                .isEqualTo(MAPPER.createObjectNode()
                        .put("studentUniqueId", studentUniqueId)
                        .set("link", link("Student", "students", studentId)));
        assertThat(item.get("contactReference").get("link")).isEqualTo(link("Contact", "contacts", contactId));
        // the link is the last member of the reference, as the ODS/API writes it
        assertThat(item.get("contactReference").fieldNames().next()).isEqualTo("contactUniqueId");

        JsonNode page = MAPPER.readTree(given().queryParam("studentUniqueId", studentUniqueId)
                .get(BASE + "studentContactAssociations")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page).hasSize(1);
        assertThat(page.get(0)).isEqualTo(item);
        // the href is the item's address under the data path
        given().get(BASE.substring(0, BASE.length() - "/ed-fi/".length())
                        + item.get("studentReference").get("link").get("href").asText())
                .then()
                .statusCode(200);
    }

    @Test
    void referencesToAnotherServicesItemsAreLinkedThroughItsReplicaWithTheConcreteResourceName() throws Exception {
        long schoolId = 255_000_000L + (System.nanoTime() % 999_999);
        UUID schoolItem = replicatedSchool(schoolId);
        String studentUniqueId = uniqueId();
        create("students", student(studentUniqueId));
        String seoa =
                create("studentEducationOrganizationAssociations", AssociationApiTest.seoa(studentUniqueId, schoolId));

        JsonNode reference =
                get("studentEducationOrganizationAssociations", seoa).get("educationOrganizationReference");
        assertThat(reference.get("educationOrganizationId").asLong()).isEqualTo(schoolId);
        assertThat(reference.get("link"))
                .isEqualTo(link("School", "schools", schoolItem.toString().replace("-", "")));
    }

    @Test
    void aReferenceToAnItemThisServiceDoesNotKnowHasNoLink() throws Exception {
        String studentUniqueId = uniqueId();
        create("students", student(studentUniqueId));
        // no school, LEA or SEA 255901 is known here; schoolYearTypes are not replicated to student-service
        String seoa =
                create("studentEducationOrganizationAssociations", AssociationApiTest.seoa(studentUniqueId, 255901));

        JsonNode item = get("studentEducationOrganizationAssociations", seoa);
        assertThat(item.get("educationOrganizationReference").has("link")).isFalse();
        assertThat(item.get("cohortYears").get(0).get("schoolYearTypeReference").has("link"))
                .isFalse();
        assertThat(item.get("studentReference").has("link")).isTrue();
    }

    @Test
    void aGetAnswerPutBackWithItsLinksIsAcceptedAndTheLinksAreNotStored() throws Exception {
        String studentUniqueId = uniqueId();
        String contactUniqueId = uniqueId();
        create("students", student(studentUniqueId));
        create("contacts", AssociationApiTest.contact(contactUniqueId));
        String id = create("studentContactAssociations", AssociationApiTest.sca(studentUniqueId, contactUniqueId));
        ObjectNode served = (ObjectNode) get("studentContactAssociations", id);
        String etag = served.get("_etag").asText();

        ObjectNode changed = served.deepCopy();
        changed.put("contactPriority", 7);
        // a client may even send a link of its own: it is ignored
        ((ObjectNode) changed.get("contactReference").get("link")).put("href", "/ed-fi/contacts/elsewhere");
        json().body(changed.toString())
                .put(BASE + "studentContactAssociations/" + id)
                .then()
                .statusCode(204);

        JsonNode after = get("studentContactAssociations", id);
        assertThat(after.get("contactPriority").asInt()).isEqualTo(7);
        assertThat(after.get("contactReference").get("link"))
                .isEqualTo(served.get("contactReference").get("link"));
        assertThat(after.get("_etag").asText()).isNotEqualTo(etag);
        String stored = Transactions.read(dataSource, c -> {
            try (var ps = c.prepareStatement("SELECT body::text FROM document WHERE id = ?")) {
                ps.setObject(
                        1,
                        UUID.fromString(id.replaceFirst(
                                "(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)",
                                "$1-$2-$3-$4-$5")));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(stored).doesNotContain("\"link\"");
    }
}
