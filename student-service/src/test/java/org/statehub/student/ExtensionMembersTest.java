package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.json;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Members of an extension project on a core resource (docs/decisions/0020, steps 1-2): the Ed-Fi Sample extension's
 * members of a student under {@code _ext.sample}, which this module's tests load ({@code edfi.extensions=sample} in
 * its pom), are validated, stored in the student's document and read back like the core's members.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ExtensionMembersTest {

    private static final String SAMPLE = """
            {"sample": {"pets": [{"petName": "Bingo", "isFixed": false}, {"petName": "Rex"}],
                        "petPreference": {"minimumWeight": 1, "maximumWeight": 35},
                        "aquaticPets": [{"mimimumTankVolume": 20, "petName": "Nemo"}]}}""";

    @Test
    void aStudentWithSampleMembersIsStoredAndReadBackWithThem() throws Exception {
        ObjectNode body = student(uniqueId());
        body.set("_ext", MAPPER.readTree(SAMPLE));

        Response created = post("students", body);
        created.then().statusCode(201);

        JsonNode served =
                MAPPER.readTree(given().get(created.header("Location")).asString());
        assertThat(served.get("_ext")).isEqualTo(MAPPER.readTree(SAMPLE));
    }

    @Test
    void membersAreMatchedWithoutRegardToCaseAndAnsweredInTheContractsCase() throws Exception {
        ObjectNode body = student(uniqueId());
        body.set("_EXT", MAPPER.readTree("""
                {"Sample": {"PetPreference": {"MinimumWeight": "2", "maximumWeight": 9}}}"""));

        Response created = post("students", body);
        created.then().statusCode(201);

        JsonNode served =
                MAPPER.readTree(given().get(created.header("Location")).asString());
        assertThat(served.get("_ext")).isEqualTo(MAPPER.readTree("""
                {"sample": {"petPreference": {"minimumWeight": 2, "maximumWeight": 9}}}"""));
    }

    @Test
    void anUnknownProjectOrMemberIsRefusedWithItsPath() throws Exception {
        ObjectNode body = student(uniqueId());
        body.set("_ext", MAPPER.readTree("{\"tpdm\": {\"x\": 1}}"));
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", containsString("data-validation-failed"))
                .body(containsString("$._ext"));

        body.set("_ext", MAPPER.readTree("{\"sample\": {\"petColour\": \"red\"}}"));
        post("students", body).then().statusCode(400).body(containsString("$._ext.sample"));
    }

    @Test
    void theExtensionsRulesAreChecked() throws Exception {
        ObjectNode body = student(uniqueId());
        // a pet name under its minimum length, a preference without its maximum
        body.set("_ext", MAPPER.readTree("""
                {"sample": {"pets": [{"petName": "Al"}], "petPreference": {"minimumWeight": 1}}}"""));
        JsonNode errors = MAPPER.readTree(
                        post("students", body).then().statusCode(400).extract().asString())
                .path("validationErrors");
        assertThat(errors.has("$._ext.sample.pets[0].petName")).isTrue();
        assertThat(errors.has("$._ext.sample.petPreference.maximumWeight")).isTrue();

        // items repeating their collection's item key, named as the ODS names them
        body.set("_ext", MAPPER.readTree("""
                {"sample": {"pets": [{"petName": "Bingo"}, {"petName": "Rex"}, {"petName": "Bingo"}]}}"""));
        post("students", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$._ext.sample.pets'[0]",
                        org.hamcrest.Matchers.equalTo(
                                "The 3rd item of the pets has the same identifying values as another item earlier in"
                                        + " the list."));
    }

    @Test
    void anEmptyExtRemovesTheExtensionDataAndAChangeToExtAloneIsANewVersion() throws Exception {
        ObjectNode body = student(uniqueId());
        body.set("_ext", MAPPER.readTree(SAMPLE));
        Response created = post("students", body);
        String location = created.header("Location");

        ((ObjectNode) body.get("_ext").get("sample").get("petPreference")).put("maximumWeight", 40);
        Response changed = post("students", body);
        changed.then().statusCode(200);
        assertThat(changed.header("ETag")).isNotEqualTo(created.header("ETag"));

        body.set("_ext", MAPPER.createObjectNode());
        Response removed = given().spec(json()).body(body.toString()).put(location);
        removed.then().statusCode(204);
        JsonNode served = MAPPER.readTree(given().get(location).asString());
        assertThat(served.has("_ext")).isFalse();
        assertThat(removed.header("ETag")).isNotEqualTo(changed.header("ETag"));
    }

    @Test
    void aStudentWithoutExtensionDataReadsAsBefore() throws Exception {
        ObjectNode body = student(uniqueId());
        Response created = post("students", body);
        JsonNode served =
                MAPPER.readTree(given().get(created.header("Location")).asString());

        assertThat(served.has("_ext")).isFalse();
        assertThat(given().get(BASE + "students?limit=1").statusCode()).isEqualTo(200);
    }
}
