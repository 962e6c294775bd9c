package org.statehub.conflict.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.ReplicaSeed;
import org.statehub.edfi.core.service.SkippedRecords;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;
import org.statehub.testing.PostgresTestResource;

/**
 * Detection jobs meet replicated records they cannot use (stored before the data services refused such values, or
 * arriving from a source that still takes them): each is skipped and reported, and every other record is processed.
 * Before, one such record failed the job's whole batch on every run, so real conflicts and duplicates stopped
 * being raised until someone deleted it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class BadReplicatedRecordsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConflictDetection conflicts;

    @Inject
    DuplicateDetection duplicates;

    @Inject
    SkippedRecords skipped;

    @Inject
    ReplicaSeed seed;

    private void put(String resource, ObjectNode body) throws SQLException {
        seed.put(resource, UUID.randomUUID(), body);
    }

    private static String uid() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void anSeoaWithAnOutOfRangeOrganizationIdIsSkippedAndRealConflictsAreStillRaised() throws Exception {
        String disputed = "a-" + uid();
        seed.seoa(disputed, BigInteger.valueOf(255901), "Female");
        seed.seoa(disputed, BigInteger.valueOf(255902), "Male");
        // sorted before the disputed student in the queue, with an organization id of 10^30 and one of 2^63
        String broken = "0-" + uid();
        seed.seoa(broken, BigInteger.valueOf(255901), "Female");
        seed.seoa(broken, BigInteger.TEN.pow(30), "Male");
        seed.seoa(broken, BigInteger.TWO.pow(63), "Male");
        long before = skipped.count(ConflictDetection.JOB);

        conflicts.runNow();

        assertThat(states(disputed)).containsExactly("sex open");
        assertThat(states(broken)).as("its only usable SEOA agrees with itself").isEmpty();
        assertThat(skipped.count(ConflictDetection.JOB) - before).isEqualTo(2);
        // the next runs meet the same records again (the SEOA window overlaps) without failing or reporting twice
        conflicts.runNow();
        assertThat(skipped.count(ConflictDetection.JOB) - before).isEqualTo(2);
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("skipped-records"));
    }

    @Test
    void aStudentWhoseBirthDatePostgresqlCannotHoldIsSkippedAndOthersAreStillPaired() throws Exception {
        long before = skipped.count(DuplicateDetection.JOB);
        String last = "Zyxwvut" + uid().replaceAll("[^a-z]", "");
        String d1 = "d1-" + uid();
        String d2 = "d2-" + uid();
        put(
                "students",
                MAPPER.createObjectNode()
                        .put("studentUniqueId", "far-" + uid())
                        .put("firstName", "Marguerite")
                        .put("lastSurname", last)
                        .put("birthDate", "+9999999-01-01"));
        put(
                "students",
                MAPPER.createObjectNode()
                        .put("studentUniqueId", d1)
                        .put("firstName", "Marguerite")
                        .put("lastSurname", last)
                        .put("birthDate", "2012-03-04"));
        put(
                "students",
                MAPPER.createObjectNode()
                        .put("studentUniqueId", d2)
                        .put("firstName", "Margueritte")
                        .put("lastSurname", last)
                        .put("birthDate", "2012-03-04"));

        duplicates.runNow();

        List<String> pairs = Transactions.read(
                dataSource,
                c -> Sql.list(
                        c,
                        "SELECT state FROM duplicate_pair" + " WHERE unique_id_a IN (?, ?) AND unique_id_b IN (?, ?)",
                        rs -> rs.getString(1),
                        d1,
                        d2,
                        d1,
                        d2));
        assertThat(pairs).containsExactly("open");
        assertThat(skipped.count(DuplicateDetection.JOB) - before).isEqualTo(1);
        duplicates.runNow();
        assertThat(skipped.count(DuplicateDetection.JOB) - before).isEqualTo(1);
    }

    private List<String> states(String studentUniqueId) throws SQLException {
        return Transactions.read(
                dataSource,
                c -> Sql.list(
                        c,
                        "SELECT field || ' ' || state FROM lea_conflict"
                                + " WHERE student_unique_id = ? ORDER BY field",
                        rs -> rs.getString(1),
                        studentUniqueId));
    }
}
