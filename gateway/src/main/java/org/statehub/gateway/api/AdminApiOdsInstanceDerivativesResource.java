package org.statehub.gateway.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.OdsInstanceDerivative;
import org.statehub.gateway.persistence.OdsInstanceDerivativeRepository;
import org.statehub.gateway.persistence.OdsInstanceRepository;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's ODS instance derivatives ({@code /adminapi/v2/odsInstanceDerivatives}, docs/decisions/0020,
 * part 5): a read replica or a snapshot of an instance's database, named by its connection string. List (paged), show
 * ({@code {id, odsInstanceId, derivativeType}}, the connection string never shown), create (201 and {@code Location}),
 * replace (200; a connection string left out is kept), delete (200). The type is {@code ReadReplica} or
 * {@code Snapshot} (in any case, kept as the Admin API spells it), one of each per instance. The hub keeps them for
 * the Admin API's clients and routes nothing to them (docs/API.md). Needs an administrator's token.
 */
@Path("/adminapi/v2/odsInstanceDerivatives")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiOdsInstanceDerivativesResource {

    private final OdsInstanceDerivativeRepository derivatives;
    private final OdsInstanceRepository instances;

    /** A derivative as the Admin API sends it (POST and PUT alike). */
    public record DerivativeBody(Integer odsInstanceId, String derivativeType, String connectionString) {}

    @GET
    public Response list(@BeanParam AdminApiLists.PageQuery query) {
        List<String> errors = new ArrayList<>();
        AdminApiLists.Page page = query.page(OdsInstanceDerivativeRepository.ORDERS, errors);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.parameterValidation(errors));
        }
        return Response.ok(derivatives.page(page.rows())).build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(derivative(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(DerivativeBody body) {
        Map<String, List<String>> errors = check(body, 0, true);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        Optional<Integer> id = derivatives.insert(
                body.odsInstanceId(),
                type(body.derivativeType()),
                body.connectionString().trim());
        return id.isEmpty()
                ? ProblemResponses.of(Problems.dataValidation(taken(body)))
                : Response.created(URI.create("/adminapi/v2/odsInstanceDerivatives/" + id.get()))
                        .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, DerivativeBody body) {
        Optional<OdsInstanceDerivative> derivative = derivative(id);
        if (derivative.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = check(body, derivative.get().id(), false);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        String connectionString =
                body.connectionString() == null || body.connectionString().isBlank()
                        ? null
                        : body.connectionString().trim();
        return derivatives.update(
                        derivative.get().id(), body.odsInstanceId(), type(body.derivativeType()), connectionString)
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return derivative(id).map(d -> derivatives.delete(d.id())).orElse(false)
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    private Optional<OdsInstanceDerivative> derivative(String id) {
        return AdminApiLists.found(id, derivatives::find);
    }

    /**
     * Every finding of a body: the instance required and existing, the type one of the Admin API's, the connection
     * string required on POST, and the instance without another derivative of the type.
     */
    private Map<String, List<String>> check(DerivativeBody body, int id, boolean connectionRequired) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (body == null) {
            errors.put("$", List.of("An ODS instance derivative is required."));
            return errors;
        }
        if (body.odsInstanceId() == null || body.odsInstanceId() == 0) {
            errors.put("$.odsInstanceId", List.of("OdsInstanceId is required."));
        } else if (instances.find(body.odsInstanceId()).isEmpty()) {
            errors.put("$.odsInstanceId", List.of("No ODS instance has id " + body.odsInstanceId() + "."));
        }
        if (type(body.derivativeType()) == null) {
            errors.put(
                    "$.derivativeType",
                    List.of("DerivativeType must be one of " + String.join(", ", OdsInstanceDerivative.TYPES) + "."));
        }
        String connectionString = body.connectionString();
        if (connectionRequired && (connectionString == null || connectionString.isBlank())) {
            errors.put("$.connectionString", List.of("ConnectionString is required."));
        } else if (connectionString != null
                && (!AdminApiLists.storable(connectionString) || connectionString.length() > 4000)) {
            errors.put(
                    "$.connectionString",
                    List.of("ConnectionString must be at most 4000 characters, without control characters."));
        }
        if (errors.isEmpty() && derivatives.typeTaken(body.odsInstanceId(), type(body.derivativeType()), id)) {
            errors.putAll(taken(body));
        }
        return errors;
    }

    private static Map<String, List<String>> taken(DerivativeBody body) {
        return Map.of(
                "$.derivativeType",
                List.of("ODS instance " + body.odsInstanceId() + " has a " + type(body.derivativeType())
                        + " derivative already."));
    }

    /** The type as the Admin API spells it, whatever its case; null for another. */
    private static String type(String sent) {
        if (sent == null) {
            return null;
        }
        return OdsInstanceDerivative.TYPES.stream()
                .filter(t -> t.equalsIgnoreCase(sent.trim()))
                .findFirst()
                .orElse(null);
    }
}
