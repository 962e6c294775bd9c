package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.statehub.edfi.contract.ExtensionProject;

/**
 * The OpenAPI document of one extension project the hub serves (docs/decisions/0020, step 4; the ODS gives one per
 * extension at {@code /metadata/data/v3/{project}/swagger.json}), cut from the whole API's document: the paths of
 * the project's own resources ({@code /data/v3/{project}/...}, {@code /bulk/v1/{project}/...}) with the component
 * schemas they reach.
 */
public final class ProjectOpenApi {

    private static final Pattern REFERENCE = Pattern.compile("\"#/components/schemas/([^\"]+)\"");

    private ProjectOpenApi() {}

    /** The paths of the project's resources in {@code merged} (left unchanged), with the schemas they reach. */
    public static ObjectNode of(ObjectNode merged, ExtensionProject project) {
        String endpoint = project.endpointName();
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("openapi", merged.path("openapi").asText("3.1.0"));
        document.putObject("info")
                .put("title", project.projectName() + " extension (" + endpoint + ")")
                .put("version", project.version())
                .put("description", project.declaration().path("description").asText(""));
        document.set("servers", merged.path("servers").deepCopy());
        document.set("security", merged.path("security").deepCopy());
        ObjectNode paths = document.putObject("paths");
        merged.path("paths").properties().forEach(path -> {
            String lower = path.getKey().toLowerCase(Locale.ROOT);
            if (lower.startsWith("/data/v3/" + endpoint.toLowerCase(Locale.ROOT) + "/")
                    || lower.startsWith("/bulk/v1/" + endpoint.toLowerCase(Locale.ROOT) + "/")) {
                paths.set(path.getKey(), path.getValue().deepCopy());
            }
        });
        ObjectNode components = document.putObject("components");
        components.set(
                "securitySchemes",
                merged.path("components").path("securitySchemes").deepCopy());
        ObjectNode schemas = components.putObject("schemas");
        JsonNode all = merged.path("components").path("schemas");
        Set<String> reached = new LinkedHashSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.add(paths);
        while (!pending.isEmpty()) {
            Matcher matcher = REFERENCE.matcher(pending.pop().toString());
            while (matcher.find()) {
                String name = matcher.group(1);
                if (all.has(name) && reached.add(name)) {
                    pending.add(all.get(name));
                }
            }
        }
        reached.forEach(name -> schemas.set(name, all.get(name).deepCopy()));
        return document;
    }
}
