package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.gateway.AdminApiApplicationsTest.adminApiToken;
import static org.statehub.gateway.AdminApiApplicationsTest.application;
import static org.statehub.gateway.AdminApiApplicationsTest.as;
import static org.statehub.gateway.AdminApiApplicationsTest.idOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Ed-Fi Admin API 2.x's claim sets and profiles under {@code /adminapi/v2} (docs/decisions/0020, step 16),
 * replaying the Admin API's own example requests (ODS-Admin-API {@code docs/http/claimsets.http} and
 * {@code profiles.http}, their V2 paths) with the base URL changed, and the resolved claim set the services read at
 * {@code /internal/v1/claimSets/{name}} (step 14, gateway side).
 */
@QuarkusTest
@TestProfile(TokenInfoTest.WithOrganizations.class)
class AdminApiClaimSetsTest {

    /** claimsets.http's import: managedDescriptors with four actions, the export's defaults and no overrides. */
    private static final String IMPORT_EXAMPLE = """
            {
                "name": "%s",
                "resourceClaims": [
                    {
                        "name": "managedDescriptors",
                        "claimName": "http://ed-fi.org/ods/identity/claims/domains/managedDescriptors",
                        "parentClaimName": null,
                        "actions": [
                            {"name": "Create", "enabled": true},
                            {"name": "Read", "enabled": true},
                            {"name": "Update", "enabled": true},
                            {"name": "Delete", "enabled": true}
                        ],
                        "_defaultAuthorizationStrategies": [
                            {"actionName": "Create", "authorizationStrategies": [{"authStrategyName": "NamespaceBased"}]},
                            {"actionName": "Read",
                             "authorizationStrategies": [{"authStrategyName": "NoFurtherAuthorizationRequired"}]}
                        ],
                        "authorizationStrategyOverrides": []
                    }
                ]
            }""";

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The id of the claim set of this name, as the list finds it. */
    private static int claimSetId(String admin, String name) {
        return as(admin)
                .queryParam("name", name)
                .get("/adminapi/v2/claimSets")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .extract()
                .path("[0].id");
    }

