package org.statehub.system;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Bad input for every operation the hub publishes, as a hostile or careless client sends it. The operations come
 * from the OpenAPI documents the hub serves (the gateway's merged {@code /metadata/openapi.json}, the gateway's own
 * and each service's {@code /q/openapi}); every request is drawn with jqwik's arbitraries from one seeded
 * {@link Random}, so a seed and a count name the same requests every time.
 *
 * <p>A request is a body made from the operation's schema with one member made hostile (NULs, lone surrogates,
 * numbers outside int32/int64, dates outside any sane range, wrong types, nesting past 1,000 levels, huge arrays
 * and strings), hostile query values or path ids, a wrong or absent media type, a broken or missing token, a body
 * that is not JSON, or a request the HTTP layer itself refuses (URIs and headers too long, bodies over the limit,
 * HTTP/1.0 without {@code Host}, unknown methods and paths). Each answer is checked: no 5xx, every error a problem
 * body ({@code application/problem+json} with type, title, status, detail and correlationId), no answer slower
 * than 5 s, and the stored data unchanged unless a 2xx said it changed.
 */
final class BadInputFuzzer {

    /** Where requests go: the gateway or one service directly, with the OpenAPI document it publishes. */
    record Target(String name, String baseUrl, JsonNode document) {}

    /** One operation of a document. */
    record Operation(Target target, String method, String path, JsonNode operation) {}

