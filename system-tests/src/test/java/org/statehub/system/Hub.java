package org.statehub.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.statehub.testing.EdFiBodies;
import org.statehub.testing.EmbeddedPostgres;

/**
 * The hub's core for a system test that needs a database of its own: a fresh PostgreSQL database, then the
 * gateway, student-service and enrollment-service as processes wired to each other and to the gateway's tokens,
 * with a bootstrap admin client. {@code environment} is what every process of the system gets; the services the
 * test adds ({@link Service}) are named in it from the start, each with the port it is kept, so the gateway can
 * route to them.
 *
 * <p>A test declares its hub on a static field, as a JUnit 5 extension: {@code @RegisterExtension static final Hub
 * hub = Hub.of(...).withFeed(...)}. Before the class's {@code @BeforeAll} methods the hub starts, then the services
 * the test declared (the simulated vendor, feed-service, conflict-service, in that order); after the class's tests
 * they stop, then the hub. A test that brings its own database starts the hub on it ({@link #start(Database,
 * String, String)}) and stops it ({@link #stop(Hub, ServiceProcess...)}).
 */
final class Hub implements BeforeAllCallback, AfterAllCallback {

    /** A service a test starts after the hub ({@link #withFeed}, {@link #withConflicts}). */
    @RequiredArgsConstructor
    enum Service {
        FEED("feed-service", "FEED_SERVICE_URL"),
        CONFLICTS("conflict-service", "CONFLICT_SERVICE_URL");

        final String module;
        /** The environment variable that tells the other processes its URL. */
        final String urlVariable;
    }

    /** The simulated SIS vendor a test declared: its district's size, its API key and its other settings. */
    private record Vendor(int students, String apiKey, Map<String, String> settings) {}

    private final String databaseName;
    private final String admin;
    private final String adminSecret;
    /** The services the test declared, with their settings (their intervals and time-outs). */
    private final Map<Service, Map<String, String>> declared = new EnumMap<>(Service.class);

    /** What the test adds to every process's environment (e.g. {@code EDFI_EXTENSIONS}). */
    private final Map<String, String> settings = new HashMap<>();

    private Vendor declaredVendor;
    Database database;
    Map<String, String> environment;
    String gatewayUrl;
    ServiceProcess gateway;
    ServiceProcess students;
    ServiceProcess enrollments;
    /** The port kept for each service the test named when it started the hub. */
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    /** The services started after the hub, by the extension. */
    private final Map<Service, ServiceProcess> started = new EnumMap<>(Service.class);

    private ServiceProcess vendor;
    private String adminToken;

    private Hub(String databaseName, String admin, String adminSecret) {
        this.databaseName = databaseName;
        this.admin = admin;
        this.adminSecret = adminSecret;
    }

    /** The hub of a test, on a fresh database {@code databaseName}, with this bootstrap admin client. */
    static Hub of(String databaseName, String admin, String adminSecret) {
        return new Hub(databaseName, admin, adminSecret);
    }

    /** {@code settings} (e.g. {@code EDFI_EXTENSIONS}) in the environment of every process of the hub. */
    Hub withSettings(Map<String, String> settings) {
        this.settings.putAll(settings);
        return this;
    }

    /** feed-service, started after the hub (and the vendor), calling it through the gateway, with {@code settings}. */
    Hub withFeed(Map<String, String> settings) {
        declared.put(Service.FEED, settings);
        return this;
    }

    /** conflict-service, started after the hub and feed-service, with {@code settings} (its intervals). */
    Hub withConflicts(Map<String, String> settings) {
        declared.put(Service.CONFLICTS, settings);
        return this;
    }

