package org.statehub.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where the identity provider returns a person who signed out (open to everyone: it shows no data). */
@Path("/signed-out")
public class SignedOutPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return StartPage.Templates.signedOut();
    }
}
