package org.statehub.edfi.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/** The contract's own example bodies: every valid one passes, every invalid one fails where it says. */
class DocumentValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load();
    private final DocumentValidator validator = new DocumentValidator();

    static Stream<Path> valid() throws Exception {
        return files("valid");
    }

    static Stream<Path> invalid() throws Exception {
        return files("invalid");
    }

    private static Stream<Path> files(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(
                DocumentValidatorTest.class.getResource("/examples/" + folder).toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    private static ResourceDefinition resourceOf(JsonNode example) {
        String schema = example.get("schema").asText();
        if (schema.equals("descriptor.schema.json")) {
            return CATALOG.find("sexDescriptors");
        }
        return CATALOG.find(schema.substring(0, schema.indexOf('.')));
    }

    /** What the validator finds in an example's body, prepared as the engine prepares a body. */
    private Map<String, List<String>> errors(JsonNode example) {
        ObjectNode body = (ObjectNode) example.get("body");
        ResourceDefinition resource = resourceOf(example);
        SchemaPreparation.prepare(resource.schema(), body);
        return validator.validate(resource, body).asMap();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validExampleBodiesPass(Path file) throws Exception {
        assertThat(errors(MAPPER.readTree(file.toFile())))
                .as(file.getFileName().toString())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidExampleBodiesFailAtTheExpectedPath(Path file) throws Exception {
        JsonNode example = MAPPER.readTree(file.toFile());
        Map<String, List<String>> errors = errors(example);
        assertThat(errors).as(file.getFileName().toString()).isNotEmpty();
        for (JsonNode expected : example.get("expectErrors")) {
            String path = expected.get(0).asText();
            String keyword = expected.get(1).asText();
            // a missing member is reported at the member's own path; a reference at the reference's path
            boolean reported = errors.keySet().stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "."));
            assertThat(reported)
                    .as(file.getFileName() + " expects " + keyword + " at " + path + ", got " + errors)
                    .isTrue();
        }
    }

    @Test
    void numericStringsBecomeNumbersAndNullsDisappear() throws Exception {
        ResourceDefinition seoa = CATALOG.find("studentEducationOrganizationAssociations");
        ObjectNode body = (ObjectNode) MAPPER.readTree("""
                {"educationOrganizationReference":{"educationOrganizationId":"255901"},
                 "studentReference":{"studentUniqueId":"1","link":{"rel":"Student","href":"/x"}},
                 "sexDescriptor":null, "races":null, "id":"abc", "_etag":"1"}""");
        SchemaPreparation.prepare(seoa.schema(), body);
        assertThat(body.toString())
                .isEqualTo("{\"educationOrganizationReference\":{\"educationOrganizationId\":255901},"
                        + "\"studentReference\":{\"studentUniqueId\":\"1\"}}");
        assertThat(validator.validate(seoa, body).isEmpty()).isTrue();
    }

    @Test
    void uniquenessAndUnifiedKeysAreChecked() throws Exception {
        ResourceDefinition ssa = CATALOG.find("studentSchoolAssociations");
        ObjectNode body;
        try (InputStream in = getClass().getResourceAsStream("/examples/valid/studentSchoolAssociations.json")) {
            body = (ObjectNode) MAPPER.readTree(in).get("body");
        }
        body.withObject("calendarReference").put("schoolId", 1);
        SchemaPreparation.prepare(ssa.schema(), body);
        Map<String, List<String>> errors = validator.validate(ssa, body).asMap();
        assertThat(errors.values().stream().flatMap(List::stream))
                .anyMatch(m -> m.startsWith("All values supplied for 'schoolId' must match."));
    }
}
