package org.statehub.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the console through a real Keycloak (decision 0024, step 1): the browser is sent to the provider's
 * sign-in form, comes back to the start page showing who is signed in with their roles and LEA, and signing out ends
 * the session at the provider too.
 */
@QuarkusTest
@QuarkusTestResource(value = Keycloak.class, restrictToAnnotatedClass = true)
class SignInTest {

    @TestHTTPResource("/")
    URL console;

    @Test
    void aStateAdministratorSignsInThroughTheProviderAndOutAgain() throws IOException {
        try (WebClient browser = browser()) {
            HtmlPage signIn = browser.getPage(console);
            assertThat(signIn.getUrl().toString()).startsWith(Keycloak.url + "/realms/statehub/");

            HtmlPage start = signIn(signIn, "stateadmin");
            assertThat(start.getUrl().toString()).startsWith(console.toString());
            assertThat(start.getTitleText()).isEqualTo("Console: Sam Statewide");
            assertThat(start.querySelector("[data-role=state-admin]").getTextContent())
                    .isEqualTo("State administrator");
            assertThat(start.querySelectorAll("[data-lea]")).isEmpty();

            HtmlPage out = start.getAnchorByText("Sign out").click();
            assertThat(out.getUrl().getPath()).isEqualTo("/signed-out");
            assertThat(out.getTitleText()).isEqualTo("Signed out");
            // the session ended at the provider too: the console asks for a sign-in again
            HtmlPage again = browser.getPage(console);
            assertThat(again.getUrl().toString()).startsWith(Keycloak.url + "/realms/statehub/");
            assertThat(again.getElementById("kc-form-login")).isNotNull();
        }
    }

    @Test
    void anLeaDataManagerSeesTheirLea() throws IOException {
        try (WebClient browser = browser()) {
            HtmlPage start = signIn(browser.getPage(console), "leamanager");
            assertThat(start.querySelector("[data-role=lea-data-manager]").getTextContent())
                    .isEqualTo("LEA data manager");
            assertThat(start.querySelector("[data-lea]").getTextContent()).isEqualTo(Keycloak.LEA);
        }
    }

    @Test
    void aWrongPasswordStaysAtTheProvidersForm() throws IOException {
        try (WebClient browser = browser()) {
            HtmlPage signIn = browser.getPage(console);
            HtmlForm form = (HtmlForm) signIn.getElementById("kc-form-login");
            form.getInputByName("username").type("reader");
            form.getInputByName("password").type("not the password");
            HtmlPage refused = signIn.getElementById("kc-login").click();
            assertThat(refused.getUrl().toString()).startsWith(Keycloak.url);
            assertThat(refused.asNormalizedText()).contains("Invalid username or password");
        }
    }

    @Test
    void withoutASessionOnlyHealthAndBundledAssetsAreServed() {
        given().redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(302)
                .header("Location", startsWith(Keycloak.url + "/realms/statehub/protocol/openid-connect/auth"));
        given().get("/q/health/ready").then().statusCode(200);
        // htmx is bundled (no CDN): served by the console itself
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().get("/console.css").then().statusCode(200);
    }

    /** Submits the provider's sign-in form as {@code user} with the password generated for this run. */
    private static HtmlPage signIn(HtmlPage form, String user) throws IOException {
        HtmlForm login = (HtmlForm) form.getElementById("kc-form-login");
        assertThat(login).as("the provider's sign-in form").isNotNull();
        login.getInputByName("username").type(user);
        login.getInputByName("password").type(Keycloak.PASSWORDS.get(user));
        return form.getElementById("kc-login").click();
    }

    private static WebClient browser() {
        WebClient browser = new WebClient();
        // Keycloak's sign-in form and the console's pages work without JavaScript
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        return browser;
    }
}
