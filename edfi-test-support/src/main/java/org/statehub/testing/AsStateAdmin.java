package org.statehub.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @ExtendWith(AsStateAdmin.class)}: the test class's requests carry a StateAdmin test token. */
public class AsStateAdmin implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.stateAdmin());
    }
}
