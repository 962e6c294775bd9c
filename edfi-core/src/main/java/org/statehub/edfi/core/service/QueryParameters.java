package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;
import org.statehub.edfi.core.validation.Limits;

/**
 * The query parameters of the read side, parsed and checked with the ODS/API's messages: paging (offset and
 * limit, or page tokens and page size), totalCount, the change-version window, and the typed values of query
 * fields. Names are matched case-insensitively; every problem found is added to the caller's list.
 */
final class QueryParameters {

    private QueryParameters() {}

    /** Paging and change-version parameters, parsed and checked. */
    record Paging(
            long offset,
            int limit,
            boolean totalCount,
            Long afterSid,
            Long beforeSid,
            Integer pageSize,
            Long minChangeVersion,
            Long maxChangeVersion) {}

    /**
     * A position in a collection's order: the items after {@code afterSid} and, for a partition other than the
     * last, before {@code beforeSid} (null: to the end of the collection).
     */
    record Position(long afterSid, Long beforeSid) {}

    static Paging paging(Map<String, String> parameters, List<String> errors) {
        String offsetText = get(parameters, "offset");
        String limitText = get(parameters, "limit");
        String pageToken = get(parameters, "pageToken");
        String pageSizeText = get(parameters, "pageSize");
        long offset = 0;
        int limit = QueryService.MAX_LIMIT;
        if (offsetText != null) {
            Long v = parseLong(offsetText);
            if (v == null || v < 0) {
                errors.add("Offset cannot be a negative value.");
            } else {
                offset = v;
            }
        }
        if (limitText != null) {
            Long v = parseLong(limitText);
            if (v == null || v < 0 || v > QueryService.MAX_LIMIT) {
                errors.add("Limit must be omitted or set to a value between 0 and " + QueryService.MAX_LIMIT + ".");
            } else {
                limit = v.intValue();
            }
        }
        Integer pageSize = null;
        Long afterSid = null;
        Long beforeSid = null;
        if (pageToken != null || pageSizeText != null) {
            if (offsetText != null || limitText != null) {
                errors.add("Both offset/limit and key set paging parameters are provided, but only one type of paging "
                        + "can be used.");
            }
            pageSize = QueryService.MAX_LIMIT;
            if (pageSizeText != null) {
                Long v = parseLong(pageSizeText);
                if (v == null || v < 0 || v > QueryService.MAX_LIMIT) {
                    errors.add(
                            "PageSize must be omitted or set to a value between 0 and " + QueryService.MAX_LIMIT + ".");
                } else {
                    pageSize = v.intValue();
                }
            }
            if (pageToken != null) {
                Position position = untoken(pageToken);
                if (position == null) {
                    errors.add("The pageToken is not valid. Use a token of /partitions or the value of the "
                            + "Next-Page-Token header.");
                } else {
                    afterSid = position.afterSid();
                    beforeSid = position.beforeSid();
                }
            }
        }
        boolean totalCount = false;
        String totalText = get(parameters, "totalCount");
        if (totalText != null) {
            if (totalText.equalsIgnoreCase("true") || totalText.equalsIgnoreCase("false")) {
                totalCount = Boolean.parseBoolean(totalText.toLowerCase(Locale.ROOT));
            } else {
                errors.add("TotalCount must be true or false.");
            }
        }
        if (totalCount && pageToken != null) {
            // "The totalCount query string parameter is not supported with cursor paging (i.e. when using
            // pageToken)": Ed-Fi's client developers' guide, "Improve Paging Performance with Partitioned Cursor
            // Paging"; the text is the ODS/API's own
            errors.add("Total count cannot be determined while using cursor paging (when pageToken is specified).");
        }
        Long min = changeVersion(parameters, "minChangeVersion", errors);
        Long max = changeVersion(parameters, "maxChangeVersion", errors);
        if (min != null && max != null && min > max) {
            errors.add("MinChangeVersion cannot be greater than MaxChangeVersion.");
        }
        return new Paging(offset, limit, totalCount, afterSid, beforeSid, pageSize, min, max);
    }

