package org.statehub.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.statehub.gateway.AdminApiApplicationsTest.adminApiToken;
import static org.statehub.gateway.AdminApiApplicationsTest.as;
import static org.statehub.gateway.AdminApiApplicationsTest.idOf;
import static org.statehub.testing.ProblemDetails.isProblem;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Admin API's ODS instances and their contexts (docs/decisions/0020, part 5, step 20), with 2026 and 2027 served
 * by the settings and {@link YearStandIn} behind: the years of the settings are instances whose id is the year; an
 * instance created with its school year (or given one through {@code /odsInstanceContexts}) is routed at once and
 * listed for the services at {@code /internal/v1/schoolYears}; an application's {@code odsInstanceIds} name
 * instances, and the directory gives the years they are; what an administrator can get wrong is a 400, 404 or 409
 * problem.
 */
@QuarkusTest
@TestProfile(YearRoutingTest.TwoYears.class)
class OdsInstancesTest {

    @Test
    void theYearsOfTheSettingsAreInstancesWhoseIdIsTheYear() {
        String admin = adminApiToken();
        as(admin)
                .get("/adminapi/v2/odsInstances?limit=100")
                .then()
                .statusCode(200)
                .body("id", hasItems(2026, 2027))
                .body("find { it.id == 2026 }.name", equalTo("School year 2026"))
                .body("find { it.id == 2026 }.instanceType", equalTo("YearSpecific"));
        as(admin)
                .get("/adminapi/v2/odsInstances/2027")
                .then()
                .statusCode(200)
                .body("odsInstanceContexts[0].odsInstanceId", equalTo(2027))
                .body("odsInstanceContexts[0].contextKey", equalTo("schoolYearFromRoute"))
                .body("odsInstanceContexts[0].contextValue", equalTo("2027"));
        as(admin).get("/internal/v1/schoolYears").then().statusCode(200).body("years", hasItems("2026", "2027"));
    }

    @Test
    void aYearCreatedThroughTheAdminApiIsRoutedAtOnceAndGrantedByItsInstance() {
        String admin = adminApiToken();
        isProblemOfType(as(admin).get("/2029/data/v3/ed-fi/students").then(), 404, "urn:ed-fi:api:not-found");
        String location = as(admin)
                .body("""
                        {"name": "Ods 2029", "instanceType": "YearSpecific", "connectionString": "Host=ignored",
                         "odsInstanceContexts": [{"contextKey": "SchoolYearFromRoute", "contextValue": "2029"}]}""")
                .post("/adminapi/v2/odsInstances")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        int id = idOf(location);
        as(admin).get("/2029/data/v3/ed-fi/students").then().statusCode(200).body("dataSpace", equalTo("2029"));
        as(admin).get("/internal/v1/schoolYears").then().statusCode(200).body("years", hasItem("2029"));

        // an application naming the instance is granted its year, as the directory tells the services
        String[] granted = application(admin, id);
        as(admin)
                .get("/internal/v1/clients/" + granted[0])
                .then()
                .statusCode(200)
                .body("odsInstanceIds[0]", equalTo(id))
                .body("schoolYears[0]", equalTo("2029"));
        as(admin)
                .get("/adminapi/v2/odsInstances/" + id + "/applications")
                .then()
                .statusCode(200)
                .body("id", hasItem(Integer.parseInt(granted[2])));
        isProblem(as(admin).delete("/adminapi/v2/odsInstances/" + id).then(), 409);
        as(admin).delete("/adminapi/v2/applications/" + granted[2]).then().statusCode(200);
        as(admin).delete("/adminapi/v2/odsInstances/" + id).then().statusCode(200);
        isProblemOfType(as(admin).get("/2029/data/v3/ed-fi/students").then(), 404, "urn:ed-fi:api:not-found");
    }

