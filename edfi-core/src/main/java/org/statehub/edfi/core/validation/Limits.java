package org.statehub.edfi.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.BinaryOperator;
import org.statehub.edfi.contract.SchemaNavigator;

/**
 * What a value must be for the hub to store it exactly as sent, and for every Ed-Fi client to read it back: text
 * PostgreSQL can hold (no NUL character, no lone UTF-16 surrogate), whole numbers inside the range their schema's
 * {@code format} names ({@code int32}, {@code int64}), and real calendar dates inside {@link #EARLIEST_DATE} ..
 * {@link #LATEST_DATE}. Used for bodies ({@link DocumentValidator}) and for query parameters alike.
 */
public final class Limits {

    /** The earliest date accepted: the start of SQL Server's {@code datetime}, which every Ed-Fi store can hold. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1753, 1, 1);

    /** The latest date accepted: the last one with a four-digit year. */
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Longest part of a sent value that a message repeats. */
    private static final int SHOWN_CHARACTERS = 100;

    private Limits() {}

    /**
     * Why PostgreSQL cannot store {@code text} as it is (a NUL character, which {@code text} and {@code jsonb}
     * refuse; a lone UTF-16 surrogate, which UTF-8 cannot encode and the driver would turn into '?'), or null when
     * it can.
     */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\u0000') {
                return "contains a NUL character (U+0000), which cannot be stored";
            }
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone UTF-16 surrogate, which is not a Unicode character";
            }
            if (Character.isLowSurrogate(ch)) {
                return "contains a lone UTF-16 surrogate, which is not a Unicode character";
            }
        }
        return null;
    }

    /** Whether {@code text} is a real calendar date, YYYY-MM-DD, between the earliest and latest date accepted. */
    public static boolean validDate(String text) {
        if (text.length() != 10) {
            return false;
        }
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** What a message says of a date that is not valid. */
    public static String dateRule() {
        return "Dates are sent as YYYY-MM-DD, without a time part, and lie between " + EARLIEST_DATE + " and "
                + LATEST_DATE + ".";
    }

    /** Whether the schema is a string of {@code format: date}. */
    public static boolean isDate(JsonNode schema) {
        return schema != null
                && "date".equals(schema.path("format").asText())
                && SchemaNavigator.hasType(schema, "string");
    }

    /**
     * The smallest value a numeric member may take: its {@code minimum}, raised to the lower end of its
     * {@code format} (int32, int64); null when neither says.
     */
    public static BigDecimal minimum(JsonNode schema) {
        return bound(schema, "minimum", INT32_MIN, INT64_MIN, BigDecimal::max);
    }

    /** The largest value a numeric member may take, like {@link #minimum}. */
    public static BigDecimal maximum(JsonNode schema) {
        return bound(schema, "maximum", INT32_MAX, INT64_MAX, BigDecimal::min);
    }

    /**
     * The bound {@code keyword} declares, or the bound of the member's {@code format} ({@code int32},
     * {@code int64}) when only it says, or the {@code tighter} of the two; null when neither says.
     */
    private static BigDecimal bound(
            JsonNode schema, String keyword, BigDecimal int32, BigDecimal int64, BinaryOperator<BigDecimal> tighter) {
        BigDecimal declared = schema.hasNonNull(keyword) && schema.get(keyword).isNumber()
                ? schema.get(keyword).decimalValue()
                : null;
        BigDecimal format = switch (schema.path("format").asText()) {
            case "int32" -> int32;
            case "int64" -> int64;
            default -> null;
        };
        return declared == null ? format : format == null ? declared : tighter.apply(declared, format);
    }

    /** {@code text} as a message may repeat it: at most 100 characters, cut with an ellipsis. */
    public static String shown(String text) {
        if (text.length() <= SHOWN_CHARACTERS) {
            return text;
        }
        int end =
                Character.isHighSurrogate(text.charAt(SHOWN_CHARACTERS - 1)) ? SHOWN_CHARACTERS - 1 : SHOWN_CHARACTERS;
        return text.substring(0, end) + "...";
    }
}
