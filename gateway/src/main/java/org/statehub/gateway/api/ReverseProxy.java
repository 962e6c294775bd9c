package org.statehub.gateway.api;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.http.Correlation;
import org.statehub.http.HttpEdge;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * Routes {@code /data/v3/{project}/{resource}/...} and {@code /bulk/v1/{project}/{resource}} ({@code ed-fi} for the
 * core, an extension project's name for its own resources) to the service that owns the resource (by the catalog,
 * the names in any case), and the services' own APIs {@code /feed/...} (feed
 * administration, vendor pushes) and {@code /conflicts/...} (the duplicates worklist) to feed-service and
 * conflict-service, each service checking the token itself. A reverse proxy on the Vert.x event loop (Vert.x's
 * {@code vertx-http-proxy} with one pooled keep-alive HTTP client per service, decision 0015): bodies stream both
 * ways; a {@code correlation-id} is added when the caller sent none; the service is told the public host and
 * scheme ({@code X-Forwarded-Host}, {@code -Proto}) so its {@code Location} headers point here; hop-by-hop headers
 * stay on their hop. Refused as problem details: a revoked client's token (401), a caller over its rate (429 with
 * Retry-After), a body over {@code gateway.max-body-bytes} declared or counted as it streams (413), an unknown
 * resource (404), a service that is down (502) or too slow (504, both with Retry-After); a service's error answer
 * without a JSON body becomes problem details too (keeping its Retry-After, WWW-Authenticate and Allow). Runs
 * before RESTEasy (the gateway's own endpoints) and after hub-http's {@link HttpEdge}, so paths arrive in their
 * canonical case with their correlation id chosen. A request of a school year ({@link YearRouting}) carries its
 * {@code Hub-Data-Space} header to the service, and a {@code Location} of the answer gets the year's prefix.
 */
@ApplicationScoped
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    /** After hub-http's edge and Quarkus's security, before RESTEasy. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 100;

    /** The service each area belongs to (names of {@code gateway.services}). */
    static final Map<String, String> AREAS = Map.of("feed", "feed-service", "conflicts", "conflict-service");

    /** Request headers that stay on the caller's hop, or that the gateway sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            Correlation.HEADER);

    /** Answer headers that stay on the service's hop ({@code content-length} is set by the proxy). */
    private static final List<String> HOP_BY_HOP =
            List.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    /** Headers of a service's error answer kept when it is turned into problem details. */
    private static final List<String> KEPT_ON_ERRORS = List.of("Retry-After", "WWW-Authenticate", "Allow");

    private static final List<HttpMethod> DATA_METHODS = List.of(
            HttpMethod.GET,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.DELETE,
            HttpMethod.PATCH,
            HttpMethod.HEAD,
            HttpMethod.OPTIONS);

    private static final List<HttpMethod> AREA_METHODS =
            List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);

    @Inject
    GatewayConfig config;

    @Inject
    ResourceCatalog catalog;

    @Inject
    Callers callers;

    @Inject
    HttpEdge edge;

    @Inject
    Vertx vertx;

    /** A service behind the gateway: where it is, and the pool of connections to it. */
    private record Target(String name, String host, int port, String basePath, HttpClient client) {}

    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        for (HttpMethod method : DATA_METHODS) {
            router.routeWithRegex(method, "/data/v3/([^/]+)/([^/]+)(/.*)?")
                    .order(ORDER)
                    .handler(rc -> route(rc, ownerOf(rc.pathParam("param0"), rc.pathParam("param1"))));
        }
        router.routeWithRegex("/bulk/v1/([^/]+)/([^/]+)").order(ORDER).handler(rc -> {
            if (rc.request().method() == HttpMethod.POST) {
                route(rc, ownerOf(rc.pathParam("param0"), rc.pathParam("param1")));
            } else {
                rc.request().resume();
                rc.response().putHeader(HttpHeaders.ALLOW, "POST");
                edge.write(rc, Problems.ofStatus(405, null));
            }
        });
        for (HttpMethod method : AREA_METHODS) {
            router.routeWithRegex(method, "/(feed|conflicts)(/.*)?")
                    .order(ORDER)
                    .handler(rc -> route(rc, AREAS.get(rc.pathParam("param0"))));
        }
    }

    void close(@Observes ShutdownEvent event) {
        targets.values().forEach(target -> target.client().close());
    }

    private String ownerOf(String project, String resourceName) {
        ResourceDefinition resource = catalog.find(project, resourceName);
        return resource == null ? null : resource.ownerService();
    }

    /**
     * Passes the request to {@code serviceName} (a key of {@code gateway.services}; null: an unknown resource,
     * 404) once the caller is admitted.
     */
    void route(RoutingContext rc, String serviceName) {
        HttpServerRequest request = rc.request();
        // the body waits while the caller is checked (which may go to a worker thread)
        request.pause();
        callers.refusalOnEventLoop(
                        request.getHeader(HttpHeaders.AUTHORIZATION),
                        request.remoteAddress() == null
                                ? null
                                : request.remoteAddress().host())
                .onComplete(checked -> {
                    if (checked.failed()) {
                        LOG.errorf(
                                checked.cause(), "Checking a caller failed (correlation id %s)", Correlation.current());
                        refuse(rc, Problems.unexpected(), 0);
                    } else if (checked.result() != null) {
                        refuse(rc, checked.result().problem(), checked.result().retryAfter());
                    } else {
                        forward(rc, serviceName);
                    }
                });
    }

    private void forward(RoutingContext rc, String serviceName) {
        HttpServerRequest request = rc.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : parseLong(length);
        if (declared > config.maxBodyBytes()) {
            edge.write(rc, Problems.payloadTooLarge(config.maxBodyBytes()));
            return;
        }
        Target target = target(serviceName);
        if (target == null) {
            refuse(rc, Problems.dataNotFound(), 0);
            return;
        }
        ProxyRequest proxied = ProxyRequest.reverseProxy(request);
        CountedBody body = new CountedBody(request, config.maxBodyBytes());
        proxied.setBody(Body.body(body, declared));
        // path and query as they arrived (in their canonical case), also when the caller sent an absolute URI
        proxied.setURI(target.basePath() + request.path() + (request.query() == null ? "" : "?" + request.query()));
        MultiMap headers = proxied.headers();
        headers.names().stream()
                .filter(name -> {
                    String lower = name.toLowerCase(java.util.Locale.ROOT);
                    return NOT_FORWARDED.contains(lower) || lower.startsWith("x-forwarded-");
                })
                .toList()
                .forEach(headers::remove);
        headers.set(Correlation.HEADER, Correlation.current());
        HostAndPort authority = request.authority();
        headers.set(
                "X-Forwarded-Host",
                authority != null
                        ? authority.toString()
                        : URI.create(config.issuer()).getAuthority());
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (authority != null) {
            // the service's own host in Host (the proxy then names the caller's in X-Forwarded-Host, as above)
            proxied.setAuthority(HostAndPort.create(target.host(), target.port()));
        }
        target.client()
                .request(new RequestOptions()
                        .setMethod(request.method())
                        .setIdleTimeout(config.routeTimeout().toMillis()))
                .compose(proxied::send)
                .onComplete(answered -> {
                    if (answered.succeeded()) {
                        answer(rc, target, answered.result());
                    } else {
                        unanswered(rc, target, body, answered.cause());
                    }
                });
    }

    /** The service's answer passed on as it streams; an error answer without a JSON body as problem details. */
    private void answer(RoutingContext rc, Target target, ProxyResponse answer) {
        MultiMap headers = answer.headers();
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (answer.getStatusCode() >= 400 && (type == null || !type.contains("json"))) {
            LOG.warnf(
                    "%s answered %d without a problem body (correlation id %s)",
                    target.name(), answer.getStatusCode(), Correlation.current());
            for (String kept : KEPT_ON_ERRORS) {
                String value = headers.get(kept);
                if (value != null) {
                    rc.response().putHeader(kept, value);
                }
            }
            answer.release();
            edge.write(rc, Problems.ofStatus(answer.getStatusCode(), null));
            return;
        }
        HOP_BY_HOP.forEach(headers::remove);
        String year = YearRouting.of(rc);
        String location = headers.get(HttpHeaders.LOCATION);
        if (year != null && location != null) {
            headers.set(HttpHeaders.LOCATION, YearRouting.located(location, year));
        }
        answer.send();
    }

    /**
     * 502 for a service that is down, 504 for one too slow to answer, both with Retry-After; 413 when the caller's
     * body was over the limit (what the service did not take is read and counted first, for a few seconds at most).
     */
    private void unanswered(RoutingContext rc, Target target, CountedBody body, Throwable cause) {
        boolean timedOut =
                cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException;
        boolean unreachable = timedOut || cause instanceof ConnectException;
        if (!unreachable && !body.exceeded()) {
            LOG.warnf("Routing to %s failed (correlation id %s): %s", target.name(), Correlation.current(), cause);
        }
        Problem problem = unreachable
                ? FanOutAnswers.unavailable(target.name(), timedOut, config.routeTimeout())
                : FanOutAnswers.unavailable(502, "Bad Gateway", target.name() + " did not answer.");
        Runnable write = () -> {
            if (body.exceeded()) {
                edge.write(rc, Problems.payloadTooLarge(config.maxBodyBytes()));
            } else {
                rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(FanOutAnswers.RETRY_AFTER_SECONDS));
                edge.write(rc, problem);
            }
        };
        if (body.exceeded()) {
            write.run();
        } else {
            // what the service did not take is read to its end first, so the connection can carry the next request
            HttpEdge.dropRest(vertx, body, rc.request().isEnded(), write);
        }
    }

    /** A refusal before anything is forwarded: the body is read and dropped, the connection kept. */
    private void refuse(RoutingContext rc, Problem problem, long retryAfter) {
        rc.request().resume();
        if (retryAfter > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        edge.write(rc, problem);
    }

    /** The service of that name (a key of {@code gateway.services}), or null. */
    private Target target(String serviceName) {
        if (serviceName == null) {
            return null;
        }
        GatewayConfig.Service service = config.services().get(serviceName);
        return service == null ? null : targets.computeIfAbsent(serviceName, name -> connect(name, service.url()));
    }

    private Target connect(String name, String url) {
        URI uri = URI.create(url);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/$", "");
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(uri.getHost())
                        .setDefaultPort(port)
                        .setSsl(tls)
                        .setKeepAlive(true)
                        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                        .setName("gateway-" + name),
                new PoolOptions().setHttp1MaxSize(config.serviceConnections()));
        return new Target(name, uri.getHost(), port, basePath, client);
    }

    /** How long connecting to a service may take (then 504). */
    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
