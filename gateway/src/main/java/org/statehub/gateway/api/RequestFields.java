package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of the body of {@code /oauth/token} and {@code /oauth/token_info}. */
final class RequestFields {

    private RequestFields() {}

    /**
     * The fields of a form ({@code application/x-www-form-urlencoded}) or JSON object body, as the OAuth endpoints
     * take them; an {@link IllegalArgumentException} with the reason when the body cannot be read.
     */
    static Map<String, String> read(String contentType, byte[] body, ObjectMapper mapper) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return fields;
        }
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (type.equals("application/json") || type.endsWith("+json")) {
            try {
                JsonNode json = mapper.readTree(text);
                if (json == null || !json.isObject()) {
                    throw new IllegalArgumentException("The body must be a JSON object.");
                }
                json.properties()
                        .forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("The body is not valid JSON.");
            }
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }
}