    private static Long changeVersion(Map<String, String> parameters, String name, List<String> errors) {
        String text = get(parameters, name);
        if (text == null) {
            return null;
        }
        Long v = parseLong(text);
        if (v == null || v < 0) {
            errors.add("The value '" + text + "' is not valid for " + name + ". A non-negative whole number is "
                    + "expected.");
        }
        return v;
    }

    static JsonNode typed(
            ObjectMapper mapper,
            ResourceDefinition resource,
            ResourceDefinition.QueryParameter field,
            String text,
            List<String> errors) {
        JsonNode schema = SchemaNavigator.at(resource.schema(), field.path());
        String shown = Limits.shown(text);
        if (SchemaNavigator.hasType(schema, "integer")) {
            Long v = parseLong(text);
            if (v == null) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". A whole number is "
                        + "expected.");
                return null;
            }
            return inRange(schema, field, BigDecimal.valueOf(v), shown, errors)
                    ? mapper.getNodeFactory().numberNode(v)
                    : null;
        }
        if (SchemaNavigator.hasType(schema, "number")) {
            BigDecimal v;
            try {
                v = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". A number is expected.");
                return null;
            }
            if (Math.abs((long) v.precision() - v.scale()) > MAX_DIGITS || Math.abs(v.scale()) > MAX_DIGITS) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". It has too many "
                        + "digits.");
                return null;
            }
            return inRange(schema, field, v, shown, errors)
                    ? mapper.getNodeFactory().numberNode(v)
                    : null;
        }
        if (Limits.isDate(schema) && !Limits.validDate(text)) {
            errors.add("The value '" + shown + "' is not a valid date for " + field.name() + ". " + Limits.dateRule());
            return null;
        }
        if (SchemaNavigator.hasType(schema, "boolean")) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
            }
            errors.add("The value '" + text + "' is not valid for " + field.name() + ". Use true or false.");
            return null;
        }
        return mapper.getNodeFactory().textNode(text);
    }

    /** Most digits before or after the decimal point a number parameter may have. */
    private static final int MAX_DIGITS = 100;

    /** Whether a numeric parameter lies within its member's range (format int32/int64, minimum, maximum). */
    private static boolean inRange(
            JsonNode schema,
            ResourceDefinition.QueryParameter field,
            BigDecimal value,
            String shown,
            List<String> errors) {
        BigDecimal minimum = Limits.minimum(schema);
        BigDecimal maximum = Limits.maximum(schema);
        if ((minimum != null && value.compareTo(minimum) < 0) || (maximum != null && value.compareTo(maximum) > 0)) {
            errors.add("The value '" + shown + "' is not valid for " + field.name() + ". It must be "
                    + (minimum == null
                            ? "at most " + maximum.toPlainString()
                            : maximum == null
                                    ? "at least " + minimum.toPlainString()
                                    : "between " + minimum.toPlainString() + " and " + maximum.toPlainString())
                    + ".");
            return false;
        }
        return true;
    }

    static String get(Map<String, String> parameters, String name) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A page token: where a page starts and, within a partition, where its partition ends. */
    static String token(Position position) {
        String text = "after:" + position.afterSid()
                + (position.beforeSid() == null ? "" : ";before:" + position.beforeSid());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a page token names, or null when it is not a token this API made. */
    static Position untoken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (!text.startsWith("after:")) {
                return null;
            }
            String[] parts = text.substring(6).split(";before:", -1);
            if (parts.length > 2) {
                return null;
            }
            long after = Long.parseLong(parts[0]);
            Long before = parts.length == 2 ? Long.parseLong(parts[1]) : null;
            if (after < 0 || (before != null && before <= after)) {
                return null;
            }
            return new Position(after, before);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
