package org.statehub.edfi.core.config;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Another service played by a small HTTP server on a free local port, answering every request with
 * {@code handler}. Registered on a static field ({@code @RegisterExtension}), it is started before the class's
 * {@code @BeforeAll} methods and stopped after its tests.
 */
public final class StandIn implements BeforeAllCallback, AfterAllCallback {

    private final HttpHandler handler;
    private HttpServer server;

    public StandIn(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    /** Where it answers: {@code http://127.0.0.1:{port}}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