    /** One request, described well enough to send it again by hand. */
    record Request(
            String kind,
            Target target,
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            byte[] body,
            boolean raw,
            byte[] rawBytes) {
        String describe() {
            String shown = body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8));
            if (raw) {
                shown = " raw " + abbreviate(new String(rawBytes, StandardCharsets.ISO_8859_1));
            }
            return kind + " " + method + " " + target.name() + abbreviate(pathAndQuery) + " "
                    + abbreviate(headers.toString()) + shown;
        }
    }

    record Outcome(Request request, int status, String contentType, String body, long millis) {}

    /** What a run found: counts by kind and status class, and every failed check with its request. */
    static final class Report {
        final Map<String, int[]> byKind = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int requests;
        int serverErrors;
        int errorsWithoutProblem;
        int slow;
        int changedWithout2xx;
        long slowestMillis;

        void count(Outcome outcome) {
            requests++;
            int[] row = byKind.computeIfAbsent(outcome.request().kind(), k -> new int[6]);
            row[0]++;
            int status = outcome.status();
            row[status >= 500 ? 4 : status >= 400 ? 3 : status >= 300 ? 2 : status >= 200 ? 1 : 5]++;
            slowestMillis = Math.max(slowestMillis, outcome.millis());
        }

        void fail(String check, Outcome outcome) {
            failures.add(check + ": " + outcome.status() + " in " + outcome.millis() + " ms, "
                    + abbreviate(String.valueOf(outcome.contentType())) + " " + abbreviate(outcome.body()) + "  <- "
                    + outcome.request().describe());
        }

        boolean clean() {
            return failures.isEmpty();
        }

        String table(long seed, Duration took) {
            StringBuilder out = new StringBuilder();
            out.append("| kind of request | requests | 2xx | 3xx | 4xx | 5xx | no answer |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|\n");
            int[] total = new int[6];
            byKind.forEach((kind, row) -> {
                out.append("| ").append(kind);
                for (int i = 0; i < 6; i++) {
                    out.append(" | ").append(String.format(Locale.ROOT, "%,d", row[i]));
                    total[i] += row[i];
                }
                out.append(" |\n");
            });
            out.append("| **all** ");
            for (int i = 0; i < 6; i++) {
                out.append(" | **")
                        .append(String.format(Locale.ROOT, "%,d", total[i]))
                        .append("**");
            }
            out.append(" |\n\n");
            out.append(String.format(
                    Locale.ROOT,
                    "Seed %d, %,d requests in %d s. Failed checks: %,d x 5xx, %,d error "
                            + "answers without a problem body, %,d answers slower than 5 s (slowest %,d ms), %,d "
                            + "changes of stored data without a 2xx.%n",
                    seed,
                    requests,
                    took.toSeconds(),
                    serverErrors,
                    errorsWithoutProblem,
                    slow,
                    slowestMillis,
                    changedWithout2xx));
            return out.toString();
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes pure ASCII: every other character as a \\u escape, lone surrogates included, so nothing is altered. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final long SLOW_MILLIS = 5_000;
    private static final String RAW = "\u0001raw:";
    /** Marks a drawn query value that is percent-encoded already, e.g. invalid UTF-8. */
    private static final String ENCODED = "\u0002encoded:";

    private final Random random;
    /** The document of the operation being drawn, for its references. */
    private JsonNode document;

    private final List<Operation> operations;
    /** The operations by area (target and first path segment), drawn area first so the few admin, feed and conflict
     * operations are tried as often as the ~1,800 generated Ed-Fi ones. */
    private final List<List<Operation>> areas = new ArrayList<>();

    private final Supplier<List<String>> tokenSource;
    private List<String> tokens;
    private final Map<String, List<String>> ids;
    private final Supplier<String> storedState;
    private final Map<String, String> raws = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * {@code tokens}: fresh bearer tokens to send (the first most often), asked for again every 1,000 requests;
     * {@code ids}: resource name → ids of items that exist; {@code storedState}: a digest of the stored data,
     * compared after every write.
     */
    BadInputFuzzer(
            long seed,
            List<Target> targets,
            Supplier<List<String>> tokens,
            Map<String, List<String>> ids,
            Supplier<String> storedState) {
        this.random = new Random(seed);
        this.tokenSource = tokens;
        this.ids = ids;
        this.storedState = storedState;
        this.operations = new ArrayList<>();
        for (Target target : targets) {
            target.document()
                    .path("paths")
                    .fields()
                    .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                        String verb = method.getKey().toUpperCase(Locale.ROOT);
                        if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(verb)
                                && !path.getKey().startsWith("/q/")) {
                            operations.add(new Operation(target, verb, path.getKey(), method.getValue()));
                        }
                    }));
        }
        operations.sort(
                java.util.Comparator.comparing((Operation o) -> o.target().name())
                        .thenComparing(Operation::path)
                        .thenComparing(Operation::method));
        if (operations.isEmpty()) {
            throw new IllegalStateException("no operations in the OpenAPI documents");
        }
        Map<String, List<Operation>> byArea = new TreeMap<>();
        for (Operation op : operations) {
            String[] segments = op.path().split("/");
            String area = op.target().name() + " /" + (segments.length > 1 ? segments[1] : "");
            if (segments.length > 4 && segments[1].equals("data")) {
                area += op.path().contains("Descriptor") ? " descriptors" : " resources";
            }
            byArea.computeIfAbsent(area, a -> new ArrayList<>()).add(op);
        }
        areas.addAll(byArea.values());
    }

    int operationCount() {
        return operations.size();
    }

    /** Sends {@code count} requests, one after another, and checks every answer. */
    Report run(int count) throws Exception {
        JqwikSession.start();
        try {
            return fuzz(count);
        } finally {
            JqwikSession.finish();
        }
    }

    private Report fuzz(int count) throws Exception {
        Report report = new Report();
        String state = storedState.get();
        for (int i = 0; i < count; i++) {
            if (i % 1_000 == 0) {
                tokens = tokenSource.get();
            }
            Request request = next();
            Outcome outcome = send(request);
            report.count(outcome);
            check(outcome, report);
            if (!request.method().equals("GET")) {
                boolean succeeded = outcome.status() >= 200 && outcome.status() < 300;
                String after = succeeded ? settled() : storedState.get();
                if (!after.equals(state) && !succeeded) {
                    report.changedWithout2xx++;
                    report.fail("stored data changed without a 2xx", outcome);
                }
                state = after;
            }
        }
        return report;
    }

    /**
     * The stored state once it holds still: a 2xx may start work that ends a moment later (a push's delivery), which
     * must not be blamed on the next request.
     */
    private String settled() throws InterruptedException {
        String last = storedState.get();
        for (int i = 0; i < 24; i++) {
            Thread.sleep(250);
            String now = storedState.get();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private void check(Outcome outcome, Report report) {
        if (outcome.status() >= 500 || outcome.status() < 100) {
            report.serverErrors++;
            report.fail(outcome.status() < 100 ? "no answer" : "5xx", outcome);
        }
        if (outcome.millis() > SLOW_MILLIS) {
            report.slow++;
            report.fail("slower than 5 s", outcome);
        }
        if (outcome.status() >= 400 && !isProblem(outcome)) {
            report.errorsWithoutProblem++;
            report.fail("error without a problem body", outcome);
        }
    }

    /**
     * A problem body: {@code application/problem+json} with its five members. The token endpoints (the hub's
     * {@code /oauth/token} and the Admin API's {@code /adminapi/connect/token}) answer {@code application/json} as
     * OAuth 2 requires (RFC 6749 5.2), with OAuth's {@code error} beside the five.
     */
    static boolean isProblem(Outcome outcome) {
        String type = outcome.contentType() == null ? "" : outcome.contentType().toLowerCase(Locale.ROOT);
        String path = outcome.request().pathAndQuery();
        boolean oauth = (path.startsWith("/oauth/token") || path.startsWith("/adminapi/connect/token"))
                && type.startsWith("application/json")
                && outcome.body().contains("\"error\"");
        if (!type.startsWith("application/problem+json") && !oauth) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(outcome.body());
            return body.path("type").isTextual()
                    && body.path("title").isTextual()
                    && body.path("status").asInt() == outcome.status()
                    && body.path("detail").isTextual()
                    && body.has("correlationId");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    private Request next() {
        raws.clear();
        int kind = below(100);
        if (kind < 3) {
            return httpLayer();
        }
        Operation op = pick(pick(areas));
        document = op.target().document();
        if (kind < 8) {
            return unknownRoute(op);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", token());
        String path = fillPath(op);
        String query = op.method().equals("GET") || below(10) == 0 ? query(op) : "";
        byte[] body = null;
        String label;
        if (op.method().equals("POST")
                || op.method().equals("PUT")
                || op.method().equals("PATCH")) {
            JsonNode schema = bodySchema(op);
            int flavour = below(100);
            String mediaType = isForm(op) ? "application/x-www-form-urlencoded" : "application/json";
            if (isForm(op)) {
                label = "form fields";
                body = form(op, schema).getBytes(StandardCharsets.UTF_8);
            } else if (flavour < 12) {
                label = "body not JSON";
                body = notJson();
            } else if (flavour < 22) {
                label = "wrong media type";
                body = json(value(schema, "", 0), true);
                mediaType = draw(Arbitraries.of(
                        "",
                        "application/merge-patch+json",
                        "text/plain",
                        "application/xml",
                        "application/json; charset=latin1",
                        "multipart/form-data",
                        "application/vnd.ed-fi.student.readable+json",
                        "*/*",
                        "application/json;;;",
                        "\u00e9"));
            } else if (flavour < 32) {
                label = "valid-looking body";
                body = json(value(schema, "", 0), false);
            } else {
                label = "body with one hostile member";
                body = json(value(schema, "", 0), true);
            }
            if (!(label.equals("wrong media type") && below(4) == 0)) {
                headers.put("Content-Type", mediaType);
            }
        } else {
            label = op.method().equals("GET") ? (query.isEmpty() ? "read" : "read with hostile query") : "delete";
        }
        if (op.method().equals("PUT") || op.method().equals("DELETE")) {
            if (below(5) == 0) {
                headers.put(
                        "If-Match",
                        draw(Arbitraries.of(
                                "\"garbage\"",
                                "*",
                                "W/\"1\"",
                                "\"\"",
                                "x".repeat(5_000),
                                "\"" + "9".repeat(40) + "\"")));
            }
        }
        if (below(20) == 0) {
            headers.put(
                    "correlation-id",
                    draw(Arbitraries.strings()
                            .ascii()
                            .ofMaxLength(300)
                            .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7f))));
        }
        if (headers.get("Authorization") == null) {
            headers.remove("Authorization");
        }
        return new Request(label, op.target(), op.method(), path + query, headers, body, false, null);
    }

    private String token() {
        int which = below(20);
        if (which < 12) {
            return "Bearer " + tokens.get(0);
        }
        if (which < 16) {
            return "Bearer " + tokens.get(1 + below(tokens.size() - 2 + 1));
        }
        return draw(Arbitraries.of(
                (String) null,
                "Bearer",
                "Bearer ",
                "Bearer garbage",
                "Basic Zm9vOmJhcg==",
                "Bearer " + tokens.get(0).substring(0, tokens.get(0).length() - 3) + "abc",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                "Bearer " + "A".repeat(9_000)));
    }

    /** Requests the HTTP layer answers itself. */
    private Request httpLayer() {
        Target target = pick(operations).target();
        int which = below(8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tokens.get(0));
        return switch (which) {
            case 0 ->
                rawRequest(
                        "HTTP/1.0 without Host",
                        target,
                        "GET /data/v3/ed-fi/students HTTP/1.0\r\n" + "Authorization: Bearer " + tokens.get(0)
                                + "\r\n\r\n");
            case 1 ->
                rawRequest(
                        "HTTP/1.0 without Host",
                        target,
                        "POST /oauth/token HTTP/1.0\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n"
                                + "grant_type=client_credentials");
            case 2 ->
                new Request(
                        "URI too long",
                        target,
                        "GET",
                        "/data/v3/ed-fi/students?lastSurname=" + "x".repeat(draw(Arbitraries.of(9_000, 70_000))),
                        headers,
                        null,
                        false,
                        null);
            case 3 -> {
                headers.put("X-Filler", "y".repeat(draw(Arbitraries.of(30_000, 70_000))));
                yield new Request(
                        "headers too large", target, "GET", "/data/v3/ed-fi/students", headers, null, false, null);
            }
            case 4 -> {
                // the head announces 80 MiB (over every limit, the gateway's 64 MiB included) and the first 64 KiB
                // follow: the server answers before the rest, as
                // it would to curl's "Expect: 100-continue" (a client that insists on sending everything first
                // meets a closed connection, which says nothing about the answer)
                String path = pick(List.of(
                        "/data/v3/ed-fi/students",
                        "/bulk/v1/ed-fi/students",
                        "/admin/v1/clients",
                        "/feed/v1/connections",
                        "/conflicts/v1/merges"));
                URI base = URI.create(target.baseUrl());
                String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nAuthorization: Bearer " + tokens.get(0) + "\r\nContent-Type: application/json"
                        + "\r\nContent-Length: " + (80L * 1024 * 1024 + 17) + "\r\n\r\n[";
                byte[] bytes = java.util.Arrays.copyOf(head.getBytes(StandardCharsets.UTF_8), head.length() + 65_536);
                java.util.Arrays.fill(bytes, head.length(), bytes.length, (byte) ' ');
                yield new Request("body over the limit", target, "POST", path, Map.of(), null, true, bytes);
            }
            case 5 ->
                rawRequest(
                        "broken request line",
                        target,
                        draw(Arbitraries.of(
                                "GET /data/v3/ed-fi/students\u0000 HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                "GET  HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                "G\u00e9T / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                "GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                "GET /data/v3/ed-fi/students?x=%%%% HTTP/1.1\r\nHost: localhost\r\n\r\n")));
            case 6 ->
                rawRequest(
                        "broken headers",
                        target,
                        draw(Arbitraries.of(
                                "GET /data/v3/ed-fi/students HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n",
                                "GET /data/v3/ed-fi/students HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
                                "POST /data/v3/ed-fi/students HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n"
                                        + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n",
                                "GET /data/v3/ed-fi/students HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")));
            default ->
                new Request(
                        "unknown method",
                        target,
                        draw(Arbitraries.of("TRACE", "FOO", "PROPFIND")),
                        draw(Arbitraries.of(
                                "/data/v3/ed-fi/students",
                                "/feed/v1/connections",
                                "/admin/v1/clients",
                                "/conflicts/v1/duplicates",
                                "/oauth/token")),
                        headers,
                        null,
                        false,
                        null);
        };
    }

    private Request rawRequest(String kind, Target target, String text) {
        return new Request(kind, target, "RAW", "", Map.of(), null, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A path the document does not have, or a method it does not have for a path. */
    private Request unknownRoute(Operation op) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tokens.get(0));
        headers.put("Content-Type", "application/json");
        String path = fillPath(op);
        if (below(2) == 0) {
            String method = draw(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH"));
            return new Request(
                    "method the path lacks",
                    op.target(),
                    method,
                    path,
                    headers,
                    method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8),
                    false,
                    null);
        }
        String suffix = draw(Arbitraries.of(
                "/x",
                "/../../q/health",
                "/%00",
                "/deletes/x",
                "s",
                "/partitions/9",
                "/%E2%80%AE",
                "/" + "z".repeat(300)));
        return new Request(
                "unknown path",
                op.target(),
                op.method(),
                path + suffix,
                headers,
                op.method().equals("GET") || op.method().equals("DELETE")
                        ? null
                        : "{}".getBytes(StandardCharsets.UTF_8),
                false,
                null);
    }

    private String fillPath(Operation op) {
        String path = op.path();
        int open;
        while ((open = path.indexOf('{')) >= 0) {
            int close = path.indexOf('}', open);
            String parameter = path.substring(open + 1, close);
            String resource = resourceOf(op.path());
            List<String> known =
                    parameter.equals("resource") ? List.copyOf(ids.keySet()) : ids.getOrDefault(resource, List.of());
            String value;
            if (!known.isEmpty() && below(3) > 0) {
                value = pick(known);
            } else {
                value = draw(Arbitraries.oneOf(
                        Arbitraries.of(
                                "0",
                                "invalid",
                                "%00",
                                "abc%00def",
                                "%ED%A0%80",
                                "%FF",
                                "-1",
                                "99999999999999999999999999",
                                "00000000000000000000000000000000",
                                "0000000000000000000000000000000g",
                                "%20",
                                "..%2F..%2Fq%2Fhealth"),
                        Arbitraries.strings().withChars("0123456789abcdef").ofLength(32),
                        Arbitraries.strings()
                                .all()
                                .ofMinLength(1)
                                .ofMaxLength(40)
                                .map(BadInputFuzzer::encode)));
            }
            path = path.substring(0, open) + value + path.substring(close + 1);
        }
        return path;
    }

    private static String resourceOf(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].startsWith("{")) {
                return parts[i];
            }
        }
        return "";
    }

    private String query(Operation op) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode p : op.operation().path("parameters")) {
            JsonNode parameter = resolve(op.target().document(), p);
            if ("query".equals(parameter.path("in").asText())) {
                parameters.add(parameter);
            }
        }
        int n = below(Math.min(3, parameters.size() + 1) + 1);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name;
            JsonNode schema;
            if (parameters.isEmpty() || below(10) == 0) {
                name = draw(Arbitraries.of(
                        "limit",
                        "offset",
                        "totalCount",
                        "minChangeVersion",
                        "since",
                        "leaId",
                        "id",
                        "pageToken",
                        "pageSize",
                        "x" + "\u0000",
                        "studentUniqueId",
                        "schoolId"));
                schema = NODES.objectNode();
            } else {
                JsonNode parameter = pick(parameters);
                name = parameter.path("name").asText();
                schema = resolve(op.target().document(), parameter.path("schema"));
            }
            String value = below(3) == 0 ? text(value(schema, name, 0)) : draw(hostileQueryValue());
            query.append(i == 0 ? '?' : '&').append(encode(name)).append('=').append(queryValue(value));
        }
        return query.toString();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private Arbitrary<String> hostileQueryValue() {
        return Arbitraries.oneOf(
                hostileText(),
                hostileInteger().map(BigInteger::toString),
                hostileDate(),
                Arbitraries.of(
                        ENCODED + "%00",
                        ENCODED + "%ED%A0%80",
                        ENCODED + "%FF%FE",
                        ENCODED + "a%00b",
                        "true",
                        "-1",
                        "0",
                        "1e400",
                        "NaN",
                        "2147483648",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "-999999999-01-01T00:00:00Z",
                        "+999999999-12-31T23:59:59Z",
                        "2024-01-01T00:00:00+25:00"));
    }

    // ------------------------------------------------------------------------------------------------- bodies

    private JsonNode bodySchema(Operation op) {
        JsonNode content = resolve(op.target().document(), op.operation().path("requestBody"))
                .path("content");
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            if (content.has(type)) {
                return content.path(type).path("schema");
            }
        }
        Iterator<JsonNode> any = content.elements();
        return any.hasNext() ? any.next().path("schema") : NODES.objectNode();
    }

    private boolean isForm(Operation op) {
        JsonNode content = resolve(op.target().document(), op.operation().path("requestBody"))
                .path("content");
        return content.has("application/x-www-form-urlencoded") && !content.has("application/json");
    }

    private String form(Operation op, JsonNode schema) {
        List<String> names = new ArrayList<>(List.of("grant_type", "client_id", "client_secret", "scope"));
        schema.path("properties").fieldNames().forEachRemaining(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        });
        StringBuilder form = new StringBuilder();
        for (String name : names) {
            if (below(4) == 0) {
                continue;
            }
            String value =
                    name.equals("grant_type") && below(2) == 0 ? "client_credentials" : draw(hostileQueryValue());
            form.append(form.isEmpty() ? "" : "&").append(name).append('=').append(queryValue(value));
        }
        return form.toString();
    }

    private byte[] notJson() {
        String text = draw(Arbitraries.of(
                "",
                "{",
                "}",
                "[",
                "null",
                "[]",
                "\"text\"",
                "42",
                "{\"a\":}",
                "{\"studentUniqueId\": \"1\",}",
                "{'single': 'quotes'}",
                "\ufeff{}",
                "{\"a\": 1} trailing",
                "{\"a\":1,\"a\":2}",
                "{\"n\": 1e400}",
                "{\"n\": NaN}",
                "{\"n\": 01}",
                "{\"s\": \"\\ud800\"}",
                "{\"s\": \"\\u0000\"}",
                "{\"s\": \"bad escape \\x\"}",
                "[".repeat(100_000),
                "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));
        if (below(10) == 0) {
            return new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body as JSON text; with {@code hostile}, one member (or the body itself) is made hostile first. */
    private byte[] json(JsonNode value, boolean hostile) {
        JsonNode body = value;
        if (hostile) {
            List<JsonNode[]> slots = new ArrayList<>();
            collectSlots(body, slots);
            JsonNode bad = hostileValue();
            if (slots.isEmpty() || below(20) == 0) {
                body = bad;
            } else {
                JsonNode[] slot = pick(slots);
                if (slot[0] instanceof ObjectNode object) {
                    String name = slot[1].asText();
                    if (below(10) == 0) {
                        name = draw(Arbitraries.of(
                                name.toUpperCase(Locale.ROOT),
                                "unknownMember",
                                "_ext",
                                "id",
                                "_etag",
                                "",
                                "\u0000",
                                "a\ud800"));
                    }
                    object.set(name, bad);
                } else if (slot[0] instanceof ArrayNode array) {
                    array.set(slot[1].asInt(), bad);
                }
            }
        }
        try {
            String text = JSON.writeValueAsString(body);
            for (Map.Entry<String, String> raw : raws.entrySet()) {
                text = text.replace(JSON.writeValueAsString(raw.getKey()), raw.getValue());
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectSlots(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> slots.add(new JsonNode[] {object, NODES.textNode(name)}));
            object.elements().forEachRemaining(child -> collectSlots(child, slots));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] {array, NODES.numberNode(i)});
                collectSlots(array.get(i), slots);
            }
        }
    }

    private JsonNode hostileValue() {
        int which = below(12);
        return switch (which) {
            case 0, 1 -> NODES.textNode(draw(hostileText()));
            case 2, 3 -> NODES.numberNode(draw(hostileInteger()));
            case 4 -> NODES.textNode(draw(hostileDate()));
            case 5 ->
                raw(draw(Arbitraries.of(
                        "1e400",
                        "-1e400",
                        "1E-400",
                        "-0",
                        "123456789012345678901234567890.5",
                        "2147483648",
                        "9223372036854775808",
                        "1" + "0".repeat(300),
                        "-2147483649",
                        "0.000000001")));
            case 6 -> {
                int depth = draw(Arbitraries.of(1_001, 1_500, 5_000));
                yield raw("[".repeat(depth) + "1" + "]".repeat(depth));
            }
            case 7 -> {
                ArrayNode huge = NODES.arrayNode();
                int size = draw(Arbitraries.of(1_000, 20_000, 200_000));
                for (int i = 0; i < size; i++) {
                    huge.add(i % 2 == 0 ? NODES.objectNode() : NODES.numberNode(i));
                }
                yield huge;
            }
            case 8 -> NODES.textNode("x".repeat(draw(Arbitraries.of(256, 4_097, 70_000, 600_000))));
            case 9 ->
                pick(List.of(
                        NODES.nullNode(),
                        NODES.booleanNode(true),
                        NODES.objectNode(),
                        NODES.arrayNode(),
                        NODES.numberNode(1.5),
                        NODES.textNode("")));
            case 10 -> {
                ArrayNode nulls = NODES.arrayNode();
                nulls.addNull();
                nulls.add(NODES.textNode("\u0000"));
                yield nulls;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                object.put(draw(hostileText()), draw(hostileText()));
                yield object;
            }
        };
    }

    /** Raw JSON text put in place of a placeholder string after serialization. */
    private JsonNode raw(String text) {
        String key = RAW + raws.size();
        raws.put(key, text);
        return NODES.textNode(key);
    }

    /** A value for {@code schema} that looks right, from the hub's known items where a member names one. */
    private JsonNode value(JsonNode schema, String name, int depth) {
        schema = resolve(document, schema);
        if (depth > 8) {
            return NODES.textNode("deep");
        }
        for (String choice : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.path(choice).size() > 0) {
                schema = resolve(document, schema.path(choice).get(0));
            }
        }
        String type = schema.path("type")
                .asText(schema.has("properties") ? "object" : schema.has("items") ? "array" : "string");
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return pick(iterable(schema.path("enum")));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (property.getKey().equals("id")
                            || property.getKey().startsWith("_")
                            || property.getKey().equals("link")) {
                        return;
                    }
                    boolean include = required.contains(property.getKey()) ? below(20) > 0 : depth < 3 && below(4) == 0;
                    if (include) {
                        object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
                    }
                });
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int size = draw(Arbitraries.integers()
                        .between(
                                Math.max(0, schema.path("minItems").asInt(0)),
                                Math.max(schema.path("minItems").asInt(0), depth < 3 ? 2 : 0)));
                for (int i = 0; i < size; i++) {
                    array.add(value(schema.path("items"), name, depth + 1));
                }
                return array;
            }
            case "integer": {
                if (lower.contains("year")) {
                    return NODES.numberNode(draw(Arbitraries.of(2024, 2025, 2026)));
                }
                if (lower.endsWith("id")) {
                    return NODES.numberNode(draw(Arbitraries.of(255901L, 255902L, 255901001L, 255902001L, 255950L)));
                }
                return NODES.numberNode(draw(Arbitraries.integers()
                        .between(
                                schema.path("minimum").asInt(0),
                                Math.min(schema.path("maximum").asInt(1_000), 1_000))));
            }
            case "number":
                return NODES.numberNode(
                        draw(Arbitraries.doubles().between(0, 100).ofScale(2)));
            case "boolean":
                return NODES.booleanNode(draw(Arbitraries.of(true, false)));
            default: {
                String format = schema.path("format").asText("");
                if (format.equals("date")) {
                    return NODES.textNode(draw(Arbitraries.of("2024-08-19", "2025-01-06", "2008-05-17")));
                }
                if (format.equals("date-time")) {
                    return NODES.textNode("2025-01-06T08:00:00Z");
                }
                if (lower.contains("url") || lower.contains("uri") && !lower.endsWith("descriptor")) {
                    // never a host outside this machine: the hub may call what it is given
                    return NODES.textNode(draw(Arbitraries.of(
                            "http://localhost:1", "http://127.0.0.1:1/x", "not a url", "ftp://localhost/", "")));
                }
                if (lower.endsWith("descriptor")) {
                    return NODES.textNode(draw(Arbitraries.of(
                            "uri://ed-fi.org/SexDescriptor#Female",
                            "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",
                            "uri://ed-fi.org/RaceDescriptor#White",
                            "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School",
                            "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy",
                            "uri://ed-fi.org/RelationDescriptor#Mother",
                            "uri://nowhere/XDescriptor#Y")));
                }
                if (lower.contains("uniqueid")) {
                    return NODES.textNode(draw(Arbitraries.of("FZ-1", "FZ-2", "FZ-3", "FZ-9")));
                }
                if (lower.equals("namespace") || lower.contains("prefix")) {
                    return NODES.textNode(draw(Arbitraries.of("uri://ed-fi.org", "uri://fuzz.example")));
                }
                if (lower.equals("claimset")) {
                    return NODES.textNode(draw(Arbitraries.of("SISVendor", "StateSystemReader", "StateAdmin")));
                }
                int max = Math.max(1, Math.min(schema.path("maxLength").asInt(30), 30));
                return NODES.textNode(draw(Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars(" -'")
                        .ofMinLength(Math.min(
                                max, Math.max(1, schema.path("minLength").asInt(1))))
                        .ofMaxLength(max)));
            }
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }

    // ------------------------------------------------------------------------------------------ hostile values

    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(24),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMinLength(1)
                        .ofMaxLength(4),
                Arbitraries.strings()
                        .withCharRange('\ud800', '\udfff')
                        .ofMinLength(1)
                        .ofMaxLength(3),
                Arbitraries.of(
                        "\u0000",
                        "a\u0000b",
                        "\ud800",
                        "\udfff",
                        "x\ud83d",
                        "\ud83d\ude00",
                        "",
                        " ",
                        "null",
                        "'; DROP TABLE document; --",
                        "%",
                        "../..",
                        "\u202e",
                        "\ufeff",
                        "\uffff",
                        "0",
                        "-1",
                        "9".repeat(400),
                        "<script>alert(1)</script>",
                        "${jndi:ldap://localhost:1/x}"));
    }

    static Arbitrary<BigInteger> hostileInteger() {
        BigInteger ten = BigInteger.TEN;
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(ten.pow(40).negate(), ten.pow(40)),
                Arbitraries.of(
                        BigInteger.TWO.pow(31),
                        BigInteger.TWO.pow(31).negate().subtract(BigInteger.ONE),
                        BigInteger.TWO.pow(63),
                        BigInteger.TWO.pow(64),
                        BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE),
                        ten.pow(30),
                        ten.pow(300),
                        BigInteger.valueOf(-1),
                        BigInteger.ZERO,
                        BigInteger.valueOf(3_000_000_000L)));
    }

    static Arbitrary<String> hostileDate() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "-999999999-01-01",
                        "0000-01-01",
                        "0001-01-01",
                        "99999-12-31",
                        "2024-02-30",
                        "2024-13-01",
                        "20240101",
                        "+10000-01-01",
                        "1900-01-01T00:00:00Z",
                        "9999-12-31",
                        "1-1-1",
                        "2024-01-01\u0000"),
                Arbitraries.integers().between(-300_000, 300_000).map(year -> year + "-06-15"));
    }

    // --------------------------------------------------------------------------------------------- sending

    private Outcome send(Request request) {
        long start = System.nanoTime();
        try {
            if (request.raw()) {
                return rawSend(request, start);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(
                            URI.create(request.target().baseUrl() + request.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30));
            request.headers().forEach(builder::header);
            builder.method(
                    request.method(),
                    request.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(
                    request,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8),
                    millis(start));
        } catch (HttpTimeoutException e) {
            return new Outcome(request, 0, null, "timed out", millis(start));
        } catch (IOException e) {
            // the server may close the connection on a request it refuses while the body is still being sent
            return new Outcome(request, 0, null, "I/O: " + e, millis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException refusedByTheClient) {
            // a URI or header the JDK's client will not send: send the same bytes over a socket
            try {
                return rawSend(asRaw(request), start);
            } catch (IOException e) {
                return new Outcome(request, 0, null, "I/O: " + e, millis(start));
            }
        }
    }

    private static Request asRaw(Request request) {
        URI base = URI.create(request.target().baseUrl());
        StringBuilder head = new StringBuilder("%s %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n"
                .formatted(request.method(), request.pathAndQuery(), base.getHost(), base.getPort()));
        request.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = request.body() == null ? new byte[0] : request.body();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return new Request(
                request.kind(),
                request.target(),
                request.method(),
                request.pathAndQuery(),
                request.headers(),
                request.body(),
                true,
                bytes);
    }

    private Outcome rawSend(Request request, long start) throws IOException {
        URI base = URI.create(request.target().baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.rawBytes());
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                    if (complete(received)) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Outcome(request, 0, null, "timed out", millis(start));
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || headEnd < 0) {
                return new Outcome(request, 0, null, "no HTTP answer: " + abbreviate(text), millis(start));
            }
            String head = text.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
            }
            String body = new String(
                    text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return new Outcome(request, status, contentType, body, millis(start));
        }
    }

    /** A whole answer read: its head, and as many body bytes as its Content-Length says. */
    private static boolean complete(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return text.length() - headEnd - 4
                        >= Integer.parseInt(line.substring(15).trim());
            }
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                return text.endsWith("\r\n0\r\n\r\n");
            }
        }
        return false;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** One value of a jqwik arbitrary, edge cases (empty, extremes, NUL, surrogates) mixed in, from the seed. */
    private <T> T draw(Arbitrary<T> arbitrary) {
        RandomGenerator<T> generator = arbitrary.generator(1_000, true);
        return generator.next(random).value();
    }

    /** One of {@code choices} (structure, not values: jqwik would hash them to memoize its generators). */
    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A choice among {@code n} ways (0 to n - 1) from the same seeded source. */
    private int below(int n) {
        return random.nextInt(n);
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asText();
            current = ref.startsWith("#") ? document.at(ref.substring(1)) : NODES.objectNode();
        }
        return current;
    }

    /** A value as it goes into a query: encoded, unless it was drawn encoded already (bytes no string holds). */
    private static String queryValue(String value) {
        return value.startsWith(ENCODED) ? value.substring(ENCODED.length()) : encode(value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return flat.length() <= 160 ? flat : flat.substring(0, 150) + "...(" + flat.length() + " chars)";
    }

    /** Retries a call that meets a service still starting (used for the hub's documents). */
    static <T> T retry(Callable<T> call) throws Exception {
        Exception last = null;
        for (int i = 0; i < 20; i++) {
            try {
                return call.call();
            } catch (Exception e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw last;
    }
}
