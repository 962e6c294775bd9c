package org.statehub.http;

/**
 * The request URI a service's routes know, from the one a client sent: path words and query parameter names in
 * their canonical case by the service's {@link RouteVocabulary}, identifiers and values as sent. {@link HttpEdge}
 * reroutes a request whose URI this changes, before JAX-RS (and path-based security) sees it.
 */
final class CanonicalCase {

    private CanonicalCase() {}

    /** The canonical URI ({@code path[?query]}), or null when the request's is canonical already. */
    static String rewrite(RouteVocabulary vocabulary, String rawPath, String rawQuery) {
        String path = vocabulary.canonicalPath(rawPath);
        String query = vocabulary.canonicalQuery(rawQuery);
        if (java.util.Objects.equals(path, rawPath) && java.util.Objects.equals(query, rawQuery)) {
            return null;
        }
        return query == null ? path : path + "?" + query;
    }
}
