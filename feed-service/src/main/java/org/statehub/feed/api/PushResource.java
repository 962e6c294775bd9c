package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.http.ClientDirectory;
import org.statehub.http.TokenClaims;

/**
 * {@code POST /feed/v1/connections/{id}/push/{resource}}: a vendor that pushes sends a batch of records (its own
 * shape and codes, each with a {@code sourceId}) and the source ids it deleted; the batch runs through the same
 * pipeline as a pull (mapping, rules, identity map, outbox). The caller is a StateAdmin client or a SISVendor
 * client that has the connection's LEA among its education organizations.
 */
@Path("/feed/v1/connections/{id}/push")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    static final int MAX_RECORDS = 10_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Puller puller;

    @Inject
    ResourceCatalog catalog;

    @Inject
    JsonWebToken token;

    @Inject
    ClientDirectory directory;

    @POST
    @Path("{resource}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response push(@PathParam("id") String id, @PathParam("resource") String resourceName, JsonNode request)
            throws SQLException {
        Optional<SisConnection> connection;
        try (Connection c = dataSource.getConnection()) {
            connection = connections.find(c, id);
        }
        if (connection.isEmpty()) {
            return FeedProblems.notFound("No connection has the id '" + id + "'.");
        }
        if (!StateAdmin.is(token) && !forLea(connection.get().localEducationAgencyId())) {
            return FeedProblems.forbidden();
        }
        if (!connection.get().format().equals("push") || !connection.get().enabled()) {
            return FeedProblems.conflict(
                    "This connection does not take pushes (its format is not 'push', or it is " + "disabled).");
        }
        if (!Puller.LOAD_ORDER.containsKey(resourceName)
                || !connection.get().resources().contains(resourceName)) {
            return FeedProblems.notFound("The connection does not take '" + resourceName + "'.");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<ObjectNode> records = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        JsonNode recordArray =
                request != null && request.isArray() ? request : request == null ? null : request.get("records");
        if (request == null || !(request.isArray() || request.isObject())) {
            errors.put(
                    "$",
                    List.of("An array of records, or {\"records\": [...], \"deletes\": [\"sourceId\", ...]}, "
                            + "is expected."));
        } else {
            if (recordArray != null && !recordArray.isArray()) {
                errors.put("$.records", List.of("Records must be an array."));
            } else if (recordArray != null) {
                for (int i = 0; i < recordArray.size(); i++) {
                    if (recordArray.get(i) instanceof ObjectNode record) {
                        records.add(record);
                    } else {
                        errors.put("$.records[" + i + "]", List.of("A record must be a JSON object."));
                    }
                }
            }
            JsonNode deleted = request.isObject() ? request.get("deletes") : null;
            if (deleted != null) {
                if (!deleted.isArray()) {
                    errors.put("$.deletes", List.of("Deletes must be an array of source ids."));
                } else {
                    deleted.forEach(d -> deletes.add(d.asText()));
                }
            }
        }
        if (records.size() + deletes.size() > MAX_RECORDS) {
            errors.put("$", List.of("A batch holds at most " + MAX_RECORDS + " records and deletes; send several."));
        }
        if (!errors.isEmpty()) {
            return FeedProblems.invalid(errors);
        }
        Long runId;
        try (Connection c = dataSource.getConnection()) {
            runId = new RunStore().start(c, id, org.statehub.feed.domain.RunTrigger.PUSH);
        }
        if (runId == null) {
            return FeedProblems.conflict("Another batch of this connection is being processed; send this one again "
                    + "when it has finished.");
        }
        ResourceDefinition resource = catalog.find(resourceName);
        Puller.PushResult result = puller.push(connection.get(), runId, resource, records, deletes);
        return Response.accepted(result).build();
    }

    /** Whether this SISVendor caller's client has the LEA among its organizations (the client directory, 0009). */
    private boolean forLea(long lea) {
        TokenClaims claims = StateAdmin.claims(token);
        return TokenClaims.SIS_VENDOR.equals(claims.claimSet())
                && directory.organizations(claims).contains(lea);
    }
}
