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
import org.statehub.simulator.service.DistrictService;

/** The state's daily collection templates, whole files, as CSV or JSON. */
@Path("/templates/v1")
public class TemplateResource {

    static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    @Inject
    DistrictService districts;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("{template}")
    public Response file(
            @PathParam("template") String name, @QueryParam("format") String format, @Context RoutingContext routing) {
        Template template = Template.byPath(name)
                .orElseThrow(() -> Problems.notFound("No template '" + name
                        + "'; the templates are "
                        + Arrays.stream(Template.values()).map(Template::path).collect(Collectors.joining(", "))));
        String chosen = format == null || format.isEmpty() ? "csv" : format;
        if (!chosen.equals("csv") && !chosen.equals("json")) {
            throw Problems.badRequest("format must be csv or json, was '" + format + "'");
        }
        District district = districts.current();
        Fault.Mode fault = routing.get(VendorGate.FAULT);
        Runnable close = VendorGate.connectionCloser(routing);
        Response.ResponseBuilder response = chosen.equals("csv")
                ? Response.ok(Bodies.templateCsv(district, template, fault, close), CSV)
                : Response.ok(
                        Bodies.templateJson(mapper, district, template, fault, close), MediaType.APPLICATION_JSON_TYPE);
        return response.header("Total-Count", district.visibleCount(template.rows()))
                .header("Content-Disposition", "attachment; filename=\"" + template.path() + "." + chosen + "\"")
                .build();
    }
}
