package org.statehub.edfi.core.service;

/** ETag comparison as Ed-Fi clients send them: quotes optional, a weak prefix ignored. */
public final class ETags {

    private ETags() {}

    public static String unquote(String value) {
        String v = value.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    public static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = unquote(candidate);
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public static String quote(String etag) {
        return "\"" + etag + "\"";
    }
}
