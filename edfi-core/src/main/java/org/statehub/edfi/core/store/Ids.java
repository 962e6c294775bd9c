package org.statehub.edfi.core.store;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Resource ids: GUIDs written as 32 lowercase hex characters; the dashed form is accepted on input. */
public final class Ids {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DASHED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    /**
     * A new id: a version 7 UUID (RFC 9562), milliseconds since the epoch followed by 74 random bits. New ids sort
     * by creation time, which keeps the id index compact, and drawing them takes no lock (unlike
     * {@link UUID#randomUUID()}, whose SecureRandom serialises concurrent requests). Ids are identifiers, not
     * secrets: access is decided by authorization, never by knowing an id.
     */
    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    public static String format(UUID id) {
        return id.toString().replace("-", "");
    }

    /** The validation message of a text sent as an id that is not one, naming the value (at most 100 characters). */
    public static String invalid(String text) {
        return "The value '" + (text == null ? "" : org.statehub.edfi.core.validation.Limits.shown(text))
                + "' is not valid for Id.";
    }

    /** The UUID of an id as sent by a client, or null when it is not an id. */
    public static UUID parse(String text) {
        if (text == null) {
            return null;
        }
        if (HEX32.matcher(text).matches()) {
            String s = text.toLowerCase();
            return UUID.fromString(s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20));
        }
        if (DASHED.matcher(text).matches()) {
            return UUID.fromString(text);
        }
        return null;
    }
}
