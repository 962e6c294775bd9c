package org.statehub.gateway.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.statehub.edfi.core.contract.ResourceCatalog;
import org.statehub.edfi.core.contract.ResourceDefinition;
import org.statehub.gateway.config.GatewayConfig;

/**
 * The education organizations of a client as {@code /oauth/token_info} lists them: id, name and Ed-Fi type, with
 * the LEA, education service center and state education agency above them, read from the service that owns
 * {@code localEducationAgencies} and {@code schools} with the gateway's own token.
 */
@ApplicationScoped
public class OrganizationNames {

    /** Ids looked up one by one up to this many; more are found by reading the collections page by page. */
    static final int ONE_BY_ONE = 20;
    static final int PAGE = 500;

    /** One organization as the ODS/API's token info shows it; unknown members are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(long education_organization_id, String name_of_institution, String type,
                               Long local_education_agency_id, Long education_service_center_id,
                               Long state_education_agency_id) {
    }

    @Inject
    GatewayConfig config;

    @Inject
    ResourceCatalog catalog;

    @Inject
    GatewayToken gatewayToken;

    @Inject
    ObjectMapper mapper;

    /** The organizations with these ids, in id order; an id no service holds is listed by its id alone. */
    public List<Organization> describe(Collection<Long> ids, String correlationId) throws IOException {
        Set<Long> wanted = new TreeSet<>(ids);
        Map<Long, Organization> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            for (String resource : List.of("localEducationAgencies", "schools")) {
                if (wanted.size() <= ONE_BY_ONE) {
                    String key = resource.equals("schools") ? "schoolId" : "localEducationAgencyId";
                    for (Long id : wanted) {
                        if (!found.containsKey(id)) {
                            read(resource, "?" + key + "=" + id, correlationId).forEach(o -> found.put(
                                    o.education_organization_id(), o));
                        }
                    }
                } else {
                    for (int offset = 0; ; offset += PAGE) {
                        List<Organization> page = read(resource, "?limit=" + PAGE + "&offset=" + offset,
                                correlationId);
                        page.stream().filter(o -> wanted.contains(o.education_organization_id()))
                                .forEach(o -> found.put(o.education_organization_id(), o));
                        if (page.size() < PAGE) {
                            break;
                        }
                    }
                }
            }
        }
        List<Organization> organizations = new ArrayList<>();
        for (Long id : wanted) {
            organizations.add(found.getOrDefault(id, new Organization(id, null, null, null, null, null)));
        }
        return organizations;
    }

    private List<Organization> read(String resource, String query, String correlationId) throws IOException {
        ResourceDefinition definition = catalog.find(resource);
        GatewayConfig.Service service = definition == null ? null : config.services().get(definition.ownerService());
        if (service == null) {
            return List.of();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url().replaceAll("/$", "")
                        + "/data/v3/ed-fi/" + resource + query)).timeout(config.routeTimeout())
                .header("Accept", "application/json").header("correlation-id", correlationId)
                .header("Authorization", "Bearer " + gatewayToken.bearer()).GET().build();
        HttpResponse<String> response;
        try {
            response = ServiceConnections.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + resource, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(definition.ownerService() + " answered " + response.statusCode() + " for "
                    + resource);
        }
        List<Organization> organizations = new ArrayList<>();
        for (JsonNode item : mapper.readTree(response.body())) {
            if (resource.equals("schools")) {
                organizations.add(new Organization(item.path("schoolId").asLong(),
                        text(item.path("nameOfInstitution")), "edfi.School",
                        number(item.path("localEducationAgencyReference").path("localEducationAgencyId")),
                        null, null));
            } else {
                long id = item.path("localEducationAgencyId").asLong();
                organizations.add(new Organization(id, text(item.path("nameOfInstitution")),
                        "edfi.LocalEducationAgency", id,
                        number(item.path("educationServiceCenterReference").path("educationServiceCenterId")),
                        number(item.path("stateEducationAgencyReference").path("stateEducationAgencyId"))));
            }
        }
        return organizations;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
