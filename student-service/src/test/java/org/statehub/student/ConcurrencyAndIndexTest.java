package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ConcurrencyAndIndexTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void concurrentUpsertsOfOneNaturalKeyProduceOneRecordAndNo500() throws Exception {
        String uid = uniqueId();
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ObjectNode body = student(uid);
                body.put("firstName", "Client" + i);
                calls.add(() -> post("students", body).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("studentUniqueId", uid)
                .queryParam("totalCount", true)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .header("Total-Count", "1");
    }

    @Test
    void queriesByNaturalKeyAndReferenceFieldUseAnIndex() throws Exception {
        // enough rows that a sequential scan would be the planner's choice if no index fitted
        for (int i = 0; i < 50; i++) {
            post("students", student(uniqueId())).then().statusCode(201);
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ANALYZE document");
            s.execute("SET enable_seqscan = off"); // only makes a seq scan a last resort; an index must exist
            String byKey = plan(
                    s,
                    "SELECT body FROM document WHERE resource = 'students'"
                            + " AND body @> '{\"studentUniqueId\": \"604821\"}'::jsonb ORDER BY sid LIMIT 500");
            String byReference = plan(
                    s,
                    "SELECT body FROM document WHERE resource = "
                            + "'studentEducationOrganizationAssociations' AND body @> "
                            + "'{\"studentReference\": {\"studentUniqueId\": \"604821\"}}'::jsonb ORDER BY sid LIMIT 500");
            String upsertKey =
                    plan(s, "SELECT 1 FROM document WHERE resource = 'students'" + " AND natural_key = '[\"604821\"]'");
            assertThat(byKey).doesNotContain("Seq Scan").contains("Index");
            assertThat(byReference).doesNotContain("Seq Scan").contains("Index");
            assertThat(upsertKey).doesNotContain("Seq Scan").contains("document_natural_key");
        }
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
