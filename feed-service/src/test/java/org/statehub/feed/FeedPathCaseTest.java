package org.statehub.feed;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * feed-service's paths and query parameter names match without regard to case, as the Ed-Fi paths do (decision
 * 0010); a word of the path is preferred to an id where both could match.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class FeedPathCaseTest {

    @Test
    void feedPathsAndQueryParameterNamesMatchInAnyCase() {
        FeedServiceTest.admin().get("/Feed/V1/Connections").then().statusCode(200);
        FeedServiceTest.admin().get("/FEED/v1/STATUS").then().statusCode(200);
        // the roster, not the error with id "Students"
        FeedServiceTest.admin().get("/feed/v1/Errors/Students").then().statusCode(200);
        FeedProblemsTest.isProblem(
                        FeedServiceTest.admin().get("/feed/v1/errors?LEAID=abc").then(), 400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
    }
}
