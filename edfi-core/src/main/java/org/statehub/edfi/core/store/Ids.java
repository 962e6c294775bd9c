package org.statehub.edfi.core.store;

import java.util.UUID;
import java.util.regex.Pattern;

/** Resource ids: GUIDs written as 32 lowercase hex characters; the dashed form is accepted on input. */
public final class Ids {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DASHED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static String format(UUID id) {
        return id.toString().replace("-", "");
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
