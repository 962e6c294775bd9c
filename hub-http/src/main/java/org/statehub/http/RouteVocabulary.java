package org.statehub.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical words of the paths and query parameter names a service serves, so that {@link CanonicalCase} can
 * match a request to them without regard to case, as the Ed-Fi ODS/API does ({@code /Students},
 * {@code /students/Deletes}, {@code ?MinChangeVersion=} answer as {@code /students}, {@code /students/deletes},
 * {@code ?minChangeVersion=}).
 *
 * <p>A route is a template of {@code /}-separated segments: a literal word (its canonical case), {@code {set}} for
 * one word of a named set (the resource names), {@code *} for an identifier, which is never changed, and a final
 * {@code **} for any further segments, also never changed. Routes are tried in the order they were added; the
 * first whose words all match rewrites the path.
 */
public final class RouteVocabulary {

    /** Matches nothing: every path and parameter name is left as sent. */
    public static final RouteVocabulary NONE = builder().build();

    private final List<String[]> routes;
    private final Map<String, Map<String, String>> sets;
    private final Map<String, String> queryNames;

    private RouteVocabulary(
            List<String[]> routes, Map<String, Map<String, String>> sets, Map<String, String> queryNames) {
        this.routes = routes;
        this.sets = sets;
        this.queryNames = queryNames;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The raw path (as sent, %-escapes kept) with every word of the first matching route in its canonical case;
     * the same string when no route matches or it is canonical already.
     */
    public String canonicalPath(String rawPath) {
        if (rawPath == null || routes.isEmpty()) {
            return rawPath;
        }
        boolean rooted = rawPath.startsWith("/");
        String[] segments = (rooted ? rawPath.substring(1) : rawPath).split("/", -1);
        for (String[] route : routes) {
            String[] rewritten = match(route, segments);
            if (rewritten != null) {
                return (rooted ? "/" : "") + String.join("/", rewritten);
            }
        }
        return rawPath;
    }

    /** The canonical spelling of a query parameter name, or the name as sent when it is not a known one. */
    public String canonicalQueryName(String name) {
        String canonical = queryNames.get(name.toLowerCase(Locale.ROOT));
        return canonical == null ? name : canonical;
    }

    /** The raw query (as sent) with every known parameter name in its canonical case; values are kept as sent. */
    public String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty() || queryNames.isEmpty()) {
            return rawQuery;
        }
        String[] pairs = rawQuery.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int equals = pairs[i].indexOf('=');
            String name = equals < 0 ? pairs[i] : pairs[i].substring(0, equals);
            String canonical = canonicalQueryName(name);
            if (!canonical.equals(name)) {
                pairs[i] = canonical + (equals < 0 ? "" : pairs[i].substring(equals));
            }
        }
        return String.join("&", pairs);
    }

    private String[] match(String[] route, String[] segments) {
        boolean rest = route.length > 0 && route[route.length - 1].equals("**");
        int fixed = rest ? route.length - 1 : route.length;
        if (rest ? segments.length < fixed : segments.length != fixed) {
            return null;
        }
        String[] rewritten = segments.clone();
        for (int i = 0; i < fixed; i++) {
            String word = route[i];
            if (word.equals("*")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
            } else if (word.startsWith("{")) {
                String canonical = sets.get(word).get(segments[i].toLowerCase(Locale.ROOT));
                if (canonical == null) {
                    return null;
                }
                rewritten[i] = canonical;
            } else if (word.equalsIgnoreCase(segments[i])) {
                rewritten[i] = word;
            } else {
                return null;
            }
        }
        return rewritten;
    }

    /** Collects routes, word sets and query parameter names. */
    public static final class Builder {

        private final List<String[]> routes = new ArrayList<>();
        private final Map<String, Map<String, String>> sets = new HashMap<>();
        private final Map<String, String> queryNames = new LinkedHashMap<>();

        /** A named set of words, used in routes as {@code {name}} (e.g. every resource's URL segment). */
        public Builder words(String name, Collection<String> words) {
            Map<String, String> byLower = sets.computeIfAbsent("{" + name + "}", n -> new HashMap<>());
            words.forEach(w -> byLower.put(w.toLowerCase(Locale.ROOT), w));
            return this;
        }

        /** A route template, e.g. {@code data/v3/ed-fi/{resource}/deletes} or {@code admin/v1/clients/*}. */
        public Builder route(String template) {
            String[] route = (template.startsWith("/") ? template.substring(1) : template).split("/", -1);
            for (String word : route) {
                if (word.startsWith("{") && !sets.containsKey(word)) {
                    throw new IllegalArgumentException("No word set " + word + " for route " + template);
                }
            }
            routes.add(route);
            return this;
        }

        /** Query parameter names in their canonical case. */
        public Builder queryNames(Collection<String> names) {
            names.forEach(n -> queryNames.put(n.toLowerCase(Locale.ROOT), n));
            return this;
        }

        /** Everything another vocabulary was built from, after what this one has. */
        public Builder include(RouteVocabulary other) {
            other.sets.forEach((name, words) ->
                    sets.computeIfAbsent(name, n -> new HashMap<>()).putAll(words));
            routes.addAll(other.routes);
            other.queryNames.forEach(queryNames::putIfAbsent);
            return this;
        }

        public RouteVocabulary build() {
            Map<String, Map<String, String>> frozen = new HashMap<>();
            sets.forEach((name, words) -> frozen.put(name, Map.copyOf(words)));
            return new RouteVocabulary(List.copyOf(routes), Map.copyOf(frozen), Map.copyOf(queryNames));
        }
    }
}
