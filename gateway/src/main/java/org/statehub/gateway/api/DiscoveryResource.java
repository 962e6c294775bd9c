package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.http.SchoolYears;

/** {@code GET /}: the Ed-Fi discovery document (version, data models, where everything is). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    @Inject
    GatewayConfig config;

    @Inject
    org.statehub.edfi.contract.ResourceCatalog catalog;

    @GET
    public Map<String, Object> discovery(@HeaderParam(SchoolYears.HEADER) String year) {
        // in a school year ({@code /{year}/}, docs/decisions/0020, part 5) the year's URLs; the token is the gateway's
        String base = year == null ? config.issuer() : config.issuer() + "/" + year;
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("dependencies", base + "/metadata/data/v3/dependencies");
        urls.put("openApiMetadata", base + "/metadata/");
        urls.put("oauth", config.issuer() + "/oauth/token");
        urls.put("dataManagementApi", base + "/data/v3/");
        urls.put("changeQueries", base + "/changeQueries/v1/");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", "7.3");
        document.put("applicationName", "State education data hub");
        document.put("informationalVersion", "0.1.0");
        document.put("suite", "3");
        document.put("build", "0.1.0");
        List<Map<String, Object>> models = new java.util.ArrayList<>();
        models.add(Map.of("name", "Ed-Fi", "version", "5.2.0", "informationalVersion", "The Ed-Fi Data Standard v5.2"));
        // each extension project the deployment serves is a data model of its own, as the ODS lists TPDM
        catalog.extensions()
                .forEach(project -> models.add(Map.of(
                        "name",
                        project.projectName(),
                        "version",
                        project.version(),
                        "informationalVersion",
                        project.declaration().path("description").asText(project.projectName()))));
        document.put("dataModels", models);
        document.put("urls", urls);
        return document;
    }
}
