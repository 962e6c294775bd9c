package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.testing.EdFiRequests.postAs;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestTokens;

/**
 * A state that lets a vendor create an SEOA for a student not related to it yet
 * ({@code edfi.authorization.seoa-for-unrelated-students=true}); the default refusal is in {@link ScopeMatrixTest}.
 */
@QuarkusTest
@TestProfile(SeoaPolicyAllowingTest.Allowing.class)
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class SeoaPolicyAllowingTest {

    /** The setting switched on. */
    public static class Allowing extends SettingsProfile {
        public Allowing() {
            super(Map.of("edfi.authorization.seoa-for-unrelated-students", "true"));
        }
    }

    @Test
    void aVendorMayRelateAStudentItDoesNotReachByAnSeoaWhenTheStateAllowsIt() {
        String studentId = uniqueId();
        ApiTestSupport.create("students", student(studentId)); // the state's: no relationship, not the vendor's
        String vendor = TestTokens.token("seoa-vendor-" + studentId, "SISVendor", List.of(255977L), List.of(), 1800);
        studentsSeen(vendor, studentId, 0);
        postAs(
                        vendor,
                        "studentEducationOrganizationAssociations",
                        AssociationApiTest.seoa(studentId, 255977).toString())
                .statusCode(201);
        studentsSeen(vendor, studentId, 1);
    }

    /** The vendor's GET of the student by its unique id finds {@code count} items. */
    private static void studentsSeen(String vendor, String studentId, int count) {
        given().auth()
                .oauth2(vendor)
                .queryParam("studentUniqueId", studentId)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(count));
    }
}
