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
import java.util.OptionalInt;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.OdsInstanceContext;
import org.statehub.gateway.persistence.OdsInstanceRepository;
import org.statehub.gateway.service.OdsInstances;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's ODS instance contexts ({@code /adminapi/v2/odsInstanceContexts}, docs/decisions/0020,
 * part 5, step 20): list (paged), show, create (201 and {@code Location}), replace, delete (200). The hub routes by
 * the school year alone, so the only key is {@code schoolYearFromRoute} (in any case), its value a year 2000-2099
 * that no other instance has, one per instance; a year given here is served at once. Needs a {@code StateAdmin}
 * token.
 */
@Path("/adminapi/v2/odsInstanceContexts")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiOdsInstanceContextsResource {

    private final OdsInstanceRepository instances;
    private final OdsInstances service;

    /** A context as the Admin API sends it. */
    public record ContextBody(Integer odsInstanceId, String contextKey, String contextValue) {}

    @GET
    public Response list(@BeanParam AdminApiLists.PageQuery query) {
        List<String> errors = new ArrayList<>();
        AdminApiLists.Page page = query.page(OdsInstanceRepository.CONTEXT_ORDERS, errors);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.parameterValidation(errors));
        }
        return Response.ok(instances.contexts(page.rows())).build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(context(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ContextBody body) {
        return put(null, body);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, ContextBody body) {
        Optional<OdsInstanceContext> context = context(id);
        if (context.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return put(context.get().id(), body);
    }

    /** Deletes the context: the instance's year is no longer served. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return context(id).map(c -> service.deleteContext(c.id())).orElse(false)
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    private Response put(Integer contextId, ContextBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (body == null) {
            return ProblemResponses.of(Problems.dataValidation(Map.of("$", List.of("A context is required."))));
        }
        if (body.odsInstanceId() == null) {
            errors.put("$.odsInstanceId", List.of("OdsInstanceId is required."));
        } else if (instances.find(body.odsInstanceId()).isEmpty()) {
            errors.put("$.odsInstanceId", List.of("No ODS instance has id " + body.odsInstanceId() + "."));
        }
        checkKey(body.contextKey(), "$.", errors);
        service.refusedYear(body.contextValue()).ifPresent(refusal -> errors.put("$.contextValue", List.of(refusal)));
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        String year = body.contextValue().trim();
        Optional<Integer> id = service.putYear(contextId, body.odsInstanceId(), year);
        if (id.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of(
                    "$.contextValue",
                    List.of("School year " + year + " is another instance's, or instance " + body.odsInstanceId()
                            + " has a school year already."))));
        }
        return contextId == null
                ? Response.created(URI.create("/adminapi/v2/odsInstanceContexts/" + id.get()))
                        .build()
                : Response.ok().build();
    }

    private Optional<OdsInstanceContext> context(String id) {
        OptionalInt number = AdminApiLists.id(id);
        return number.isEmpty() ? Optional.empty() : instances.findContext(number.getAsInt());
    }

    /** A context key is {@code schoolYearFromRoute} (in any case): the hub routes by the school year alone. */
    static void checkKey(String key, String at, Map<String, List<String>> errors) {
        if (key == null || !OdsInstanceContext.SCHOOL_YEAR.equalsIgnoreCase(key.trim())) {
            errors.put(
                    at + "contextKey",
                    List.of("ContextKey must be " + OdsInstanceContext.SCHOOL_YEAR
                            + ": the hub routes by the school year alone."));
        }
    }
}
