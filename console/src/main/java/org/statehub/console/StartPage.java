package org.statehub.console;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The console's start page: who is signed in, with which roles and for which LEA (decision 0024, step 1). Reaching
 * it without a session sends the browser to the identity provider's sign-in page (authorization-code flow).
 */
@Path("/")
@Authenticated
public class StartPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(Person person);

        static native TemplateInstance signedOut();
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @ConfigProperty(name = "console.lea-claim", defaultValue = "lea")
    String leaClaim;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance start() {
        String username = Optional.ofNullable(idToken.<String>getClaim("preferred_username"))
                .orElse(idToken.getSubject());
        String name = Optional.ofNullable(idToken.<String>getClaim("name")).orElse(username);
        Optional<String> lea = Optional.ofNullable(idToken.getClaim(leaClaim)).map(Object::toString);
        return Templates.start(new Person(name, username, Person.rolesOf(identity.getRoles()), lea));
    }
}
