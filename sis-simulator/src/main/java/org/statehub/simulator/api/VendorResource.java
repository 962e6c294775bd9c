package org.statehub.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.domain.Fault;
import org.statehub.simulator.domain.ResourceType;
import org.statehub.simulator.service.DistrictService;

/** Acme's Ed-Fi-shaped resources with its own code values, paged by offset and limit. */
@Path("/vendor/v1")
public class VendorResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    @Inject
    DistrictService districts;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("{resource}")
    public Response page(
            @PathParam("resource") String resource,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit,
            @Context RoutingContext routing) {
        ResourceType type = ResourceType.byPath(resource)
                .orElseThrow(() -> Problems.notFound("No resource '"
                        + resource + "'; the resources are "
                        + Arrays.stream(ResourceType.values())
                                .map(ResourceType::path)
                                .collect(Collectors.joining(", "))));
        int from = Params.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        District district = districts.current();
        Fault.Mode fault = routing.get(VendorGate.FAULT);
        return Response.ok(
                        Bodies.vendorPage(
                                mapper, district, type, from, size, fault, VendorGate.connectionCloser(routing)),
                        MediaType.APPLICATION_JSON_TYPE)
                .header("Total-Count", district.visibleCount(type))
                .build();
    }
}
