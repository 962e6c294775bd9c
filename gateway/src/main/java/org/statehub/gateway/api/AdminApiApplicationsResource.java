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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.Application;
import org.statehub.gateway.persistence.ApplicationRepository;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.persistence.Vendor;
import org.statehub.gateway.persistence.VendorRepository;
import org.statehub.gateway.service.AdminApiApplications;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's applications ({@code /adminapi/v2/applications}, docs/decisions/0020 part 4): an
 * application is one gateway client (its key the client id), the same rows {@code /admin/v1/clients} shows, so its
 * key and secret get tokens at {@code /oauth/token} and the services authorize it by its claim set, education
 * organizations and profiles as any client. {@code claimSetName} is one of the claim sets the hub applies today;
 * {@code profileIds} are ids of the profiles kept at {@code /admin/v1/profiles}; {@code odsInstanceIds} name
 * instances of {@code /adminapi/v2/odsInstances} when the deployment keeps school years apart (the years the
 * application is granted), and are kept as sent without effect in a single-space deployment. Needs a
 * {@code StateAdmin} token.
 */
@Path("/adminapi/v2/applications")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiApplicationsResource {

    private final ApplicationRepository applications;
    private final VendorRepository vendors;
    private final ProfileRepository profiles;
    private final AdminApiApplications service;
    private final org.statehub.gateway.service.ClaimSets claimSets;
    private final org.statehub.gateway.persistence.OdsInstanceRepository instances;
    private final org.statehub.gateway.service.ServedYears years;

    /** An application as the Admin API sends it (POST and PUT alike). */
    public record ApplicationBody(
            String applicationName,
            Integer vendorId,
            String claimSetName,
            List<Integer> profileIds,
            List<Long> educationOrganizationIds,
            List<Integer> odsInstanceIds,
            Boolean enabled) {}

    /** An application as the Admin API shows it. */
    public record ApplicationView(
            int id,
            String applicationName,
            String claimSetName,
            List<Long> educationOrganizationIds,
            Integer vendorId,
            List<Integer> profileIds,
            List<Integer> odsInstanceIds,
            boolean enabled) {

        /** The applications' views, their profiles' ids read in one statement. */
        static List<ApplicationView> of(List<Application> applications, ProfileRepository profiles) {
            Map<String, List<Integer>> profileIds = profiles.assignedIds(
                    applications.stream().map(a -> a.client().clientId()).toList());
            return applications.stream().map(a -> of(a, profileIds)).toList();
        }

        static ApplicationView of(Application a, Map<String, List<Integer>> profileIds) {
            return new ApplicationView(
                    a.id(),
                    a.client().displayName(),
                    a.client().claimSet(),
                    a.client().educationOrganizationIds(),
                    a.vendorId(),
                    profileIds.getOrDefault(a.client().clientId(), List.of()),
                    a.odsInstanceIds(),
                    a.client().enabled());
        }
    }

    @GET
    public Response list(
            @BeanParam AdminApiLists.PageQuery query,
            @QueryParam("id") String id,
            @QueryParam("applicationName") String applicationName,
            @QueryParam("claimsetName") String claimSetName,
            @QueryParam("ids") String ids) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, id, ApplicationRepository.ORDERS);
        ApplicationRepository.Filter filter = new ApplicationRepository.Filter(
                listing.id(),
                listing.ids(ids, "ids"),
                AdminApiLists.filter(applicationName),
                AdminApiLists.filter(claimSetName));
        return listing.answer(() -> ApplicationView.of(applications.page(filter, listing.rows()), profiles));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        Optional<Application> application = application(id);
        return ProblemResponses.okOrNotFound(application.map(a -> ApplicationView.of(
                a,
                Map.of(a.client().clientId(), profiles.idsAssignedTo(a.client().clientId())))));
    }

    /** Creates the application: 201, its {@code Location}, and its key and secret (shown once). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ApplicationBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<AdminApiApplications.Description> description = describe(body, 0, errors);
        if (description.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        AdminApiApplications.Credentials created = service.create(description.get());
        return Response.created(URI.create("/adminapi/v2/applications/" + created.id()))
                .header("Cache-Control", "no-store")
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, ApplicationBody body) {
        Optional<Application> application = application(id);
        if (application.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<AdminApiApplications.Description> description =
                describe(body, application.get().id(), errors);
        if (description.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        return service.update(application.get().id(), description.get())
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    /** A new secret for the application's key (the old one stops getting tokens): its key and secret. */
    @PUT
    @Path("{id}/reset-credential")
    public Response resetCredential(@PathParam("id") String id) {
        Optional<AdminApiApplications.Credentials> credentials =
                application(id).flatMap(a -> service.resetCredentials(a.id()));
        return credentials
                .map(c -> Response.ok(c).header("Cache-Control", "no-store").build())
                .orElseGet(() -> ProblemResponses.of(Problems.itemNotFound()));
    }

    /** Deletes the application: its client is revoked (its tokens stop working; the row stays as history). */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return application(id).map(a -> service.delete(a.id())).orElse(false)
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    private Optional<Application> application(String id) {
        return AdminApiLists.found(id, applications::find);
    }

    /**
     * The application a body describes, its vendor and profiles looked up; empty with every finding in
     * {@code errors} when it is not valid. {@code id} is the application's own (0 for a new one), so that its
     * name is not taken by itself.
     */
    private Optional<AdminApiApplications.Description> describe(
            ApplicationBody body, int id, Map<String, List<String>> errors) {
        if (body == null) {
            errors.put("$", List.of("An application is required."));
            return Optional.empty();
        }
        AdminApiLists.requiredText(body.applicationName(), "applicationName", "ApplicationName", errors);
        Optional<Vendor> vendor = body.vendorId() == null ? Optional.empty() : vendors.find(body.vendorId());
        if (body.vendorId() == null) {
            errors.put("$.vendorId", List.of("VendorId is required."));
        } else if (vendor.isEmpty()) {
            errors.put("$.vendorId", List.of("No vendor has id " + body.vendorId() + "."));
        }
        Optional<String> claimSet = claimSets.storedName(body.claimSetName());
        if (claimSet.isEmpty()) {
            errors.put(
                    "$.claimSetName",
                    List.of(org.statehub.gateway.service.ClaimSets.unknown("ClaimSetName", body.claimSetName())));
        }
        List<Long> organizations = withoutNulls(body.educationOrganizationIds(), "educationOrganizationIds", errors);
        for (int i = 0; i < organizations.size(); i++) {
            if (organizations.get(i) <= 0) {
                errors.put(
                        "$.educationOrganizationIds[" + i + "]",
                        List.of("An education organization id must be a positive integer."));
            }
        }
        if (claimSet.filter("SISVendor"::equals).isPresent() && organizations.isEmpty()) {
            errors.put(
                    "$.educationOrganizationIds",
                    List.of("A SISVendor application needs at least one education organization."));
        }
        List<Integer> instances = withoutNulls(body.odsInstanceIds(), "odsInstanceIds", errors);
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i) <= 0) {
                errors.put("$.odsInstanceIds[" + i + "]", List.of("An ODS instance id must be a positive integer."));
            }
        }
        if (years.enabled() && !instances.isEmpty()) {
            List<Integer> missing = this.instances.missing(instances);
            for (int i = 0; i < instances.size(); i++) {
                if (missing.contains(instances.get(i))) {
                    errors.put(
                            "$.odsInstanceIds[" + i + "]", List.of("No ODS instance has id " + instances.get(i) + "."));
                }
            }
        }
        List<Integer> profileIds = withoutNulls(body.profileIds(), "profileIds", errors);
        Map<Integer, String> names = profileIds.isEmpty() ? Map.of() : profiles.namesById(profileIds);
        for (int i = 0; i < profileIds.size(); i++) {
            if (!names.containsKey(profileIds.get(i))) {
                errors.put("$.profileIds[" + i + "]", List.of("No profile has id " + profileIds.get(i) + "."));
            }
        }
        if (errors.isEmpty()
                && applications.nameTaken(
                        vendor.get().id(), body.applicationName().trim(), id)) {
            errors.put(
                    "$.applicationName",
                    List.of("An application named '" + body.applicationName().trim()
                            + "' already exists for this vendor."));
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdminApiApplications.Description(
                body.applicationName().trim(),
                vendor.get(),
                claimSet.get(),
                profileIds.stream().distinct().map(names::get).toList(),
                organizations.stream().distinct().toList(),
                instances.stream().distinct().toList(),
                body.enabled() == null || body.enabled()));
    }

    /** A list member as sent (empty when absent); a null item is a finding. */
    private static <T> List<T> withoutNulls(List<T> items, String member, Map<String, List<String>> errors) {
        if (items == null) {
            return List.of();
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                errors.put("$." + member + "[" + i + "]", List.of("A value is required."));
            }
        }
        return items.stream().filter(java.util.Objects::nonNull).toList();
    }
}
