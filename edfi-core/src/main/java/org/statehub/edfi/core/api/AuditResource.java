package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.statehub.edfi.core.service.AccessAudit;
import org.statehub.edfi.core.store.AccessAuditStore;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.validation.Limits;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * {@code GET /audit/v1/accesses}: the access log of this service's student records, newest first, for state
 * administrators; filters {@code clientId}, {@code resource}, {@code id} (an item id), {@code since} (ISO
 * instant) and {@code limit} (1..500, default 100).
 */
@Path("/audit/v1/accesses")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly("The access log needs the hubAdministration grant (a claim set granting it, as StateAdmin does).")
public class AuditResource {

    /** The range of {@code since}: the dates the engine accepts anywhere ({@link Limits}). */
    private static final Instant EARLIEST =
            Limits.EARLIEST_DATE.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    private static final Instant LATEST = Limits.LATEST_DATE
            .plusDays(1)
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant()
            .minusNanos(1);

    @Inject
    AccessAudit audit;

    @Inject
    Correlation correlation;

    @Inject
    ObjectMapper mapper;

    @GET
    public Response accesses(
            @QueryParam("clientId") String clientId,
            @QueryParam("resource") String resource,
            @QueryParam("id") String id,
            @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        List<String> errors = new ArrayList<>();
        for (String[] text : new String[][] {{"clientId", clientId}, {"resource", resource}}) {
            String unstorable = text[1] == null ? null : Limits.unstorable(text[1]);
            if (unstorable != null) {
                errors.add("The value of " + text[0] + " " + unstorable + ".");
            }
        }
        UUID item = null;
        if (id != null && (item = Ids.parse(id)) == null) {
            errors.add("The value '" + Limits.shown(id) + "' is not a valid resource identifier.");
        }
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                // stays null
            }
            if (from == null || from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
                from = null;
                errors.add("Since must be an ISO-8601 instant between " + EARLIEST + " and " + LATEST
                        + ", e.g. 2026-01-31T00:00:00Z.");
            }
        }
        int rows = 100;
        if (limit != null) {
            try {
                rows = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                rows = 0;
            }
        }
        if (rows < 1 || rows > 500) {
            errors.add("Limit must be a value between 1 and 500.");
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.parameterValidation(errors), correlation.id());
        }
        ArrayNode entries = mapper.createArrayNode();
        for (AccessAuditStore.Access access : audit.newest(clientId, resource, item, from, rows)) {
            ObjectNode entry = entries.addObject();
            entry.put("accessedAt", access.at().toString());
            entry.put("clientId", access.clientId());
            entry.put("correlationId", access.correlationId());
            entry.put("method", access.method());
            entry.put("resource", access.resource());
            ArrayNode ids = entry.putArray("ids");
            access.ids().forEach(accessed -> ids.add(Ids.format(accessed)));
            entry.put("status", access.status());
        }
        return Response.ok(entries.toString()).build();
    }
}
