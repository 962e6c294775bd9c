package org.statehub.feed.store;

import java.util.regex.Pattern;

/**
 * What PostgreSQL can store: it refuses the NUL character (U+0000) in text and in JSONB (as {@code \u0000}).
 * Reports of bad records (data errors, outcomes, reasons) are made storable so that the report itself cannot fail;
 * the records to publish are checked instead (a record with a NUL is held, see RecordPreparer).
 */
public final class Storable {

    /** A JSON {@code \u0000} escape: a backslash not itself escaped (preceded by an even number of backslashes). */
    private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private Storable() {}

    /** The text with each NUL replaced by U+FFFD (the replacement character); null stays null. */
    public static String text(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** JSON text with each NUL (raw or escaped) replaced by U+FFFD; null stays null. */
    public static String json(String json) {
        if (json == null) {
            return null;
        }
        String raw = text(json);
        return raw.contains("\\u0000") ? NUL_ESCAPE.matcher(raw).replaceAll("$1\\\\ufffd") : raw;
    }
}
