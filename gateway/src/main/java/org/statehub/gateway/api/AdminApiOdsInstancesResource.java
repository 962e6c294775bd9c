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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.statehub.gateway.persistence.ApplicationRepository;
import org.statehub.gateway.persistence.OdsInstance;
import org.statehub.gateway.persistence.OdsInstanceContext;
import org.statehub.gateway.persistence.OdsInstanceDerivative;
import org.statehub.gateway.persistence.OdsInstanceDerivativeRepository;
import org.statehub.gateway.persistence.OdsInstanceRepository;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.service.OdsInstances;
import org.statehub.gateway.service.YearData;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's ODS instances ({@code /adminapi/v2/odsInstances}, docs/decisions/0020, part 5, step 20):
 * list (paged; filters {@code id}, {@code name}, {@code instanceType}), show (with its contexts), create (201 and
 * {@code Location}), replace, delete (200; 409 while an application names it), and the applications that name one.
 * A school year is an instance with the context {@code schoolYearFromRoute}: given here as the hub's
 * {@code odsInstanceContexts} member of the POST, or through {@code /adminapi/v2/odsInstanceContexts}. The
 * {@code connectionString} is kept as sent and not used: a year is a schema per service. Needs a {@code StateAdmin}
 * token.
 */
@Path("/adminapi/v2/odsInstances")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiOdsInstancesResource {

    private final OdsInstanceRepository instances;
    private final OdsInstanceDerivativeRepository derivatives;
    private final ApplicationRepository applications;
    private final ProfileRepository profiles;
    private final OdsInstances service;
    private final YearData yearData;
    private final FanOutAnswers answers;

    /** A context as sent with a new instance (the hub's addition to the Admin API's POST). */
    public record ContextBody(String contextKey, String contextValue) {}

    /** An instance as the Admin API sends it (POST and PUT alike; {@code odsInstanceContexts} on POST only). */
    public record InstanceBody(
            String name, String instanceType, String connectionString, List<ContextBody> odsInstanceContexts) {}

    /** An instance as the Admin API lists it. */
    public record InstanceView(int id, String name, String instanceType) {
        static InstanceView of(OdsInstance i) {
            return new InstanceView(i.id(), i.name(), i.instanceType());
        }
    }

    /** An instance as the Admin API shows one: with its contexts and derivatives. */
    public record InstanceDetail(
            int id,
            String name,
            String instanceType,
            List<OdsInstanceContext> odsInstanceContexts,
            List<OdsInstanceDerivative> odsInstanceDerivatives) {}

    @GET
    public Response list(
            @BeanParam AdminApiLists.PageQuery query,
            @QueryParam("id") String id,
            @QueryParam("name") String name,
            @QueryParam("instanceType") String instanceType) {
        List<String> errors = new ArrayList<>();
        AdminApiLists.Page page = query.page(OdsInstanceRepository.ORDERS, errors);
        OptionalInt wantedId = AdminApiLists.idParameter(id, "id", errors);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.parameterValidation(errors));
        }
        OdsInstanceRepository.Filter filter = new OdsInstanceRepository.Filter(
                wantedId.isPresent() ? wantedId.getAsInt() : null,
                AdminApiLists.filter(name),
                AdminApiLists.filter(instanceType));
        return Response.ok(instances.page(filter, page.rows()).stream()
                        .map(InstanceView::of)
                        .toList())
                .build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(instance(id)
                .map(i -> new InstanceDetail(
                        i.id(),
                        i.name(),
                        i.instanceType(),
                        instances.contextsOf(i.id()),
                        derivatives.ofInstance(i.id()))));
    }

    @GET
    @Path("{id}/applications")
    public Response applications(@PathParam("id") String id) {
        Optional<OdsInstance> instance = instance(id);
        if (instance.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(AdminApiApplicationsResource.ApplicationView.of(
                        applications.ofInstance(instance.get().id()), profiles))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InstanceBody body) {
        Map<String, List<String>> errors = check(body, 0);
        Optional<String> year = Optional.empty();
        if (errors.isEmpty() && body.odsInstanceContexts() != null) {
            year = year(body.odsInstanceContexts(), errors);
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        Optional<Integer> id =
                service.create(body.name().trim(), text(body.instanceType()), text(body.connectionString()), year);
        if (id.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of(
                    year.isPresent() ? "$.odsInstanceContexts[0].contextValue" : "$.name",
                    List.of(
                            year.isPresent()
                                    ? "An instance of school year " + year.get() + " already exists."
                                    : "An instance named '" + body.name().trim() + "' already exists."))));
        }
        return Response.created(URI.create("/adminapi/v2/odsInstances/" + id.get()))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, InstanceBody body) {
        Optional<OdsInstance> instance = instance(id);
        if (instance.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = check(body, instance.get().id());
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        return instances.update(
                        instance.get().id(),
                        body.name().trim(),
                        text(body.instanceType()),
                        text(body.connectionString()))
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    /**
     * Deletes the instance and its contexts (its year is no longer served); 409 while an application names it. An
     * instance whose school year holds items in a data service is deleted only when {@code deleteData} says what
     * becomes of them: {@code true} drops them in every service, {@code false} keeps them in the database unserved.
     */
    @DELETE
    @Path("{id}")
    public Response delete(
            @PathParam("id") String id, @QueryParam("deleteData") String deleteData, @Context HttpHeaders headers) {
        Optional<OdsInstance> instance = instance(id);
        if (instance.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Optional<Boolean> drop = Optional.empty();
        if (deleteData != null) {
            if (!deleteData.equalsIgnoreCase("true") && !deleteData.equalsIgnoreCase("false")) {
                return ProblemResponses.of(Problems.parameterValidation(
                        List.of("deleteData is true (drop the year's data) or false (keep it unserved).")));
            }
            drop = Optional.of(Boolean.parseBoolean(deleteData));
        }
        int instanceId = instance.get().id();
        if (instances.inUse(instanceId)) {
            return ProblemResponses.of(Problems.conflict("An application names ODS instance " + instanceId
                    + " among its odsInstanceIds: take it out of the application first."));
        }
        String correlationId = FanOutAnswers.correlationId(headers);
        return switch (yearData.delete(
                instanceId, drop, headers.getHeaderString(HttpHeaders.AUTHORIZATION), correlationId)) {
            case YearData.Deleted deleted -> Response.ok().build();
            case YearData.Held held ->
                ProblemResponses.of(
                        Problems.conflict("School year " + held.year() + " of ODS instance " + instanceId + " holds "
                                + held.items().total() + " items (" + AdminSchoolYearDataResource.each(held.items())
                                + "). Delete with ?deleteData=true to drop them in every service for good, or with"
                                + " ?deleteData=false to stop serving the year and keep them in the database."),
                        correlationId);
            case YearData.Configured configured ->
                ProblemResponses.of(
                        Problems.conflict("School year " + configured.year() + " is one of HUB_YEARS: the"
                                + " services would make it again at their next start. Take it out of HUB_YEARS of the gateway"
                                + " and every service and restart them, then delete with ?deleteData=true."),
                        correlationId);
            case YearData.Unknown unknown -> answers.failed(unknown.failure(), correlationId);
            case YearData.NotDropped notDropped ->
                answers.failed(
                        notDropped.failure(),
                        correlationId,
                        "ODS instance " + instanceId + " is deleted and school"
                                + " year " + notDropped.year()
                                + " is no longer served, but its data is not dropped everywhere:"
                                + " DELETE /admin/v1/schoolYears/" + notDropped.year() + " finishes it.");
        };
    }

    private Optional<OdsInstance> instance(String id) {
        OptionalInt number = AdminApiLists.id(id);
        return number.isEmpty() ? Optional.empty() : instances.find(number.getAsInt());
    }

    private Map<String, List<String>> check(InstanceBody body, int id) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (body == null) {
            errors.put("$", List.of("An ODS instance is required."));
            return errors;
        }
        AdminApiLists.requiredText(body.name(), "name", "Name", errors);
        optionalText(body.instanceType(), "instanceType", "InstanceType", errors);
        if (body.connectionString() != null
                && (!AdminApiLists.storable(body.connectionString())
                        || body.connectionString().length() > 4000)) {
            errors.put(
                    "$.connectionString",
                    List.of("ConnectionString must be at most 4000 characters, without control characters."));
        }
        if (errors.isEmpty() && instances.nameTaken(body.name().trim(), id)) {
            errors.put("$.name", List.of("An instance named '" + body.name().trim() + "' already exists."));
        }
        return errors;
    }

    /** The school year of a new instance's contexts (at most one, {@code schoolYearFromRoute}). */
    private Optional<String> year(List<ContextBody> contexts, Map<String, List<String>> errors) {
        if (contexts.size() > 1) {
            errors.put(
                    "$.odsInstanceContexts",
                    List.of("An instance has at most one context here, its schoolYearFromRoute."));
            return Optional.empty();
        }
        if (contexts.isEmpty()) {
            return Optional.empty();
        }
        ContextBody context = contexts.get(0);
        if (context == null) {
            errors.put("$.odsInstanceContexts[0]", List.of("A context is required."));
            return Optional.empty();
        }
        AdminApiOdsInstanceContextsResource.checkKey(context.contextKey(), "$.odsInstanceContexts[0].", errors);
        service.refusedYear(context.contextValue())
                .ifPresent(refusal -> errors.put("$.odsInstanceContexts[0].contextValue", List.of(refusal)));
        return errors.isEmpty() ? Optional.of(context.contextValue().trim()) : Optional.empty();
    }

    static void optionalText(String value, String member, String name, Map<String, List<String>> errors) {
        if (value != null && (!AdminApiLists.storable(value) || value.length() > 100)) {
            errors.put("$." + member, List.of(name + " must be at most 100 characters, without control characters."));
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
