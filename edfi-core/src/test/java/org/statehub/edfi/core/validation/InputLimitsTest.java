package org.statehub.edfi.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * What the validator refuses so that nothing a client sends reaches the database as a failure or is stored
 * changed: text PostgreSQL cannot hold, integers outside their format, dates outside the accepted range; and how
 * much it reports of a body with a huge number of errors.
 */
class InputLimitsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load();
    private final DocumentValidator validator = new DocumentValidator();

    private static ObjectNode example(String resource) throws IOException {
        try (InputStream in = InputLimitsTest.class.getResourceAsStream("/examples/valid/" + resource + ".json")) {
            return (ObjectNode) MAPPER.readTree(in).get("body");
        }
    }

    private Map<String, List<String>> errors(String resource, ObjectNode body) {
        ResourceDefinition definition = CATALOG.find(resource);
        SchemaPreparation.prepare(definition.schema(), body);
        return validator.validate(definition, body).asMap();
    }

    @Test
    void integersOutsideTheirFormatAreRefusedAtTheirPath() throws Exception {
        for (String id :
                new String[] {"1000000000000000000000000000000", "9223372036854775808", "1e300", "-9223372036854775809"
                }) {
            ObjectNode school = example("schools");
            school.set("schoolId", MAPPER.readTree(id));
            assertThat(errors("schools", school)).as(id).containsKey("$.schoolId");
            assertThat(errors("schools", school).get("$.schoolId").get(0))
                    .isEqualTo("SchoolId must be between -9223372036854775808 and 9223372036854775807.");
        }
        ObjectNode school = example("schools");
        school.put("schoolId", Long.MAX_VALUE);
        assertThat(errors("schools", school)).isEmpty();

        ObjectNode year = example("schoolYearTypes");
        year.put("schoolYear", 3_000_000_000L);
        assertThat(errors("schoolYearTypes", year)).containsKey("$.schoolYear");
        ObjectNode seoa = example("studentEducationOrganizationAssociations");
        seoa.with("educationOrganizationReference")
                .put("educationOrganizationId", new java.math.BigInteger("1" + "0".repeat(30)));
        assertThat(errors("studentEducationOrganizationAssociations", seoa))
                .containsKey("$.educationOrganizationReference.educationOrganizationId");
    }

    @Test
    void aDeclaredNarrowerRangeIsKept() throws Exception {
        ObjectNode event = example("studentSchoolAttendanceEvents");
        event.put("schoolAttendanceDuration", 1441);
        assertThat(errors("studentSchoolAttendanceEvents", event).get("$.schoolAttendanceDuration"))
                .containsExactly("SchoolAttendanceDuration must be between 0 and 1440.");
    }

    @Test
    void nulCharactersAndLoneSurrogatesAreRefusedWhereverTheyAre() throws Exception {
        ObjectNode student = example("students");
        student.put("firstName", "Li\u0000sa");
        assertThat(errors("students", student).get("$.firstName"))
                .singleElement()
                .asString()
                .contains("NUL character");

        ObjectNode nested = example("students");
        nested.putArray("otherNames")
                .addObject()
                .put("otherNameTypeDescriptor", "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname")
                .put("firstName", "Liz")
                .put("lastSurname", "Wo\uD800ods");
        assertThat(errors("students", nested).get("$.otherNames[0].lastSurname"))
                .singleElement()
                .asString()
                .contains("lone UTF-16 surrogate");

        ObjectNode name = example("students");
        name.put("bad\u0000name", "x");
        assertThat(errors("students", name).keySet()).containsExactly("$.bad\u0000name");

        ObjectNode pair = example("students");
        pair.put("firstName", "Emoji \uD83D\uDE00");
        assertThat(errors("students", pair)).isEmpty();
    }

    @Test
    void datesMustBeRealDatesInTheAcceptedRange() throws Exception {
        for (String date :
                new String[] {"0000-01-01", "1752-12-31", "2023-02-30", "99999-01-01", "-999999999-01-01", "2023-1-01"
                }) {
            ObjectNode student = example("students");
            student.put("birthDate", date);
            assertThat(errors("students", student)).as(date).containsKey("$.birthDate");
        }
        ObjectNode student = example("students");
        student.put("birthDate", "1753-01-01");
        assertThat(errors("students", student)).isEmpty();
        student.put("birthDate", "9999-12-31");
        assertThat(errors("students", student)).isEmpty();
    }

    @Test
    void aHugeInvalidArrayIsReportedInAtMostAHundredMessagesQuickly() throws Exception {
        ObjectNode student = example("students");
        ArrayNode names = student.putArray("otherNames");
        for (int i = 0; i < 200_000; i++) {
            names.addObject().put("x", i);
        }
        validator.validate(CATALOG.find("students"), example("students")); // compiles the schema
        SchemaPreparation.prepare(CATALOG.find("students").schema(), student);
        long start = System.nanoTime();
        ValidationErrors errors = validator.validate(CATALOG.find("students"), student);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int messages = errors.asMap().values().stream().mapToInt(List::size).sum();
        assertThat(messages).isEqualTo(ValidationErrors.MAX_MESSAGES);
        assertThat(errors.leftOut()).singleElement().asString().startsWith("Only the first 100 validation errors");
        assertThat(millis).as("validation time").isLessThan(2_000);
    }

    @Test
    void aHugeArrayOfDuplicatesIsReportedInAtMostAHundredMessages() throws Exception {
        ObjectNode student = example("students");
        ArrayNode names = student.putArray("otherNames");
        for (int i = 0; i < 10_000; i++) { // about what fits in a 1 MiB body
            names.addObject()
                    .put("otherNameTypeDescriptor", "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname")
                    .put("firstName", "Liz")
                    .put("lastSurname", "Woods");
        }
        SchemaPreparation.prepare(CATALOG.find("students").schema(), student);
        long start = System.nanoTime();
        ValidationErrors errors = validator.validate(CATALOG.find("students"), student);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(errors.asMap().get("$.otherNames")).hasSize(ValidationErrors.MAX_MESSAGES);
        assertThat(errors.leftOut())
                .containsExactly("Only the first 100 validation errors are reported; "
                        + (10_000 - 1 - ValidationErrors.MAX_MESSAGES) + " more were left out.");
        assertThat(millis).as("validation time").isLessThan(3_000);
    }

    @Test
    void longValuesAreShortenedInMessages() throws Exception {
        ObjectNode student = example("students");
        student.put("birthDate", "x".repeat(10_000));
        List<String> messages = errors("students", student).get("$.birthDate");
        assertThat(messages).singleElement().asString().hasSizeLessThan(400);
    }

    @Test
    void limitsOfTextAndDates() {
        assertThat(Limits.unstorable("plain")).isNull();
        assertThat(Limits.unstorable("\uDE00x")).contains("surrogate");
        assertThat(Limits.unstorable("x\uD83D")).contains("surrogate");
        assertThat(Limits.validDate("2024-02-29")).isTrue();
        assertThat(Limits.validDate("2023-02-29")).isFalse();
    }
}
