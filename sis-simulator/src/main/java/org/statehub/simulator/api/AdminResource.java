package org.statehub.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.statehub.simulator.domain.Change;
import org.statehub.simulator.domain.ChangeRejected;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.service.DistrictService;
import org.statehub.simulator.service.FaultService;

/** Test control: the district, changes to it, and faults. Never behind the API key. */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminResource {

    @Inject
    DistrictService districts;

    @Inject
    FaultService faults;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("district")
    public Map<String, Object> district() {
        return AdminBodies.district(districts.current(), faults.current());
    }

    @PUT
    @Path("district")
    public Map<String, Object> regenerate(String body) {
        District district = districts.regenerate(AdminBodies.spec(
                AdminBodies.parse(mapper, body, false), districts.current().spec()));
        return AdminBodies.district(district, faults.current());
    }

    @POST
    @Path("reset")
    public Map<String, Object> reset() {
        return AdminBodies.district(districts.reset(), faults.current());
    }

    @POST
    @Path("changes")
    public Map<String, Object> changes(String body) {
        List<Change> changes = AdminBodies.changes(AdminBodies.parse(mapper, body, true));
        try {
            District district = districts.apply(changes);
            return Map.of("applied", changes.size(), "changes", district.changeCount());
        } catch (ChangeRejected e) {
            throw Problems.badChange(e.index(), e.reason());
        }
    }

    @GET
    @Path("faults")
    public Map<String, Object> fault() {
        return AdminBodies.fault(faults.current());
    }

    @POST
    @Path("faults")
    public Map<String, Object> setFault(String body) {
        return AdminBodies.fault(faults.set(AdminBodies.fault(AdminBodies.parse(mapper, body, true))));
    }
}
