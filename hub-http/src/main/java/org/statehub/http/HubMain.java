package org.statehub.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of every service built on hub-http (the gateway, student-, enrollment-, feed- and
 * conflict-service), whatever starts it: {@code java -jar target/quarkus-app/quarkus-run.jar}, {@code run.sh},
 * a container. It switches off Quarkus's own check of the request URI before Quarkus starts, so that a URI
 * {@link java.net.URI} cannot parse (a broken %-escape, a raw space or {@code |}) reaches {@link HttpEdge}, which
 * answers it with problem details. Quarkus 3.34 reads the switch, the system property
 * {@value #DISABLE_URI_VALIDATION}, once, when its HTTP recorder class is initialized at application start
 * ({@code VertxHttpRecorder}'s root handler); without it Quarkus answers such a URI with a bare 400 before any
 * route runs. See docs/decisions/0013-uri-check-switched-off-in-code.md.
 */
@QuarkusMain
public class HubMain {

    /** The system property by which Quarkus's root HTTP handler skips its {@code new URI(uri)} check. */
    public static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