    /** The simulated SIS vendor ({@link FeedOperations#startVendor}), started first after the hub. */
    Hub withVendor(int students, String apiKey, Map<String, String> settings) {
        declaredVendor = new Vendor(students, apiKey, settings);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        startCore(freshDatabase(context.getRequiredTestClass().getSimpleName(), databaseName), declared.keySet());
        if (declaredVendor != null) {
            vendor = FeedOperations.startVendor(
                    declaredVendor.students(), declaredVendor.apiKey(), declaredVendor.settings());
        }
        if (declared.containsKey(Service.FEED)) {
            startFeed(declared.get(Service.FEED));
        }
        if (declared.containsKey(Service.CONFLICTS)) {
            startOther(Service.CONFLICTS, declared.get(Service.CONFLICTS));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop(this, conflicts(), feed(), vendor);
    }

    /** feed-service, once the extension has started it. */
    ServiceProcess feed() {
        return started.get(Service.FEED);
    }

    /** conflict-service, once the extension has started it. */
    ServiceProcess conflicts() {
        return started.get(Service.CONFLICTS);
    }

    /** The simulated SIS vendor, once the extension has started it. */
    ServiceProcess vendor() {
        return vendor;
    }

    /** A fresh database {@code databaseName} of the tests' PostgreSQL, for {@code test}. */
    private static Database freshDatabase(String test, String databaseName) throws Exception {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            throw new IllegalStateException(
                    test + " needs a database of its own; run it without " + "QUARKUS_DATASOURCE_JDBC_URL");
        }
        return new Database(
                EmbeddedPostgres.freshDatabase(databaseName),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "postgres"));
    }

    /** The hub started on a database the test provides (e.g. a PostgreSQL it stops and starts). */
    static Hub start(Database database, String admin, String adminSecret) throws Exception {
        Hub hub = new Hub(null, admin, adminSecret);
        hub.startCore(database, List.of());
        return hub;
    }

    /** {@code others}: the services the test will start after the hub. */
    private void startCore(Database database, Collection<Service> others) throws Exception {
        this.database = database;
        Map<String, String> common = new HashMap<>(settings);
        common.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME",
                database.user(),
                "QUARKUS_DATASOURCE_PASSWORD",
                database.password(),
                "HUB_ADMIN_CLIENT_ID",
                admin,
                "HUB_ADMIN_CLIENT_SECRET",
                adminSecret));
        int gatewayPort = ServiceProcess.freePort();
        int studentPort = ServiceProcess.freePort();
        int enrollmentPort = ServiceProcess.freePort();
        gatewayUrl = "http://localhost:" + gatewayPort;
        common.put("STUDENT_SERVICE_URL", "http://localhost:" + studentPort);
        common.put("ENROLLMENT_SERVICE_URL", "http://localhost:" + enrollmentPort);
        for (Service other : others) {
            int port = ServiceProcess.freePort();
            ports.put(other, port);
            common.put(other.urlVariable, "http://localhost:" + port);
        }
        common.put("GATEWAY_PUBLIC_URL", gatewayUrl);
        common.put("OIDC_AUTH_SERVER_URL", gatewayUrl);
        common.put("OIDC_ISSUER", gatewayUrl);
        common.put("OIDC_TOKEN_URL", gatewayUrl + "/oauth/token");
        environment = common;
        gateway = new ServiceProcess("gateway", common, gatewayPort);
        gateway.start();
        students = new ServiceProcess("student-service", common, studentPort);
        students.start();
        enrollments = new ServiceProcess("enrollment-service", common, enrollmentPort);
        enrollments.start();
    }

    /** The client id of the hub's bootstrap administrator. */
    String admin() {
        return admin;
    }

    /** A token of the hub's bootstrap administrator (the admin client it was started with), got once. */
    String adminToken() {
        if (adminToken == null) {
            adminToken = token(environment.get("HUB_ADMIN_CLIENT_ID"), environment.get("HUB_ADMIN_CLIENT_SECRET"));
        }
        return adminToken;
    }

    /** A token of a client of this hub (client credentials at the gateway). */
    String token(String clientId, String secret) {
        return token(gatewayUrl, clientId, secret);
    }

    /** A token of a client of the gateway at {@code gatewayUrl} (client credentials). */
    static String token(String gatewayUrl, String clientId, String secret) {
        return RestAssured.given()
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post(gatewayUrl + "/oauth/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The newest change version of the whole API ({@code availableChangeVersions} at the gateway). */
    long newestChangeVersion(String token) {
        return newestChangeVersion(token, "");
    }

    /**
     * The newest change version of the whole API in a school year ({@code /{year}/changeQueries/...}; {@code ""} for
     * a deployment without years).
     */
    long newestChangeVersion(String token, String year) {
        return as(token)
                .get((year.isEmpty() ? "" : "/" + year) + "/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("newestChangeVersion");
    }

    /** The path below the gateway of what a POST created (its {@code Location}); the POST must have been a 201. */
    String created(io.restassured.response.Response response) {
        response.then().statusCode(201);
        return response.header("Location").substring(gatewayUrl.length());
    }

    /**
     * Asserts that the gateway publishes an extension project: in the discovery document's {@code dataModels}, in
     * the list of OpenAPI documents ({@code /metadata/}, prefix its endpoint name) and as its own document, which
     * has {@code path} among its paths.
     */
    void assertProjectPublished(String projectName, String endpointName, String path) {
        RestAssured.given()
                .baseUri(gatewayUrl)
                .get("/")
                .then()
                .statusCode(200)
                .body("dataModels.name", Matchers.hasItem(projectName));
        RestAssured.given()
                .baseUri(gatewayUrl)
                .get("/metadata/")
                .then()
                .statusCode(200)
                .body("find { it.name == '" + projectName + "' }.prefix", Matchers.equalTo(endpointName));
        RestAssured.given()
                .baseUri(gatewayUrl)
                .get("/metadata/data/v3/" + endpointName + "/swagger.json")
                .then()
                .statusCode(200)
                .body("paths", Matchers.hasKey(path));
    }

    /** A client of the gateway: its id and a token of it. */
    record Client(String id, String token) {}

    /**
     * A new client made through the admin API of the gateway at {@code gatewayUrl} by {@code administrator} (a
     * request carrying an administrator's credentials), {@code body} its JSON: its id and a token of it.
     */
    static Client client(String gatewayUrl, RequestSpecification administrator, String body) {
        var created = administrator
                .baseUri(gatewayUrl)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/admin/v1/clients")
                .then()
                .statusCode(201)
                .extract();
        String id = created.path("clientId");
        return new Client(id, token(gatewayUrl, id, created.path("clientSecret")));
    }

    /** A new client of this hub, made by the administrator with {@code token}. */
    Client client(String token, String body) {
        return client(gatewayUrl, as(token), body);
    }

    /** A new SISVendor client of this hub for one education organization: a token of it. */
    String vendor(String token, String displayName, long educationOrganizationId) {
        return client(token, """
                        {"displayName": "%s", "claimSet": "SISVendor", "educationOrganizationIds": [%d]}
                        """.formatted(displayName, educationOrganizationId))
                .token();
    }

    /** An Ed-Fi item written (created or updated) through the gateway by the caller with {@code token}. */
    void write(String token, String resource, String body) {
        as(token).body(body).post("/data/v3/ed-fi/" + resource).then().statusCode(Matchers.oneOf(200, 201));
    }

    /** A local education agency and one school of it ({@link EdFiBodies}), written by the caller with {@code token}. */
    void leaWithSchool(String token, long lea, long school) {
        write(token, "localEducationAgencies", EdFiBodies.lea(lea));
        write(token, "schools", EdFiBodies.school(school, lea));
    }

    /** A new unique id (a studentUniqueId, a contactUniqueId): {@code prefix} and 12 random hex digits. */
    static String uniqueId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Waits until the condition holds, checking every 200 ms; fails after {@code within}. */
    static void eventually(java.time.Duration within, java.util.concurrent.Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Starts {@code service} (named when the hub started) as a process on the port kept for it, with the hub's
     * environment plus {@code settings}.
     */
    private ServiceProcess startOther(Service service, Map<String, String> settings) throws Exception {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalStateException(service + " was not named when the hub started: the gateway has no route");
        }
        Map<String, String> environment = new HashMap<>(this.environment);
        environment.putAll(settings);
        ServiceProcess process = new ServiceProcess(service.module, environment, port);
        started.put(service, process);
        process.start();
        return process;
    }

    /** feed-service, calling this hub through the gateway, with {@code settings} (its intervals and time-outs). */
    private ServiceProcess startFeed(Map<String, String> settings) throws Exception {
        Map<String, String> feed = new HashMap<>(settings);
        feed.put("HUB_URL", gatewayUrl);
        feed.put("FEED_SECRET_KEY", "system-test-feed-secret-key-0123456789");
        return startOther(Service.FEED, feed);
    }

    /** A second StateAdmin client, made by the administrator with {@code token}. */
    Client secondAdministrator(String token, String displayName) {
        return client(token, "{\"displayName\": \"" + displayName + "\", \"claimSet\": \"StateAdmin\"}");
    }

    /** A request to the gateway, the hub's one entry point, with the token. */
    RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).baseUri(gatewayUrl).contentType(ContentType.JSON);
    }

    void stop() throws InterruptedException {
        ServiceProcess.stopAll(enrollments, students, gateway);
    }

    /** For a test's {@code @AfterAll}: its own processes first, then the hub (any of them may not have started). */
    static void stop(Hub hub, ServiceProcess... others) throws InterruptedException {
        ServiceProcess.stopAll(others);
        if (hub != null) {
            hub.stop();
        }
    }
}
