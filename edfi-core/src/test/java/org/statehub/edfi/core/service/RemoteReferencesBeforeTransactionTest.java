package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.StandIn;
import org.statehub.edfi.core.replication.ChangeFeed;
import org.statehub.edfi.core.replication.ReplicaConsumer;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.jdbc.StoreException;

/**
 * A reference into another service whose item the replica lacks is fetched from the owner before the write
 * transaction, stored in a transaction of its own, and only the replica is read inside the write transaction
 * (issue 16 item 3; the project's style: no HTTP call while a database transaction is open). student-service's
 * engine over its own database; a small HTTP server plays enrollment-service, counting the look-ups it answers and
 * noting how many of the engine's connections are open at each.
 */
class RemoteReferencesBeforeTransactionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load();
    private static final AccessScope ADMIN = AccessScope.unrestricted("state-admin");

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    @RegisterExtension
    static final StandIn OWNER = new StandIn(RemoteReferencesBeforeTransactionTest::answer);

    private static DocumentService students;

    /** Connections of the engine's data source not closed yet. */
    private static final AtomicInteger OPEN = new AtomicInteger();
    /** When set, inserting into the replica fails as the local database refusing the statement. */
    private static final AtomicBoolean REPLICA_INSERT_FAILS = new AtomicBoolean();
    /** The SQL state the next insert into {@code document} fails with, once (null: none fails). */
    private static final AtomicReference<String> DOCUMENT_INSERT_FAILS_WITH = new AtomicReference<>();
    /** Look-ups of schools the owner answered, by school id. */
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();
    /** Connections open at each look-up the owner answered. */
    private static final List<Integer> OPEN_AT_LOOKUP = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        DataSource data = tracking(DATABASE.dataSource());
        ReplicaConsumer ofEnrollment = new ReplicaConsumer(
                "enrollment-service",
                new ChangeFeed(OWNER.url(), MAPPER, Duration.ofSeconds(5), null),
                Set.of("stateEducationAgencies", "educationServiceCenters", "localEducationAgencies", "schools"),
                CATALOG,
                data,
                0,
                new SkippedRecords());
        students = CrossServiceReferencesTest.withReplicas("student-service", data, CATALOG, ofEnrollment);
    }

    @BeforeEach
    void reset() {
        REPLICA_INSERT_FAILS.set(false);
        DOCUMENT_INSERT_FAILS_WITH.set(null);
        OPEN_AT_LOOKUP.clear();
    }

    @Test
    void theOwnerIsAskedWithNoConnectionOfTheWriteOpen() throws Exception {
        createStudent("RB1");

        WriteResult written = students.upsert(ADMIN, seoas(), seoa(255901101, "RB1"), null);

        assertThat(written).isInstanceOf(WriteResult.Created.class);
        assertThat(lookups(255901101)).isEqualTo(1);
        assertThat(OPEN_AT_LOOKUP).containsOnly(0);
    }

    @Test
    void aWriteRefusedForAnotherReferenceKeepsTheFetchedItemSoTheOwnerIsNotAskedAgain() throws Exception {
        // the school resolves (fetched from its owner), then the student does not: 409 naming Student
        WriteResult first = students.upsert(ADMIN, seoas(), seoa(255901102, "RB-nobody"), null);
        assertThat(first).isEqualTo(new WriteResult.UnresolvedReference("Student"));
        assertThat(inReplica(255901102)).isTrue();

        createStudent("RB2");
        WriteResult second = students.upsert(ADMIN, seoas(), seoa(255901102, "RB2"), null);

        assertThat(second).isInstanceOf(WriteResult.Created.class);
        assertThat(lookups(255901102)).isEqualTo(1);
    }

    @Test
    void aWriteTheDatabaseRefusesAfterTheFetchKeepsTheFetchedItemSoTheOwnerIsNotAskedAgain() throws Exception {
        createStudent("RB5");
        DOCUMENT_INSERT_FAILS_WITH.set("22P02"); // a value the database refuses: the write fails, nothing retried

        assertThatThrownBy(() -> students.upsert(ADMIN, seoas(), seoa(255901105, "RB5"), null))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).sqlException().getSQLState())
                .isEqualTo("22P02");
        assertThat(inReplica(255901105)).isTrue();
        assertThat(students.upsert(ADMIN, seoas(), seoa(255901105, "RB5"), null))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(lookups(255901105)).isEqualTo(1);
    }

    @Test
    void aWriteRetriedAfterASerializationFailureDoesNotAskTheOwnerAgain() throws Exception {
        createStudent("RB6");
        DOCUMENT_INSERT_FAILS_WITH.set("40001"); // the transaction is repeated

        assertThat(students.upsert(ADMIN, seoas(), seoa(255901106, "RB6"), null))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(lookups(255901106)).isEqualTo(1);
        assertThat(OPEN_AT_LOOKUP).containsOnly(0);
    }

    @Test
    void aFailureOfTheLocalDatabaseWhileStoringTheFetchedItemIsThatFailureNotAnUnreachableOwner() throws Exception {
        createStudent("RB3");
        REPLICA_INSERT_FAILS.set(true);

        assertThatThrownBy(() -> students.upsert(ADMIN, seoas(), seoa(255901103, "RB3"), null))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).sqlException().getSQLState())
                .isEqualTo("53100");
        assertThat(lookups(255901103)).isEqualTo(1);
        assertThat(inReplica(255901103)).isFalse();
    }

    @Test
    void anOwnerThatCannotBeReachedIsUnavailableNotAMissingItem() throws Exception {
        createStudent("RB4");

        WriteResult written = students.upsert(ADMIN, seoas(), seoa(255901666, "RB4"), null);

        assertThat(written).isEqualTo(new WriteResult.Unavailable("EducationOrganization"));
        assertThat(OPEN_AT_LOOKUP).containsOnly(0);
    }

    /** enrollment-service: every school whose id starts with 2559011 exists; 255901666 fails with a 500. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        OPEN_AT_LOOKUP.add(OPEN.get());
        String body = "[]";
        int status = 200;
        if (path.equals("/data/v3/ed-fi/schools") && query.startsWith("schoolId=")) {
            String id = query.substring("schoolId=".length());
            LOOKUPS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (id.equals("255901666")) {
                status = 500;
                body = "{}";
            } else if (id.startsWith("2559011")) {
                body = "[{\"id\": \"" + "0".repeat(23) + id + "\", \"schoolId\": " + id + ","
                        + " \"nameOfInstitution\": \"School " + id + "\", \"_etag\": \"7\"}]";
            }
        } else if (!path.startsWith("/data/v3/ed-fi/")) {
            status = 404;
            body = "{}";
        }
        org.statehub.edfi.core.config.EngineTestSupport.answerJson(exchange, status, body);
    }

    private static int lookups(long schoolId) {
        AtomicInteger count = LOOKUPS.get(Long.toString(schoolId));
        return count == null ? 0 : count.get();
    }

    private static boolean inReplica(long schoolId) throws SQLException {
        try (Connection c = DATABASE.dataSource().getConnection()) {
            return new ReplicaStore().exists(c, "schools", "[" + schoolId + "]");
        }
    }

    private static void createStudent(String uniqueId) throws Exception {
        assertThat(students.upsert(
                        ADMIN,
                        CATALOG.find("students"),
                        json("{\"studentUniqueId\":\"" + uniqueId + "\",\"firstName\":\"Ana\",\"lastSurname\":\"Lee\","
                                + "\"birthDate\":\"2010-01-01\"}"),
                        null))
                .isInstanceOf(WriteResult.Created.class);
    }

    private static org.statehub.edfi.contract.ResourceDefinition seoas() {
        return CATALOG.find("studentEducationOrganizationAssociations");
    }

    private static ObjectNode seoa(long organization, String student) throws Exception {
        return json("{\"educationOrganizationReference\":{\"educationOrganizationId\":" + organization + "},"
                + "\"studentReference\":{\"studentUniqueId\":\"" + student + "\"},"
                + "\"sexDescriptor\":\"uri://ed-fi.org/SexDescriptor#Female\"}");
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    /**
     * The data source, counting open connections; an insert into {@code replica_item} fails with SQL state 53100
     * (the local disk is full) while {@link #REPLICA_INSERT_FAILS} is set, and the next insert into {@code
     * document} with {@link #DOCUMENT_INSERT_FAILS_WITH}'s state when it is set.
     */
    private static DataSource tracking(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    OPEN.incrementAndGet();
                    Connection connection = (Connection) result;
                    AtomicBoolean closed = new AtomicBoolean();
                    return Proxy.newProxyInstance(
                            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (c, m, a) -> {
                                if (m.getName().equals("close") && !closed.getAndSet(true)) {
                                    OPEN.decrementAndGet();
                                }
                                if (m.getName().equals("prepareStatement")
                                        && REPLICA_INSERT_FAILS.get()
                                        && String.valueOf(a[0]).startsWith("INSERT INTO replica_item")) {
                                    throw new SQLException("could not extend file", "53100");
                                }
                                if (m.getName().equals("prepareStatement")
                                        && String.valueOf(a[0]).startsWith("INSERT INTO document")) {
                                    String state = DOCUMENT_INSERT_FAILS_WITH.getAndSet(null);
                                    if (state != null) {
                                        throw new SQLException("refused", state);
                                    }
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