    /** The Admin API id of a resource claim, as {@code /resourceClaims} finds it by name. */
    private static int resourceClaimId(String admin, String name) {
        return as(admin)
                .queryParam("name", name)
                .get("/adminapi/v2/resourceClaims")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo(name))
                .extract()
                .path("[0].id");
    }

    private static String created(Response response) {
        return response.then()
                .statusCode(201)
                .header("Location", containsString("/adminapi/v2/"))
                .extract()
                .header("Location");
    }

    /** A vendor of this company, as the Admin API's examples create one; its Location. */
    private static String vendor(String admin, String company) {
        return created(as(admin)
                .body("{\"company\":\"" + company
                        + "\",\"contactName\":\"A\",\"contactEmailAddress\":\"a@example.com\"}")
                .post("/adminapi/v2/vendors"));
    }

    /** A POST refused because the name is taken (400 "already exists" at {@code $.name}, as the examples). */
    private static void alreadyExists(Response response) {
        response.then().statusCode(400).body("validationErrors.'$.name'[0]", containsString("already exists"));
    }

    /** The claim set of this name as the services read it ({@code /internal/v1/claimSets/{name}}), found. */
    private static io.restassured.response.ValidatableResponse resolved(String admin, String name) {
        return as(admin).get("/internal/v1/claimSets/" + name).then().statusCode(200);
    }

    @Test
    void claimSetsAreCreatedImportedExportedAndDeletedAsTheExamplesDo() {
        String admin = adminApiToken();
        String run = run();

        // the shipped claim sets are listed, system reserved, with the applications that use them
        as(admin)
                .queryParam("limit", 100)
                .get("/adminapi/v2/claimSets")
                .then()
                .statusCode(200)
                .body("name", hasItems("SIS Vendor", "Bootstrap Descriptors and EdOrgs", "SISVendor", "StateAdmin"))
                .body("find { it.name == 'StateAdmin' }._isSystemReserved", equalTo(true))
                .body("find { it.name == 'StateAdmin' }._applications.applicationName", hasItem(notNullValue()));
        as(admin)
                .queryParam("limit", 2)
                .queryParam("orderBy", "name")
                .queryParam("direction", "Ascending")
                .get("/adminapi/v2/claimSets")
                .then()
                .statusCode(200)
                .body("", hasSize(2));
        as(admin).queryParam("limit", 0).get("/adminapi/v2/claimSets").then().statusCode(400);

        // create: sent twice, the second is 400 "already exists" (in any letter case)
        String duplicate = "ClaimSetDuplicateTest " + run;
        String location =
                created(as(admin).body("{\"name\": \"" + duplicate + "\"}").post("/adminapi/v2/claimSets"));
        alreadyExists(as(admin)
                .body("{\"name\": \"" + duplicate.toUpperCase() + "\"}")
                .post("/adminapi/v2/claimSets"));
        as(admin)
                .get(location)
                .then()
                .statusCode(200)
                .body("name", equalTo(duplicate))
                .body("_isSystemReserved", equalTo(false))
                .body("_applications", empty())
                .body("resourceClaims", empty());
        as(admin).body("{}").post("/adminapi/v2/claimSets").then().statusCode(400);

        // import, details, export, delete
        String imported = "ClaimSet_Import_Example " + run;
        String importedAt =
                created(as(admin).body(IMPORT_EXAMPLE.formatted(imported)).post("/adminapi/v2/claimSets/import"));
        for (String path : new String[] {importedAt, importedAt + "/export"}) {
            as(admin)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(imported))
                    .body("resourceClaims", hasSize(1))
                    .body("resourceClaims[0].name", equalTo("managedDescriptors"))
                    .body("resourceClaims[0].actions.name", contains("Create", "Read", "Update", "Delete"))
                    .body(
                            "resourceClaims[0]._defaultAuthorizationStrategiesForCRUD.find { it.actionName == 'Read' }"
                                    + ".authorizationStrategies[0].authStrategyName",
                            equalTo("NoFurtherAuthorizationRequired"))
                    .body("resourceClaims[0].authorizationStrategyOverridesForCRUD", empty());
        }
        // what export answers imports as it is, under another name
        String exported = as(admin).get(importedAt + "/export").asString();
        String reimported = created(
                as(admin).body(exported.replace(imported, imported + " again")).post("/adminapi/v2/claimSets/import"));
        as(admin).get(reimported).then().statusCode(200).body("resourceClaims[0].actions", hasSize(4));
        as(admin).delete(importedAt).then().statusCode(200);
        as(admin).get(importedAt).then().statusCode(404);
        as(admin).delete(importedAt).then().statusCode(404);

        // an import naming what the hierarchy does not know is 400 with every finding
        as(admin)
                .body("""
                        {"name": "Bad import %s", "resourceClaims": [
                          {"name": "flyingCars", "actions": [{"name": "Read", "enabled": true}]},
                          {"name": "student", "actions": [{"name": "Fly", "enabled": true}]},
                          {"name": "school", "actions": [{"name": "Read", "enabled": true}],
                           "authorizationStrategyOverridesForCRUD": [
                             {"actionName": "Read", "authorizationStrategies": [{"authStrategyName": "Telepathy"}]}]}
                        ]}""".formatted(run))
                .post("/adminapi/v2/claimSets/import")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.resourceClaims'", hasSize(3))
                .body("validationErrors.'$.resourceClaims'", hasItem(containsString("flyingCars")))
                .body("validationErrors.'$.resourceClaims'", hasItem(containsString("Fly")))
                .body("validationErrors.'$.resourceClaims'", hasItem(containsString("Telepathy")));
        as(admin)
                .body("{\"name\": \"x\", \"resourceClaims\": 3}")
                .post("/adminapi/v2/claimSets/import")
                .then()
                .statusCode(400);

        // rename; the name of another is 400
        as(admin)
                .body("{\"name\": \"" + duplicate + " renamed\"}")
                .put(location)
                .then()
                .statusCode(200);
        as(admin).get(location).then().body("name", equalTo(duplicate + " renamed"));
        as(admin)
                .body("{\"name\": \"SIS Vendor\"}")
                .put(location)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.name'[0]", containsString("already exists"));
        as(admin)
                .body("{\"name\": \"x\"}")
                .put("/adminapi/v2/claimSets/999999")
                .then()
                .statusCode(404);
        as(admin).get("/adminapi/v2/claimSets/not-a-number").then().statusCode(404);
    }

    @Test
    void reservedClaimSetsAreReadOnlyAndAClaimSetInUseIsNotDeletedButCanBeCopied() {
        String admin = adminApiToken();
        String run = run();
        int reserved = claimSetId(admin, "SIS Vendor");
        as(admin)
                .body("{\"name\": \"Mine " + run + "\"}")
                .put("/adminapi/v2/claimSets/" + reserved)
                .then()
                .statusCode(400)
                .body("validationErrors.'$'[0]", containsString("system reserved"));
        as(admin).delete("/adminapi/v2/claimSets/" + reserved).then().statusCode(400);
        as(admin)
                .body("{\"resourceClaimId\": 1, \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true}]}")
                .post("/adminapi/v2/claimSets/" + reserved + "/resourceClaimActions")
                .then()
                .statusCode(400);

        // a copy of a reserved one is the state's own, granting the same
        String copy = created(as(admin)
                .body("{\"originalId\": " + reserved + ", \"name\": \"SIS Vendor copy " + run + "\"}")
                .post("/adminapi/v2/claimSets/copy"));
        int grants = as(admin).get("/adminapi/v2/claimSets/" + reserved).path("resourceClaims.size()");
        as(admin)
                .get(copy)
                .then()
                .statusCode(200)
                .body("_isSystemReserved", equalTo(false))
                .body("resourceClaims", hasSize(grants));
        as(admin)
                .body("{\"originalId\": 999999, \"name\": \"Copy of nothing " + run + "\"}")
                .post("/adminapi/v2/claimSets/copy")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.originalId'[0]", containsString("999999"));

        // an application of the copy: the claim set lists it, and is neither deleted nor renamed while it has it
        String vendor = vendor(admin, "Claim set vendor " + run);
        String application = created(as(admin)
                .body(application("Copy user " + run, idOf(vendor), "SIS Vendor copy " + run, "255901", ""))
                .post("/adminapi/v2/applications"));
        as(admin).get(copy).then().body("_applications.applicationName", contains("Copy user " + run));
        as(admin)
                .delete(copy)
                .then()
                .statusCode(400)
                .body("validationErrors.'$'[0]", containsString("Copy user " + run));
        as(admin).body("{\"name\": \"Renamed " + run + "\"}").put(copy).then().statusCode(400);
        as(admin).delete(application).then().statusCode(200);
        as(admin).delete(copy).then().statusCode(200);
    }

    /**
     * Administration is what a claim set grants (docs/decisions/0023): a copy of StateAdmin administers (the admin
     * APIs, the Admin API's token, the directory's {@code functions}), and without the {@code hubAdministration}
     * claim the same client is refused with problem details.
     */
    @Test
    void aCopyOfStateAdminAdministersAndWithoutHubAdministrationItIsRefused() {
        String admin = adminApiToken();
        String run = run();
        String name = "State admins " + run;
        String copy = created(as(admin)
                .body("{\"originalId\": " + claimSetId(admin, "StateAdmin") + ", \"name\": \"" + name + "\"}")
                .post("/adminapi/v2/claimSets/copy"));
        String vendor = vendor(admin, "Admin vendor " + run);
        Response application = as(admin)
                .body(application("Deputy " + run, idOf(vendor), name, "", ""))
                .post("/adminapi/v2/applications");
        application.then().statusCode(201);
        String key = application.path("key");
        String secret = application.path("secret");
        String deputy = GatewayTokenTest.token(key, secret, null).path("access_token");

        as(deputy).get("/adminapi/v2/vendors").then().statusCode(200);
        as(deputy).get("/admin/v1/clients").then().statusCode(200);
        as(deputy)
                .get("/internal/v1/claimSets/" + name)
                .then()
                .statusCode(200)
                .body("functions", contains("hubAdministration"));
        AdminApiApplicationsTest.adminApiToken(key, secret, "edfi_admin_api/full_access")
                .then()
                .statusCode(200);

        // the claim taken away: the same token is refused, 403 problem details
        as(admin)
                .delete(copy + "/resourceClaimActions/" + resourceClaimId(admin, "hubAdministration"))
                .then()
                .statusCode(200);
        resolved(admin, name).body("functions", empty());
        as(deputy)
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body(
                        "errors[0]",
                        equalTo(
                                "Managing API clients needs the hubAdministration grant (a claim set granting it, as StateAdmin does)."));
        as(deputy).get("/internal/v1/claimSets/" + name).then().statusCode(403);
        as(admin).get("/internal/v1/claimSets/SISVendor").then().body("functions", empty());
    }

    @jakarta.inject.Inject
    org.statehub.gateway.persistence.ClaimSetRepository stored;

    /**
     * A claim set stored under an earlier hierarchy (a claim, an action and a strategy this hub no longer has) is no
     * 500: what still exists resolves and is served, the rest is left out (and logged).
     */
    @Test
    void aStoredClaimSetNamingWhatTheHubNoLongerHasResolvesWhatStillExists() {
        String admin = adminApiToken();
        String name = "Older hub " + run();
        int id = stored.insert(name, """
                        [{"name": "student", "actions": [{"name": "Read", "enabled": true},
                           {"name": "Inspect", "enabled": true}],
                          "authorizationStrategyOverridesForCRUD": [{"actionName": "Read",
                            "authorizationStrategies": [{"authStrategyName": "NoFurtherAuthorizationRequired"},
                              {"authStrategyName": "RetiredStrategy"}]}]},
                         {"name": "retiredClaim", "actions": [{"name": "Read", "enabled": true}]}]""").orElseThrow();
        resolved(admin, name)
                .body("strategies.students.Read", contains("NoFurtherAuthorizationRequired"))
                .body("strategies.contacts", equalTo(java.util.Map.of()));
        as(admin)
                .get("/adminapi/v2/claimSets/" + id)
                .then()
                .statusCode(200)
                .body("resourceClaims.name", contains("student"));
    }

    @Test
    void aClaimSetsResourceClaimsActionsAndStrategiesAreChangedOneByOne() {
        String admin = adminApiToken();
        String run = run();
        String location =
                created(as(admin).body("{\"name\": \"Readers " + run + "\"}").post("/adminapi/v2/claimSets"));
        int student = resourceClaimId(admin, "student");
        String actions = location + "/resourceClaimActions";

        as(admin)
                .body("{\"resourceClaimId\": " + student
                        + ", \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true}]}")
                .post(actions)
                .then()
                .statusCode(201);
        as(admin)
                .get(location)
                .then()
                .body("resourceClaims[0].id", equalTo(student))
                .body("resourceClaims[0].name", equalTo("student"))
                .body("resourceClaims[0].actions", hasSize(1))
                .body(
                        "resourceClaims[0]._defaultAuthorizationStrategiesForCRUD.find { it.actionName == 'Read' }"
                                + ".authorizationStrategies[0].isInheritedFromParent",
                        equalTo(true));
        // again, an unknown action, claim or strategy: 400 at the member
        as(admin)
                .body("{\"resourceClaimId\": " + student
                        + ", \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true}]}")
                .post(actions)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.resourceClaimId'[0]", containsString("already"));
        as(admin)
                .body(
                        "{\"resourceClaimId\": 99999, \"resourceClaimActions\": [{\"name\": \"Fly\", \"enabled\": true}]}")
                .post(actions)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.resourceClaimId"))
                .body("validationErrors", hasKey("$.resourceClaimActions[0].name"));
        as(admin)
                .body("{\"resourceClaimId\": " + student
                        + ", \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": false}]}")
                .put(actions + "/" + student)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.resourceClaimActions'[0]", containsString("At least one"));

        // an override, shown and then reset
        String override = actions + "/" + student + "/overrideAuthorizationStrategy";
        as(admin)
                .body("{\"actionName\": \"read\", \"authorizationStrategies\": [\"RelationshipsWithEdOrgsOnly\"]}")
                .post(override)
                .then()
                .statusCode(200);
        as(admin)
                .get(location)
                .then()
                .body(
                        "resourceClaims[0].authorizationStrategyOverridesForCRUD[0].authorizationStrategies"
                                + ".authStrategyName",
                        contains("RelationshipsWithEdOrgsOnly"));
        as(admin)
                .body("{\"actionName\": \"Read\", \"authorizationStrategies\": [\"Telepathy\"]}")
                .post(override)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.authorizationStrategies[0]"));
        as(admin)
                .body("{\"actionName\": \"Delete\", \"authorizationStrategies\": [\"NamespaceBased\"]}")
                .post(override)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.actionName'[0]", containsString("enable it first"));
        as(admin)
                .post(actions + "/" + student + "/resetAuthorizationStrategies")
                .then()
                .statusCode(200);
        as(admin).get(location).then().body("resourceClaims[0].authorizationStrategyOverridesForCRUD", empty());

        // new actions; then the claim is taken out, and is then not found
        as(admin)
                .body("{\"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true},"
                        + " {\"name\": \"ReadChanges\", \"enabled\": true}]}")
                .put(actions + "/" + student)
                .then()
                .statusCode(200);
        as(admin).get(location).then().body("resourceClaims[0].actions.name", contains("Read", "ReadChanges"));
        as(admin).delete(actions + "/" + student).then().statusCode(200);
        as(admin).get(location).then().body("resourceClaims", empty());
        as(admin).delete(actions + "/" + student).then().statusCode(404);
        as(admin)
                .post(actions + "/" + student + "/resetAuthorizationStrategies")
                .then()
                .statusCode(404);
    }

    @Test
    void theServicesReadAClaimSetResolvedForEveryResourceWithAnETag() {
        String admin = adminApiToken();
        String run = run();
        Response sisVendor = as(admin).get("/internal/v1/claimSets/SISVendor");
        sisVendor
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("claimSet", equalTo("SISVendor"))
                .body("strategies.students.Read", contains("RelationshipsWithEdOrgsAndPeople", "CreatorUntilRelated"))
                .body("strategies.stateEducationAgencies", not(hasKey("Create")));
        as(admin)
                .header("If-None-Match", sisVendor.header("ETag"))
                .get("/internal/v1/claimSets/sisvendor")
                .then()
                .statusCode(304);
        as(admin).get("/internal/v1/claimSets/No such set").then().statusCode(404);
        String[] vendor = ClientDirectoryTest.vendor(GatewayTokenTest.adminToken(), "255901");
        String vendorToken = GatewayTokenTest.token(vendor[0], vendor[1], null).path("access_token");
        given().auth()
                .oauth2(vendorToken)
                .get("/internal/v1/claimSets/SISVendor")
                .then()
                .statusCode(403);

        // a state's claim set: a change is a new ETag and a new matrix
        String location = created(
                as(admin).body("{\"name\": \"Student readers " + run + "\"}").post("/adminapi/v2/claimSets"));
        String path = "/internal/v1/claimSets/Student readers " + run;
        Response empty = as(admin).get(path);
        empty.then().statusCode(200).body("strategies.students", equalTo(java.util.Map.of()));
        as(admin)
                .body("{\"resourceClaimId\": " + resourceClaimId(admin, "student")
                        + ", \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true}]}")
                .post(location + "/resourceClaimActions")
                .then()
                .statusCode(201);
        as(admin)
                .header("If-None-Match", empty.header("ETag"))
                .get(path)
                .then()
                .statusCode(200)
                .body("strategies.students.Read", contains("RelationshipsWithEdOrgsAndPeople"))
                .body("strategies.contacts", equalTo(java.util.Map.of()));
    }

    @Test
    void theListsOfActionsStrategiesAndResourceClaimsNameWhatClaimSetsAreMadeOf() {
        String admin = adminApiToken();
        as(admin)
                .get("/adminapi/v2/actions")
                .then()
                .statusCode(200)
                .body("name", contains("Create", "Read", "Update", "Delete", "ReadChanges"))
                .body("[0].id", equalTo(1));
        as(admin)
                .queryParam("limit", 100)
                .get("/adminapi/v2/authorizationStrategies")
                .then()
                .statusCode(200)
                .body(
                        "name",
                        hasItems("NoFurtherAuthorizationRequired", "RelationshipsWithEdOrgsOnly", "NamespaceBased"));
        int people = resourceClaimId(admin, "people");
        as(admin)
                .get("/adminapi/v2/resourceClaims")
                .then()
                .statusCode(200)
                .body("name", hasItem("people"))
                .body("find { it.name == 'people' }.children.name", hasItems("student", "contact"))
                .body("find { it.name == 'people' }.parentId", equalTo(null));
        as(admin)
                .get("/adminapi/v2/resourceClaims/" + resourceClaimId(admin, "student"))
                .then()
                .statusCode(200)
                .body("parentId", equalTo(people))
                .body("parentName", equalTo("people"));
        as(admin).get("/adminapi/v2/resourceClaims/99999").then().statusCode(404);
        as(admin)
                .queryParam("id", "x")
                .get("/adminapi/v2/resourceClaims")
                .then()
                .statusCode(400);
    }

    /** The Admin API 2.x's global lists of resource claims' actions and their default strategies. */
    @Test
    void theResourceClaimsActionsAndDefaultStrategiesAreListed() {
        String admin = adminApiToken();
        as(admin)
                .queryParam("resourceName", "people")
                .get("/adminapi/v2/resourceClaimActions")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].resourceClaimId", equalTo(resourceClaimId(admin, "people")))
                .body("[0].claimName", equalTo("http://ed-fi.org/identity/claims/domains/people"))
                .body("[0].actions.name", contains("Create", "Read", "Update", "Delete", "ReadChanges"));
        as(admin)
                .queryParam("resourceName", "studentContactAssociation")
                .get("/adminapi/v2/resourceClaimActionAuthStrategies")
                .then()
                .statusCode(200)
                .body("[0].resourceName", equalTo("studentContactAssociation"))
                .body("[0].authorizationStrategiesForActions.find { it.actionName == 'Read' }.actionId", equalTo(2))
                .body(
                        "[0].authorizationStrategiesForActions.find { it.actionName == 'Read' }"
                                + ".authorizationStrategies.authStrategyName",
                        contains("RelationshipsWithStudentsOnly"));
        // a claim that sets no defaults (student takes people's) is not listed; pages and orders as every list
        as(admin)
                .queryParam("resourceName", "student")
                .get("/adminapi/v2/resourceClaimActions")
                .then()
                .statusCode(200)
                .body("", empty());
        as(admin)
                .queryParam("orderBy", "resourceName")
                .queryParam("limit", 2)
                .get("/adminapi/v2/resourceClaimActionAuthStrategies")
                .then()
                .statusCode(200)
                .body("", hasSize(2));
        as(admin)
                .queryParam("orderBy", "nothing")
                .get("/adminapi/v2/resourceClaimActions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** An import in the Admin API 3 examples' spelling ({@code authorizationStrategyOverrides}, strategies by name). */
    @Test
    void anImportTakesTheOverridesAsTheAdminApi3ExamplesSpellThem() {
        String admin = adminApiToken();
        String name = "Spelt as v3 " + run();
        created(as(admin).body("""
                        {"name": "%s", "resourceClaims": [{"name": "student",
                          "actions": [{"name": "Read", "enabled": true}],
                          "authorizationStrategyOverrides": [{"actionName": "Read",
                            "authorizationStrategies": [{"name": "NoFurtherAuthorizationRequired"}]}]}]}""".formatted(name)).post("/adminapi/v2/claimSets/import"));
        resolved(admin, name).body("strategies.students.Read", contains("NoFurtherAuthorizationRequired"));
    }

    @Test
    void anApplicationTakesAnyStoredClaimSetAndTheClaimSetNamesTheApplication() {
        String admin = adminApiToken();
        String run = run();
        String vendor = vendor(admin, "Bootstrap vendor " + run);
        // applications.http's claim set, one the ODS ships
        String application = created(as(admin)
                .body(application("Bootstrap " + run, idOf(vendor), "Bootstrap Descriptors and EdOrgs", "", ""))
                .post("/adminapi/v2/applications"));
        as(admin).get(application).then().body("claimSetName", equalTo("Bootstrap Descriptors and EdOrgs"));
        as(admin)
                .get("/adminapi/v2/claimSets/" + claimSetId(admin, "Bootstrap Descriptors and EdOrgs"))
                .then()
                .body("_applications.applicationName", hasItem("Bootstrap " + run));
    }

    @Test
    void profilesAreKeptAsTheExamplesDoAndAreTheRowsOfAdminV1Profiles() {
        String admin = adminApiToken();
        String run = run();
        as(admin).get("/adminapi/v2/profiles").then().statusCode(200);

        // profile 1: the definition's line breaks inside a JSON string make the body malformed JSON
        String name = "profile1-" + run;
        String definition = "<Profile name=\\\"" + name + "\\\">\n  <Resource name=\\\"School\\\">\n"
                + "    <ReadContentType memberSelection=\\\"ExcludeOnly\\\">\n"
                + "      <Property name=\\\"NameOfInstitution\\\" />\n    </ReadContentType>\n  </Resource>\n</Profile>";
        as(admin)
                .body("{\"name\": \"" + name + "\", \"definition\": \"" + definition + "\"}")
                .post("/adminapi/v2/profiles")
                .then()
                .statusCode(400);

        // profile 2: on one line
        String oneLine = "<Profile name=\\\"" + name + "\\\"><Resource name=\\\"School\\\">"
                + "<ReadContentType memberSelection=\\\"ExcludeOnly\\\"><Property name=\\\"NameOfInstitution\\\" />"
                + "<Property name=\\\"OperationalStatusDescriptor\\\" />"
                + "<Property name=\\\"CharterApprovalSchoolYearTypeReference\\\" />"
                + "<Property name=\\\"AdministrativeFundingControlDescriptor\\\" />"
                + "<Collection name=\\\"EducationOrganizationAddresses\\\" memberSelection=\\\"IncludeAll\\\" />"
                + "<Collection name=\\\"SchoolCategories\\\" memberSelection=\\\"IncludeAll\\\" />"
                + "</ReadContentType></Resource></Profile>";
        String body = "{\"name\": \"" + name + "\", \"definition\": \"" + oneLine + "\"}";
        String location = created(as(admin).body(body).post("/adminapi/v2/profiles"));
        // the duplicate-name example: 400 "already exists"
        alreadyExists(as(admin).body(body).post("/adminapi/v2/profiles"));
        as(admin)
                .get(location)
                .then()
                .statusCode(200)
                .body("id", equalTo(idOf(location)))
                .body("name", equalTo(name))
                .body("definition", containsString("NameOfInstitution"));
        as(admin)
                .queryParam("name", name)
                .get("/adminapi/v2/profiles")
                .then()
                .body("", hasSize(1))
                .body("[0].id", equalTo(idOf(location)))
                .body("[0]", not(hasKey("definition")));
        // the same row at /admin/v1/profiles
        given().auth()
                .oauth2(GatewayTokenTest.adminToken())
                .get("/admin/v1/profiles/" + name)
                .then()
                .statusCode(200)
                .body("id", equalTo(idOf(location)));

        // a definition the contract does not fit, or naming another profile: 400 at the member
        as(admin)
                .body("{\"name\": \"bad-" + run + "\", \"definition\": \"<Profile name=\\\"bad-" + run
                        + "\\\"><Resource name=\\\"Spaceship\\\"><ReadContentType memberSelection=\\\"IncludeAll\\\"/>"
                        + "</Resource></Profile>\"}")
                .post("/adminapi/v2/profiles")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.definition'[0]", containsString("Spaceship"));
        as(admin)
                .body("{\"name\": \"other-" + run + "\", \"definition\": \"" + oneLine + "\"}")
                .post("/adminapi/v2/profiles")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.name'[0]", containsString(name));

        // PUT renames with the definition; DELETE; then not found
        String renamed = "renamed-" + run;
        as(admin)
                .body("{\"name\": \"" + renamed + "\", \"definition\": \"" + oneLine.replace(name, renamed) + "\"}")
                .put(location)
                .then()
                .statusCode(200);
        as(admin).get(location).then().body("name", equalTo(renamed));
        as(admin).delete(location).then().statusCode(200);
        as(admin).get(location).then().statusCode(404);
        as(admin).body(body).put(location).then().statusCode(404);
    }
}
