package org.statehub.gateway.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.ServiceClient.Call;

/**
 * The education organizations of a client as {@code /oauth/token_info} lists them: id, name and Ed-Fi type, with
 * the LEA, education service center and state education agency above them, read from the service that owns
 * {@code stateEducationAgencies}, {@code educationServiceCenters}, {@code localEducationAgencies} and
 * {@code schools} with the gateway's own token.
 */
@ApplicationScoped
public class OrganizationNames {

    /** Ids looked up one by one up to this many; more are found by reading the collections page by page. */
    static final int ONE_BY_ONE = 20;

    static final int PAGE = 500;

    /** One organization as the ODS/API's token info shows it; unknown members are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(
            long education_organization_id,
            String name_of_institution,
            String type,
            Long local_education_agency_id,
            Long education_service_center_id,
            Long state_education_agency_id) {}

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
            for (Kind kind : Kind.values()) {
                String resource = kind.resource;
                if (wanted.size() <= ONE_BY_ONE) {
                    String key = kind.key;
                    for (Long id : wanted) {
                        if (!found.containsKey(id)) {
                            read(kind, "?" + key + "=" + id, correlationId)
                                    .forEach(o -> found.put(o.education_organization_id(), o));
                        }
                    }
                } else {
                    for (int offset = 0; ; offset += PAGE) {
                        List<Organization> page = read(kind, "?limit=" + PAGE + "&offset=" + offset, correlationId);
                        page.stream()
                                .filter(o -> wanted.contains(o.education_organization_id()))
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

    private List<Organization> read(Kind kind, String query, String correlationId) throws IOException {
        String resource = kind.resource;
        ResourceDefinition definition = catalog.find(resource);
        GatewayConfig.Service service =
                definition == null ? null : config.services().get(definition.ownerService());
        if (service == null) {
            return List.of();
        }
        ServiceClient.Reply response = ServiceConnections.SERVICES.send(
                Call.get(service.url().replaceAll("/$", "") + "/data/v3/ed-fi/" + resource + query)
                        .timeout(config.routeTimeout())
                        .header("correlation-id", correlationId)
                        .header("Authorization", "Bearer " + gatewayToken.bearer()));
        if (response.status() != 200) {
            throw new IOException(definition.ownerService() + " answered " + response.status() + " for " + resource);
        }
        List<Organization> organizations = new ArrayList<>();
        for (JsonNode item : mapper.readTree(response.body())) {
            organizations.add(kind.organization(item));
        }
        return organizations;
    }

    /** The education organization resources, each with its key, its Ed-Fi type and the organizations above it. */
    @RequiredArgsConstructor
    private enum Kind {
        STATE_EDUCATION_AGENCY("stateEducationAgencies", "stateEducationAgencyId", "edfi.StateEducationAgency"),
        EDUCATION_SERVICE_CENTER("educationServiceCenters", "educationServiceCenterId", "edfi.EducationServiceCenter"),
        LOCAL_EDUCATION_AGENCY("localEducationAgencies", "localEducationAgencyId", "edfi.LocalEducationAgency"),
        SCHOOL("schools", "schoolId", "edfi.School");

        final String resource;
        final String key;
        final String type;

        Organization organization(JsonNode item) {
            long id = item.path(key).asLong();
            Long lea = switch (this) {
                case SCHOOL -> reference(item, "localEducationAgency");
                case LOCAL_EDUCATION_AGENCY -> id;
                default -> null;
            };
            Long esc = switch (this) {
                case LOCAL_EDUCATION_AGENCY -> reference(item, "educationServiceCenter");
                case EDUCATION_SERVICE_CENTER -> id;
                default -> null;
            };
            Long sea = switch (this) {
                case LOCAL_EDUCATION_AGENCY, EDUCATION_SERVICE_CENTER -> reference(item, "stateEducationAgency");
                case STATE_EDUCATION_AGENCY -> id;
                default -> null;
            };
            return new Organization(id, text(item.path("nameOfInstitution")), type, lea, esc, sea);
        }

        private static Long reference(JsonNode item, String organization) {
            return number(item.path(organization + "Reference").path(organization + "Id"));
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