    @Test
    void anInstanceWhoseYearHoldsItemsIsDeletedOnlyWhenTheAdministratorSaysWhatBecomesOfThem() {
        String admin = adminApiToken();
        for (String year : new String[] {"2032", "2033"}) {
            yearInstance(admin, year);
            as(admin)
                    .body("{}")
                    .post("/" + year + "/data/v3/ed-fi/students")
                    .then()
                    .statusCode(201);
        }
        isProblemOfType(as(admin).delete("/adminapi/v2/odsInstances/2032").then(), 409, "urn:ed-fi:api:data-conflict")
                .body("detail", containsString("holds 2 items"))
                .body("detail", containsString("deleteData=true"));
        isProblem(
                as(admin)
                        .delete("/adminapi/v2/odsInstances/2032?deleteData=perhaps")
                        .then(),
                400);
        as(admin)
                .get("/admin/v1/schoolYears/2032")
                .then()
                .statusCode(200)
                .body("served", equalTo(true))
                .body("items.'student-service'", equalTo(1));
        isProblemOfType(as(admin).delete("/admin/v1/schoolYears/2032").then(), 409, "urn:ed-fi:api:data-conflict");

        // dropped with its instance: no longer served, nothing held
        as(admin)
                .delete("/adminapi/v2/odsInstances/2032?deleteData=true")
                .then()
                .statusCode(200);
        isProblemOfType(as(admin).get("/2032/data/v3/ed-fi/students").then(), 404, "urn:ed-fi:api:not-found");
        as(admin)
                .get("/admin/v1/schoolYears/2032")
                .then()
                .statusCode(200)
                .body("served", equalTo(false))
                .body("items.'student-service'", equalTo(0));

        // kept unserved, then dropped by the year
        as(admin)
                .delete("/adminapi/v2/odsInstances/2033?deleteData=FALSE")
                .then()
                .statusCode(200);
        as(admin)
                .get("/admin/v1/schoolYears/2033")
                .then()
                .statusCode(200)
                .body("served", equalTo(false))
                .body("items.'student-service'", equalTo(1));
        as(admin).delete("/admin/v1/schoolYears/2033").then().statusCode(200).body("schoolYear", equalTo("2033"));
        as(admin)
                .get("/admin/v1/schoolYears/2033")
                .then()
                .statusCode(200)
                .body("items.'enrollment-service'", equalTo(0));

        isProblemOfType(as(admin).delete("/admin/v1/schoolYears/2026").then(), 409, "urn:ed-fi:api:data-conflict");
        isProblemOfType(as(admin).get("/admin/v1/schoolYears/x").then(), 404, "urn:ed-fi:api:not-found");
        isProblem(as(vendorToken(admin)).delete("/admin/v1/schoolYears/2033").then(), 403);
    }

    /** A new instance of no school year: its id. */
    private static int standardInstance(String admin) {
        return idOf(as(admin)
                .body("{\"name\": \"Ods " + UUID.randomUUID() + "\", \"instanceType\": \"Standard\"}")
                .post("/adminapi/v2/odsInstances")
                .then()
                .statusCode(201)
                .extract()
                .header("Location"));
    }

    /** A new instance of the school year (its id the year). */
    private static void yearInstance(String admin, String year) {
        as(admin)
                .body("{\"name\": \"Ods " + year + "\", \"instanceType\": \"YearSpecific\", \"odsInstanceContexts\":"
                        + " [{\"contextKey\": \"schoolYearFromRoute\", \"contextValue\": \"" + year + "\"}]}")
                .post("/adminapi/v2/odsInstances")
                .then()
                .statusCode(201);
    }

    @Test
    void anInstancesDerivativesAreKeptAndShownInItsDetail() {
        String admin = adminApiToken();
        int instance = standardInstance(admin);
        String derivatives = "/adminapi/v2/odsInstanceDerivatives";
        int replica = idOf(as(admin)
                .body("{\"odsInstanceId\": " + instance
                        + ", \"derivativeType\": \"readReplica\", \"connectionString\": \"Host=replica;Database=ods\"}")
                .post(derivatives)
                .then()
                .statusCode(201)
                .extract()
                .header("Location"));
        as(admin)
                .get(derivatives + "/" + replica)
                .then()
                .statusCode(200)
                .body("odsInstanceId", equalTo(instance))
                .body("derivativeType", equalTo("ReadReplica"))
                .body("$", not(hasKey("connectionString")));
        as(admin)
                .get("/adminapi/v2/odsInstances/" + instance)
                .then()
                .statusCode(200)
                .body("odsInstanceDerivatives[0].id", equalTo(replica))
                .body("odsInstanceDerivatives[0].derivativeType", equalTo("ReadReplica"));
        as(admin).get(derivatives + "?limit=100").then().statusCode(200).body("id", hasItem(replica));

        // one of each type per instance; every finding of a body at once
        refused(
                as(admin)
                        .body("{\"odsInstanceId\": " + instance
                                + ", \"derivativeType\": \"READREPLICA\", \"connectionString\": \"Host=other\"}")
                        .post(derivatives),
                "$.derivativeType");
        refused(
                        as(admin)
                                .body("{\"odsInstanceId\": 1999, \"derivativeType\": \"Mirror\"}")
                                .post(derivatives),
                        "$.odsInstanceId")
                .body("validationErrors", hasKey("$.derivativeType"))
                .body("validationErrors", hasKey("$.connectionString"));
        isProblem(as(admin).body("[]").post(derivatives).then(), 400);

        // a PUT without a connection string keeps it
        as(admin)
                .body("{\"odsInstanceId\": " + instance + ", \"derivativeType\": \"Snapshot\"}")
                .put(derivatives + "/" + replica)
                .then()
                .statusCode(200);
        as(admin).get(derivatives + "/" + replica).then().statusCode(200).body("derivativeType", equalTo("Snapshot"));
        as(admin).delete(derivatives + "/" + replica).then().statusCode(200);
        isProblemOfType(as(admin).get(derivatives + "/" + replica).then(), 404, "urn:ed-fi:api:not-found");
        isProblemOfType(as(admin).delete(derivatives + "/x").then(), 404, "urn:ed-fi:api:not-found");

        // deleted with its instance
        int snapshot = idOf(as(admin)
                .body("{\"odsInstanceId\": " + instance
                        + ", \"derivativeType\": \"Snapshot\", \"connectionString\": \"Host=snapshot\"}")
                .post(derivatives)
                .then()
                .statusCode(201)
                .extract()
                .header("Location"));
        as(admin).delete("/adminapi/v2/odsInstances/" + instance).then().statusCode(200);
        isProblemOfType(as(admin).get(derivatives + "/" + snapshot).then(), 404, "urn:ed-fi:api:not-found");
        isProblem(as(vendorToken(admin)).get(derivatives).then(), 403);
    }

