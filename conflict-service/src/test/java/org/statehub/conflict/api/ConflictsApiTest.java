package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.ReplicaSeed;
import org.statehub.conflict.service.ConflictDetection;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/** The conflicts worklist's filters and scope over a conflict the detection job raised from two SEOAs. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ConflictsApiTest {

    private static final String BASE = "/conflicts/v1/conflicts";

    @Inject
    ConflictDetection detection;

    @Inject
    ReplicaSeed seed;

    private void seoa(String uniqueId, long organization, String sex) throws Exception {
        seed.seoa(uniqueId, BigInteger.valueOf(organization), sex);
    }

    private static ValidatableResponse list(String token, String query) {
        return given().auth().oauth2(token).get(BASE + "?" + query).then().statusCode(200);
    }

    @Test
    void theListFiltersByStateFieldLeaStudentAgeAndTheCallersOrganizations() throws Exception {
        String student = "cf-" + UUID.randomUUID().toString().substring(0, 12);
        seoa(student, 255911, "Female");
        seoa(student, 255912, "Male");
        detection.runNow();
        String admin = TestTokens.stateAdmin();
        String of = "studentUniqueId=" + student;

        list(admin, of)
                .header("Total-Count", "1")
                .body("$", hasSize(1))
                .body("[0].field", equalTo("sex"))
                .body("[0].state", equalTo("open"));
        list(admin, of + "&field=sex&leaId=255911&state=open").header("Total-Count", "1");
        list(admin, of + "&leaId=255913").header("Total-Count", "0").body("$", hasSize(0));
        list(admin, of + "&field=races").header("Total-Count", "0");
        list(admin, of + "&state=resolved").header("Total-Count", "0");
        list(admin, of + "&minAgeDays=1").header("Total-Count", "0");
        list(admin, of + "&offset=1").header("Total-Count", "1").body("$", hasSize(0));

        String related = TestTokens.vendor("vendor-255911", 255911);
        String unrelated = TestTokens.vendor("vendor-255919", 255919);
        list(related, of).header("Total-Count", "1");
        list(unrelated, of).header("Total-Count", "0").body("$", hasSize(0));
    }
}
