package org.statehub.feed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A refused outbox row as the record's data error (docs/FEEDS.md, "Publishing"): its code is the hub's status and
 * problem type ({@code 400 urn:ed-fi:api:bad-request:data-validation-failed}), its message the problem's detail,
 * errors and validation errors; an answer that is not a problem body is kept as it is. A row that failed inside
 * feed-service has the code {@code undeliverable} and its own message.
 */
public record Refusal(String code, String message) {

    public static Refusal of(DeliveryOutcome outcome, Operation operation, ObjectMapper mapper) {
        String code = outcome.httpStatus() == null ? "undeliverable" : String.valueOf(outcome.httpStatus());
        String message = outcome.detail();
        try {
            JsonNode problem = mapper.readTree(outcome.detail());
            if (problem != null && problem.isObject()) {
                code = outcome.httpStatus() + " " + problem.path("type").asText("");
                List<String> parts = new ArrayList<>();
                parts.add(problem.path("detail").asText(""));
                problem.path("errors").forEach(e -> parts.add(e.asText()));
                problem.path("validationErrors")
                        .properties()
                        .forEach(e -> e.getValue().forEach(m -> parts.add(e.getKey() + ": " + m.asText())));
                message = String.join(" ", parts).trim();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw answer
        }
        return new Refusal(
                code,
                outcome.httpStatus() == null ? message : "The hub refused the " + operation.value() + ": " + message);
    }
}
