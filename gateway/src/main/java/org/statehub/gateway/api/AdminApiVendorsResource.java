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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.ApplicationRepository;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.persistence.Vendor;
import org.statehub.gateway.persistence.VendorRepository;
import org.statehub.gateway.service.AdminApiApplications;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's vendors ({@code /adminapi/v2/vendors}, docs/decisions/0020 part 4): list (paged, the
 * specification's filters), show, create (201 and {@code Location}), replace, delete (200), and a vendor's
 * applications. {@code namespacePrefixes} is one comma-separated text, as the Admin API sends it; a vendor's
 * prefixes are its applications' clients' prefixes. The hub's own vendor (id 1, the clients of
 * {@code /admin/v1/clients}) is shown but not changed or deleted here. Needs a {@code StateAdmin} token.
 */
@Path("/adminapi/v2/vendors")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiVendorsResource {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final VendorRepository vendors;
    private final ApplicationRepository applications;
    private final ProfileRepository profiles;
    private final AdminApiApplications service;

    /** A vendor as the Admin API sends it (POST and PUT alike). */
    public record VendorBody(
            String company, String namespacePrefixes, String contactName, String contactEmailAddress) {}

    /** A vendor as the Admin API shows it. */
    public record VendorView(
            int id, String company, String namespacePrefixes, String contactName, String contactEmailAddress) {

        static VendorView of(Vendor v) {
            return new VendorView(
                    v.id(),
                    v.company(),
                    String.join(",", v.namespacePrefixes()),
                    v.contactName(),
                    v.contactEmailAddress());
        }
    }

    @GET
    public Response list(
            @BeanParam AdminApiLists.PageQuery query,
            @QueryParam("id") String id,
            @QueryParam("company") String company,
            @QueryParam("namespacePrefixes") String namespacePrefixes,
            @QueryParam("contactName") String contactName,
            @QueryParam("contactEmailAddress") String contactEmailAddress) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, id, VendorRepository.ORDERS);
        VendorRepository.Filter filter = new VendorRepository.Filter(
                listing.id(),
                AdminApiLists.filter(company),
                namespacePrefixes == null ? List.of() : prefixes(namespacePrefixes),
                AdminApiLists.filter(contactName),
                AdminApiLists.filter(contactEmailAddress));
        return listing.answer(() -> vendors.page(filter, listing.rows()).stream()
                .map(VendorView::of)
                .toList());
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(vendor(id).map(VendorView::of));
    }

    @GET
    @Path("{id}/applications")
    public Response applications(@PathParam("id") String id) {
        Optional<Vendor> vendor = vendor(id);
        if (vendor.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(AdminApiApplicationsResource.ApplicationView.of(
                        applications.ofVendor(vendor.get().id()), profiles))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(VendorBody body) {
        Map<String, List<String>> errors = check(body);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        Optional<Integer> id = vendors.insert(
                body.company().trim(),
                prefixes(body.namespacePrefixes()),
                body.contactName().trim(),
                body.contactEmailAddress().trim());
        if (id.isEmpty()) {
            return companyTaken(body);
        }
        return Response.created(URI.create("/adminapi/v2/vendors/" + id.get())).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, VendorBody body) {
        Optional<Vendor> vendor = vendor(id);
        if (vendor.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        if (vendor.get().id() == Vendor.HUB) {
            return hubsOwn();
        }
        Map<String, List<String>> errors = check(body);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        if (vendors.companyTaken(body.company().trim(), vendor.get().id())) {
            return companyTaken(body);
        }
        boolean replaced = vendors.update(new Vendor(
                vendor.get().id(),
                body.company().trim(),
                prefixes(body.namespacePrefixes()),
                body.contactName().trim(),
                body.contactEmailAddress().trim()));
        return replaced ? Response.ok().build() : ProblemResponses.of(Problems.itemNotFound());
    }

    /** Deletes the vendor and its applications (their clients are revoked: their tokens stop working). */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Optional<Vendor> vendor = vendor(id);
        if (vendor.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        if (vendor.get().id() == Vendor.HUB) {
            return hubsOwn();
        }
        return service.deleteVendor(vendor.get().id())
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    private Optional<Vendor> vendor(String id) {
        return AdminApiLists.found(id, vendors::find);
    }

    private static Map<String, List<String>> check(VendorBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (body == null) {
            errors.put("$", List.of("A vendor is required."));
            return errors;
        }
        AdminApiLists.requiredText(body.company(), "company", "Company", errors);
        AdminApiLists.requiredText(body.contactName(), "contactName", "ContactName", errors);
        AdminApiLists.requiredText(body.contactEmailAddress(), "contactEmailAddress", "ContactEmailAddress", errors);
        if (!errors.containsKey("$.contactEmailAddress")
                && !EMAIL.matcher(body.contactEmailAddress().trim()).matches()) {
            errors.put("$.contactEmailAddress", List.of("ContactEmailAddress must be an email address."));
        }
        if (body.namespacePrefixes() != null) {
            for (String prefix : prefixes(body.namespacePrefixes())) {
                if (!AdminApiLists.storable(prefix) || prefix.length() > 255) {
                    errors.put(
                            "$.namespacePrefixes",
                            List.of("A namespace prefix must be at most 255 characters, without control characters."));
                }
            }
        }
        return errors;
    }

    /** The prefixes of a comma-separated list, trimmed, without empty ones or repeats. */
    private static List<String> prefixes(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .distinct()
                        .toList();
    }

    private static Response companyTaken(VendorBody body) {
        return ProblemResponses.of(Problems.dataValidation(
                Map.of("$.company", List.of("A vendor named '" + body.company().trim() + "' already exists."))));
    }

    private static Response hubsOwn() {
        return ProblemResponses.of(Problems.conflict(
                "Vendor 1 is the hub's own (the clients of /admin/v1/clients): it is not changed or deleted here."));
    }
}
