package org.statehub.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A "service" that accepts connections and never answers, standing in for feed-service in the gateway's tests,
 * so a routed call meets a service that is up but too slow (504). The route timeout is shortened to 1 s.
 */
public class SilentService implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            held.add(server.accept()); // read nothing, answer nothing
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-service");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of(
                "gateway.services.feed-service.url",
                "http://localhost:" + server.getLocalPort(),
                "gateway.route-timeout",
                "1s");
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