    @Test
    void anInstanceIsGivenItsYearThroughTheContextsEndpoint() {
        String admin = adminApiToken();
        int id = standardInstance(admin);
        as(admin).get("/adminapi/v2/odsInstances/" + id).then().statusCode(200).body("id", lessThan(2000));
        int context = idOf(as(admin)
                .body("{\"odsInstanceId\": " + id
                        + ", \"contextKey\": \"schoolYearFromRoute\", \"contextValue\": \"2030\"}")
                .post("/adminapi/v2/odsInstanceContexts")
                .then()
                .statusCode(201)
                .extract()
                .header("Location"));
        as(admin).get("/2030/data/v3/ed-fi/students").then().statusCode(200).body("dataSpace", equalTo("2030"));
        as(admin)
                .get("/adminapi/v2/odsInstanceContexts/" + context)
                .then()
                .statusCode(200)
                .body("odsInstanceId", equalTo(id))
                .body("contextValue", equalTo("2030"));
        as(admin).delete("/adminapi/v2/odsInstanceContexts/" + context).then().statusCode(200);
        isProblemOfType(as(admin).get("/2030/data/v3/ed-fi/students").then(), 404, "urn:ed-fi:api:not-found");
        as(admin).delete("/adminapi/v2/odsInstances/" + id).then().statusCode(200);
    }

    @Test
    void whatAnAdministratorGetsWrongIsAProblemNeverAFailure() {
        String admin = adminApiToken();
        refused(as(admin).body("{\"instanceType\": \"YearSpecific\"}").post("/adminapi/v2/odsInstances"), "$.name")
                .body("validationErrors.'$.name'[0]", containsString("required"));
        refused(
                        as(admin)
                                .body(
                                        "{\"name\": \"District\", \"odsInstanceContexts\": [{\"contextKey\": \"districtId\","
                                                + " \"contextValue\": \"255901\"}]}")
                                .post("/adminapi/v2/odsInstances"),
                        "$.odsInstanceContexts[0].contextKey")
                .body(
                        "validationErrors.'$.odsInstanceContexts[0].contextKey'[0]",
                        containsString("schoolYearFromRoute"));
        refused(
                as(admin)
                        .body("{\"name\": \"Old\", \"odsInstanceContexts\": [{\"contextKey\": \"schoolYearFromRoute\","
                                + " \"contextValue\": \"1999\"}]}")
                        .post("/adminapi/v2/odsInstances"),
                "$.odsInstanceContexts[0].contextValue");
        // the year exists, the name exists
        refused(
                        as(admin)
                                .body("{\"name\": \"Again\", \"odsInstanceContexts\": [{\"contextKey\":"
                                        + " \"schoolYearFromRoute\", \"contextValue\": \"2026\"}]}")
                                .post("/adminapi/v2/odsInstances"),
                        "$.odsInstanceContexts[0].contextValue")
                .body("validationErrors.'$.odsInstanceContexts[0].contextValue'[0]", containsString("already exists"));
        refused(as(admin).body("{\"name\": \"school YEAR 2026\"}").post("/adminapi/v2/odsInstances"), "$.name")
                .body("validationErrors.'$.name'[0]", containsString("already exists"));
        refused(
                as(admin)
                        .body("{\"odsInstanceId\": 2026, \"contextKey\": \"schoolYearFromRoute\", \"contextValue\":"
                                + " \"2027\"}")
                        .post("/adminapi/v2/odsInstanceContexts"),
                "$.contextValue");
        refused(
                as(admin)
                        .body("{\"odsInstanceId\": 1999, \"contextKey\": \"schoolYearFromRoute\", \"contextValue\":"
                                + " \"2032\"}")
                        .post("/adminapi/v2/odsInstanceContexts"),
                "$.odsInstanceId");
        isProblem(
                as(admin).body("{\"name\": ").post("/adminapi/v2/odsInstances").then(), 400);
        isProblem(as(admin).body("[]").post("/adminapi/v2/odsInstanceContexts").then(), 400);
        isProblemOfType(as(admin).get("/adminapi/v2/odsInstances/1999").then(), 404, "urn:ed-fi:api:not-found");
        isProblemOfType(as(admin).get("/adminapi/v2/odsInstances/x").then(), 404, "urn:ed-fi:api:not-found");
        isProblemOfType(as(admin).delete("/adminapi/v2/odsInstanceContexts/0").then(), 404, "urn:ed-fi:api:not-found");
        isProblem(as(admin).get("/adminapi/v2/odsInstances?offset=-1").then(), 400);

        // an application's odsInstanceIds name instances that exist
        int vendorId = idOf(AdminApiApplicationsTest.vendor(admin, "Instances " + UUID.randomUUID(), null));
        refused(
                as(admin)
                        .body("{\"applicationName\": \"Nowhere\", \"vendorId\": " + vendorId
                                + ", \"claimSetName\": \"SISVendor\", \"educationOrganizationIds\": [255901],"
                                + " \"odsInstanceIds\": [2026, 1998]}")
                        .post("/adminapi/v2/applications"),
                "$.odsInstanceIds[1]");

        // a client that is not a state administrator
        isProblem(as(vendorToken(admin)).get("/adminapi/v2/odsInstances").then(), 403);
    }

