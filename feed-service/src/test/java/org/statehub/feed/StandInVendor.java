package org.statehub.feed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A vendor's SIS for pull tests, on a free local port: {@code bodyOfPath} gives what a path serves ({@code null}: a
 * 404). Templates ({@code /templates/...}) are csv; everything else is json served as one page (a page past the first
 * is {@code []}).
 */
public final class StandInVendor {

    private StandInVendor() {}

    /** The started server; its base URL is {@link #baseUrl(HttpServer)}. The caller stops it. */
    public static HttpServer start(Function<String, String> bodyOfPath) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean template = path.startsWith("/templates/");
            String body = bodyOfPath.apply(path);
            if (body != null
                    && !template
                    && !String.valueOf(exchange.getRequestURI().getQuery()).contains("offset=0")) {
                body = "[]"; // one page
            }
            byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", template ? "text/csv" : "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Where {@code server} answers. */
    public static String baseUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
