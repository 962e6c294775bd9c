package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.sample;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.student.ApiTestSupport.withoutNulls;
import static org.statehub.testing.ProblemDetails.isProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/** Contacts, studentContactAssociations and studentEducationOrganizationAssociations with their references. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class AssociationApiTest {

    static ObjectNode contact(String uniqueId) {
        ObjectNode body = sample("contacts");
        body.put("contactUniqueId", uniqueId);
        return body;
    }

    static ObjectNode seoa(String studentUniqueId, long educationOrganizationId) {
        ObjectNode body = sample("studentEducationOrganizationAssociations");
        body.withObject("studentReference").put("studentUniqueId", studentUniqueId);
        body.withObject("educationOrganizationReference").put("educationOrganizationId", educationOrganizationId);
        return body;
    }

    static ObjectNode sca(String studentUniqueId, String contactUniqueId) {
        ObjectNode body = sample("studentContactAssociations");
        body.withObject("studentReference").put("studentUniqueId", studentUniqueId);
        body.withObject("contactReference").put("contactUniqueId", contactUniqueId);
        return body;
    }

    private static void assertReadsBackIdentical(String resource, ObjectNode body) throws Exception {
        String id = create(resource, body);
        ObjectNode served = (ObjectNode)
                MAPPER.readTree(given().get(BASE + resource + "/" + id).asString());
        assertThat(served.remove("id").asText()).isEqualTo(id);
        assertThat(served.remove("_etag")).isNotNull();
        assertThat(served.remove("_lastModifiedDate")).isNotNull();
        // the links a read adds to references are not part of what was stored (LinksTest checks them)
        assertThat(org.statehub.edfi.contract.ResourceDefinition.withoutLinks(served))
                .isEqualTo(MAPPER.readTree(withoutNulls(body).toString()));
    }

    @Test
    void edFiSampleBodiesOfEveryResourceReadBackIdentical() throws Exception {
        String studentId = uniqueId();
        String contactId = uniqueId();
        assertReadsBackIdentical("students", student(studentId));
        assertReadsBackIdentical("contacts", contact(contactId));
        assertReadsBackIdentical("studentContactAssociations", sca(studentId, contactId));
        assertReadsBackIdentical("studentEducationOrganizationAssociations", seoa(studentId, 255901));
    }

    @Test
    void associationWithUnknownStudentAnswers409UnresolvedReference() {
        post("studentEducationOrganizationAssociations", seoa(uniqueId(), 255901))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:unresolved-reference"))
                .body("title", equalTo("Unresolved Reference"))
                .body("detail", equalTo("The referenced 'Student' item does not exist."));
        String studentId = uniqueId();
        create("students", student(studentId));
        post("studentContactAssociations", sca(studentId, uniqueId()))
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'Contact' item does not exist."));
    }

    @Test
    void referenceToAResourceOutsideTheApiAnswers409() {
        ObjectNode body = student(uniqueId());
        body.putObject("personReference")
                .put("personId", "P1")
                .put("sourceSystemDescriptor", "uri://ed-fi.org/SourceSystemDescriptor#District");
        post("students", body)
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'Person' item does not exist."));
    }

    @Test
    void partialReferenceAnswers400NamingTheMissingField() {
        ObjectNode body = seoa(uniqueId(), 255901);
        body.putObject("studentReference");
        post("studentEducationOrganizationAssociations", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.studentReference'",
                        hasItem("StudentReference is missing the following properties: StudentUniqueId"));
    }

    @Test
    void deletingAStudentWithAssociationsAnswers409DependentItemExists() {
        String studentId = uniqueId();
        String id = create("students", student(studentId));
        String seoaId = create("studentEducationOrganizationAssociations", seoa(studentId, 255901));
        isProblem(
                        given().delete(BASE + "students/" + id).then(),
                        409,
                        "urn:ed-fi:api:data-conflict:dependent-item-exists",
                        "The requested action cannot be performed because this item is referenced "
                                + "by an existing 'StudentEducationOrganizationAssociation' item.")
                .body("title", equalTo("Dependent Item Exists"));
        given().get(BASE + "students/" + id).then().statusCode(200);
        given().delete(BASE + "studentEducationOrganizationAssociations/" + seoaId)
                .then()
                .statusCode(204);
        given().delete(BASE + "students/" + id).then().statusCode(204);
    }

    @Test
    void duplicateCollectionItemsAnswer400() {
        ObjectNode body = seoa(uniqueId(), 255901);
        body.withArray("races").addObject().put("raceDescriptor", "uri://ed-fi.org/RaceDescriptor#White");
        ((ObjectNode) body.withArray("studentCharacteristics").get(0))
                .withArray("periods")
                .addObject()
                .put("beginDate", "2024-08-19");
        post("studentEducationOrganizationAssociations", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.races'",
                        hasItem("The 2nd item of the races has the same identifying "
                                + "values as another item earlier in the list."))
                .body(
                        "validationErrors.'$.studentCharacteristics[0].periods'",
                        hasItem("The 2nd item of the periods "
                                + "has the same identifying values as another item earlier in the list."));
    }

    @Test
    void nestedDescriptorValuesAreValidatedWithTheirPath() {
        String studentId = uniqueId();
        create("students", student(studentId));
        ObjectNode body = seoa(studentId, 255901);
        ((ObjectNode) body.withArray("disabilities")
                        .get(0)
                        .withArray("designations")
                        .get(0))
                .put("disabilityDesignationDescriptor", "uri://ed-fi.org/DisabilityDesignationDescriptor#Nope");
        post("studentEducationOrganizationAssociations", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.disabilities[0].designations[0].disabilityDesignationDescriptor'",
                        hasItem("DisabilityDesignationDescriptor value "
                                + "'uri://ed-fi.org/DisabilityDesignationDescriptor#Nope' does not exist."));
    }

    @Test
    void numericStringsAreAcceptedForIntegerMembers() throws Exception {
        String studentId = uniqueId();
        create("students", student(studentId));
        ObjectNode body = seoa(studentId, 255901);
        body.withObject("educationOrganizationReference").put("educationOrganizationId", "255901");
        Response created = post("studentEducationOrganizationAssociations", body);
        created.then().statusCode(201);
        JsonNode served =
                MAPPER.readTree(given().get(created.header("Location")).asString());
        assertThat(served.at("/educationOrganizationReference/educationOrganizationId")
                        .isNumber())
                .isTrue();
        // the same natural key as a number is the same item
        post("studentEducationOrganizationAssociations", seoa(studentId, 255901))
                .then()
                .statusCode(200)
                .header("Location", equalTo(created.header("Location")));
    }

    @Test
    void queryByReferenceFieldAndCollectionItemFindsTheAssociation() throws Exception {
        String studentId = uniqueId();
        create("students", student(studentId));
        ObjectNode body = seoa(studentId, 255902);
        ((ObjectNode) body.withArray("studentIdentificationCodes").get(0)).put("identificationCode", studentId);
        String id = create("studentEducationOrganizationAssociations", body);
        JsonNode byStudent = MAPPER.readTree(given().queryParam("studentUniqueId", studentId)
                .get(BASE + "studentEducationOrganizationAssociations")
                .asString());
        assertThat(byStudent).hasSize(1);
        assertThat(byStudent.get(0).get("id").asText()).isEqualTo(id);
        given().queryParam("identificationCode", studentId)
                .queryParam("educationOrganizationId", "255902")
                .queryParam("sexDescriptor", "uri://ed-fi.org/SexDescriptor#Female")
                .queryParam("hispanicLatinoEthnicity", "false")
                .get(BASE + "studentEducationOrganizationAssociations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(id));
        given().queryParam("studentUniqueId", studentId)
                .queryParam("sexDescriptor", "uri://ed-fi.org/SexDescriptor#Male")
                .get(BASE + "studentEducationOrganizationAssociations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("educationOrganizationId", "abc")
                .get(BASE + "studentEducationOrganizationAssociations")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
    }
}
