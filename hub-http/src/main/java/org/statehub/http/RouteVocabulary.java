package org.statehub.http;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

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
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class RouteVocabulary {

    /**
     * The JAX-RS resource classes (CDI beans with {@code @Path}) of a package and its subpackages, for
     * {@link Builder#resources}: a service's own endpoints, found where they are declared.
     */
    public static Class<?>[] resourceClasses(BeanManager beans, String packageName) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class))
                .filter(type -> type.getPackageName().equals(packageName)
                        || type.getPackageName().startsWith(packageName + "."))
                .distinct()
                .sorted(java.util.Comparator.comparing(Class::getName))
                .toArray(Class<?>[]::new);
    }

    /** Matches nothing: every path and parameter name is left as sent. */
    public static final RouteVocabulary NONE = builder().build();

    private final List<String[]> routes;
    private final Map<String, Map<String, String>> sets;
    private final Map<String, String> queryNames;

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

    /** Orders routes so that, segment by segment, a word comes before a word set, an id and any further segments. */
    private static int moreSpecificFirst(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = Integer.compare(rank(a[i]), rank(b[i]));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(b.length, a.length);
    }

    private static int rank(String word) {
        return word.equals("**") ? 3 : word.equals("*") ? 2 : word.startsWith("{") ? 1 : 0;
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

        /**
         * The routes and query parameter names of JAX-RS resource classes, read from their {@code @Path} and
         * {@code @QueryParam} annotations, so that a service's own endpoints match in any case without a second
         * list of their paths: a literal segment is a word; a {@code {param}} is an identifier, never changed,
         * unless a word set of that name was added before (e.g. {@code {resource}}); a parameter whose pattern may
         * span segments ({@code {rest: .*}}) is any further segments. Routes are tried most specific first, so
         * {@code errors/students} is matched before {@code errors/{id}}.
         */
        public Builder resources(Class<?>... resourceClasses) {
            List<String[]> found = new ArrayList<>();
            for (Class<?> type : resourceClasses) {
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    throw new IllegalArgumentException(type.getName() + " is not a JAX-RS resource (no @Path)");
                }
                found.add(template(root.value(), ""));
                for (Method method : type.getMethods()) {
                    Path sub = method.getAnnotation(Path.class);
                    if (sub != null) {
                        found.add(template(root.value(), sub.value()));
                    }
                    for (Parameter parameter : method.getParameters()) {
                        QueryParam query = parameter.getAnnotation(QueryParam.class);
                        if (query != null) {
                            queryNames.putIfAbsent(query.value().toLowerCase(Locale.ROOT), query.value());
                        }
                    }
                }
            }
            found.sort(RouteVocabulary::moreSpecificFirst);
            for (String[] route : found) {
                if (routes.stream().noneMatch(known -> java.util.Arrays.equals(known, route))) {
                    routes.add(route);
                }
            }
            return this;
        }

        private String[] template(String rootPath, String subPath) {
            List<String> route = new ArrayList<>();
            for (String segment : segments(rootPath + "/" + subPath)) {
                int open = segment.indexOf('{');
                if (open < 0) {
                    route.add(segment);
                    continue;
                }
                int colon = segment.indexOf(':', open);
                String pattern = colon < 0 ? "" : segment.substring(colon + 1, segment.lastIndexOf('}'));
                if (pattern.contains("/") || pattern.contains(".*") || pattern.contains(".+")) {
                    route.add("**");
                    break;
                }
                String set = "{"
                        + segment.substring(open + 1, colon < 0 ? segment.length() - 1 : colon)
                                .trim() + "}";
                boolean whole = open == 0 && segment.indexOf('}') == segment.length() - 1;
                route.add(whole && colon < 0 && sets.containsKey(set) ? set : "*");
            }
            return route.toArray(String[]::new);
        }

        /** The {@code /}-separated segments of a JAX-RS path, a {@code /} inside a {@code {param: regex}} kept. */
        private static List<String> segments(String path) {
            List<String> segments = new ArrayList<>();
            StringBuilder segment = new StringBuilder();
            int depth = 0;
            for (char c : path.toCharArray()) {
                if (c == '/' && depth == 0) {
                    if (!segment.isEmpty()) {
                        segments.add(segment.toString());
                        segment.setLength(0);
                    }
                    continue;
                }
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                segment.append(c);
            }
            if (!segment.isEmpty()) {
                segments.add(segment.toString());
            }
            return segments;
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
