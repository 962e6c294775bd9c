package org.statehub.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An Ed-Fi problem-details body. {@code correlationId} is always present (it may be null); the two detail maps
 * only when they have content.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonInclude(JsonInclude.Include.ALWAYS) String correlationId,
        Map<String, List<String>> validationErrors,
        List<String> errors) {

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, id, validationErrors, errors);
    }
}
