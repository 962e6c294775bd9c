package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.ProblemDetails;

/**
 * Every method a resource path does not take is one answer (edfi-core's {@code AllowedMethods}): 405 with
 * {@code Allow} and the problem body, over every path of every resource this service serves. The ODS/API's
 * wording for POST to an item and PUT or DELETE of a collection.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class MethodNotAllowedTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    private static List<ResourceDefinition> served() {
        List<ResourceDefinition> served = ResourceCatalog.load().ownedBy("student-service");
        assertThat(served).isNotEmpty();
        return served;
    }

    @Test
    void everyCollectionTakesOnlyGetAndPost() {
        for (ResourceDefinition resource : served()) {
            String path = "/data/v3/ed-fi/" + resource.key();
            refused("PUT", path, "GET, POST")
                    .body(
                            "errors[0]",
                            equalTo("Resource collections cannot be replaced. To \"upsert\" an item in "
                                    + "the collection, use POST. To update a specific item, use PUT and include the \"id\" "
                                    + "in the route."));
            refused("DELETE", path, "GET, POST")
                    .body(
                            "errors[0]",
                            equalTo("Resource collections cannot be deleted. To delete a specific item, "
                                    + "use DELETE and include the \"id\" in the route."));
            refused("PATCH", path, "GET, POST")
                    .body("errors[0]", equalTo("The endpoint does not support the 'PATCH' method."));
            refused("OPTIONS", path, "GET, POST");
            headRefused(path, "GET, POST");
        }
    }

    @Test
    void everyItemTakesOnlyGetPutAndDelete() {
        for (ResourceDefinition resource : served()) {
            for (String item : List.of(ID, "deletes", "keyChanges", "partitions")) {
                String path = "/data/v3/ed-fi/" + resource.key() + "/" + item;
                refused("POST", path, "GET, PUT, DELETE")
                        .body(
                                "errors[0]",
                                equalTo(
                                        "Resource items can only be updated using PUT. To \"upsert\" an "
                                                + "item in the resource collection using POST, remove the \"id\" from the route."));
                refused("PATCH", path, "GET, PUT, DELETE");
                refused("OPTIONS", path, "GET, PUT, DELETE");
                headRefused(path, "GET, PUT, DELETE");
            }
        }
    }

    @Test
    void allowedMethodsStillReachTheirEndpoints() {
        given().get("/data/v3/ed-fi/students").then().statusCode(200);
        given().get("/data/v3/ed-fi/students/" + ID).then().statusCode(404);
        given().get("/data/v3/ed-fi/students/deletes").then().statusCode(200);
        // a path of no resource is still no route
        ProblemDetails.isProblem(
                given().patch("/data/v3/ed-fi/students/" + ID + "/more").then(), 404);
    }

    private static io.restassured.response.ValidatableResponse refused(String method, String path, String allow) {
        Response response = given().contentType(ContentType.JSON).body("{}").request(method, path);
        return ProblemDetails.isProblem(response.then(), 405)
                .header("Allow", allow)
                .body("type", equalTo("urn:ed-fi:api:method-not-allowed"));
    }

    /** HEAD has no body: the status and Allow say it. */
    private static void headRefused(String path, String allow) {
        given().head(path).then().statusCode(405).header("Allow", allow);
    }
}