    @Test
    void aCopyIntoAYearIsRefusedWhatCannotBeCopied() {
        String admin = adminApiToken();
        String copy = "/admin/v1/schoolYears/2027/copy";
        isProblemOfType(
                as(admin)
                        .body("{\"fromYear\": 2026}")
                        .put("/admin/v1/schoolYears/2031/copy")
                        .then(),
                404,
                "urn:ed-fi:api:not-found");
        isProblemOfType(as(admin).get("/admin/v1/schoolYears/2031/copy").then(), 404, "urn:ed-fi:api:not-found");
        refused(as(admin).body("{}").put(copy), "$.fromYear");
        refused(as(admin).body("{\"fromYear\": \"x\"}").put(copy), "$.fromYear");
        refused(as(admin).body("{\"fromYear\": 2027}").put(copy), "$.fromYear")
                .body("validationErrors.'$.fromYear'[0]", containsString("not copied into itself"));
        refused(as(admin).body("{\"fromYear\": 2031}").put(copy), "$.fromYear")
                .body("validationErrors.'$.fromYear'[0]", containsString("not served"));
        isProblem(as(admin).body("{\"fromYear\": ").put(copy).then(), 400);
        isProblem(as(vendorToken(admin)).body("{\"fromYear\": 2026}").put(copy).then(), 403);
    }

    /** A token of a new SISVendor application granted 2026: not a state administrator. */
    private static String vendorToken(String admin) {
        String[] vendorClient = application(admin, 2026);
        return GatewayTokenTest.token(vendorClient[0], vendorClient[1], null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A 400 data-validation problem with a finding at {@code path}. */
    private static ValidatableResponse refused(io.restassured.response.Response response, String path) {
        return isProblemOfType(response.then(), 400, "urn:ed-fi:api:bad-request:data-validation-failed")
                .body("validationErrors", not(equalTo(null)))
                .body("validationErrors.'" + path + "'", not(equalTo(null)));
    }

    /** A SISVendor application of a new vendor naming the instance: its key, secret and id. */
    private static String[] application(String admin, int instanceId) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int vendorId = idOf(AdminApiApplicationsTest.vendor(admin, "Instance " + run, null));
        io.restassured.response.Response created = as(admin)
                .body("{\"applicationName\": \"Instance " + run
                        + "\", \"vendorId\": " + vendorId
                        + ", \"claimSetName\": \"SISVendor\", \"educationOrganizationIds\": [255901], \"odsInstanceIds\":"
                        + " [" + instanceId + "]}")
                .post("/adminapi/v2/applications");
        created.then().statusCode(201);
        return new String[] {created.path("key"), created.path("secret"), String.valueOf((Integer) created.path("id"))};
    }
}
