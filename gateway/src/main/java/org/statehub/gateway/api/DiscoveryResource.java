package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.gateway.config.GatewayConfig;

/** {@code GET /}: the Ed-Fi discovery document (version, data models, where everything is). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    @Inject
    GatewayConfig config;

    @Inject
    org.statehub.edfi.contract.ResourceCatalog catalog;

    @GET
    public Map<String, Object> discovery() {
        String base = config.issuer();
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("dependencies", base + "/metadata/data/v3/dependencies");
        urls.put("openApiMetadata", base + "/metadata/");
        urls.put("oauth", base + "/oauth/token");
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
