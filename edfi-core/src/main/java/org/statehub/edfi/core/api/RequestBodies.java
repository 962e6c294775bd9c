package org.statehub.edfi.core.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.validation.Limits;
import org.statehub.edfi.core.validation.SchemaPreparation;
import org.statehub.edfi.core.validation.ValidationErrors;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * Reading the body of a write ({@link DataResource}, {@link BulkResource}): its media type, size and JSON, with
 * the Ed-Fi problem of each way it can be wrong; the members' contract names and a descriptor's namespace.
 */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * Gives the body's members their contract names before anything reads them (the namespace of a descriptor, an
     * {@code id} sent with a POST); the problem when a member was sent twice in different letter cases, else null.
     */
    static Problem canonicalNames(ResourceDefinition resource, ObjectNode body) {
        ValidationErrors repeated = SchemaPreparation.canonicalNames(resource.schema(), body);
        return repeated.isEmpty() ? null : Problems.dataValidation(repeated.asMap(), repeated.leftOut());
    }

    static String namespaceOf(ResourceDefinition resource, ObjectNode body) {
        return resource.descriptor() && body.hasNonNull("namespace")
                ? body.get("namespace").asText()
                : null;
    }

    /** A request body read: the JSON object sent, or the problem with it. */
    sealed interface Body {
        record Parsed(ObjectNode document) implements Body {}

        record Refused(Problem problem) implements Body {}
    }

    /** The JSON object of a write's body of at most {@code maxBytes}, or the problem with it. */
    static Body object(ObjectMapper mapper, String contentType, byte[] body, long maxBytes) {
        Problem mediaType = mediaTypeProblem(contentType);
        if (mediaType != null) {
            return new Body.Refused(mediaType);
        }
        if (body.length > maxBytes) {
            return new Body.Refused(Problems.payloadTooLarge(maxBytes));
        }
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            // as the ODS/API: a data validation failure of the whole body ("$")
            return new Body.Refused(
                    Problems.dataValidation(Map.of("$", List.of("A non-empty request body is required."))));
        }
        JsonNode node;
        try {
            node = readJson(mapper, body);
        } catch (JsonProcessingException e) {
            return new Body.Refused(invalidJson(e));
        } catch (java.io.IOException e) {
            return new Body.Refused(Problems.badRequest("The request body could not be read."));
        }
        if (!(node instanceof ObjectNode document)) {
            return new Body.Refused(Problems.badRequest("The request body must be a JSON object."));
        }
        return new Body.Parsed(document);
    }

    /**
     * A request body as a tree; decimals are read exactly as sent (as BigDecimal, trailing zeros kept), so no digit
     * of a number is lost or added.
     */
    static JsonNode readJson(ObjectMapper mapper, byte[] body) throws java.io.IOException {
        return mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .readTree(body);
    }

    /**
     * The 400 of a body that does not parse, with where it went wrong when the parser knows; a body beyond the
     * reader's limits (nesting deeper than 1,000 levels, a number of more than 1,000 digits) says which.
     */
    static Problem invalidJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return Problems.badRequest("The request body goes beyond what this API reads: JSON may be nested at "
                    + "most " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep, and a number may have at "
                    + "most " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits.");
        }
        JsonLocation location = e.getLocation();
        return Problems.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                + (location == null
                        ? "."
                        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")."));
    }

    /**
     * The 415 of a write whose Content-Type is not JSON, or null when it is: {@code application/json} or a media
     * type of an Ed-Fi API profile ({@code application/vnd.ed-fi.{resource}.{profile}.writable+json}; which profile,
     * and whether the type is well formed, {@link ProfileResolution#forWrite} decides), in UTF-8 (with no charset or
     * {@code charset=utf-8}). An absent Content-Type, {@code application/merge-patch+json} and other JSON-like types
     * are refused: this API reads exactly JSON documents.
     */
    static Problem mediaTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Problems.contentTypeRequired();
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
        boolean json = type.equals("application/json") || type.startsWith(ProfileResolution.PREFIX);
        for (int i = 1; json && i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                json = charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        return json ? null : Problems.unsupportedMediaType(Limits.shown(contentType));
    }
}
