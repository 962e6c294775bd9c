package org.statehub.edfi.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.jdbc.Sql;

/**
 * The {@code link} objects of a read, as the Ed-Fi ODS/API returns them inside every reference:
 * {@code {"rel": "School", "href": "/ed-fi/schools/<id>"}}, {@code rel} naming the referenced item's resource (for
 * an education organization reference, the concrete one: School, LocalEducationAgency, ...) and {@code href} the
 * item, relative to the API's data path (through the gateway, {@code /data/v3}). Links are computed on read and
 * never stored: the referenced item's id is looked up by natural key among this service's own items and its
 * replicas of other services' items, in one query per page. A reference whose item is known to neither (a
 * resource outside the hub's subset, or one this service keeps no replica of) has no link.
 */
public final class ReferenceLinks {

    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final Map<String, List<Linkable>> linkable = new ConcurrentHashMap<>();

    /** A reference member and the resources it may point to that this hub serves, in declaration order. */
    private record Linkable(ReferenceDeclaration declaration, List<Target> targets) {}

    private record Target(ReferenceTarget via, ResourceDefinition resource) {}

    /** One reference object of a page and the natural keys of the items it may point to. */
    private record Pending(ObjectNode reference, List<Target> targets, List<String> keys) {}

    public ReferenceLinks(ResourceCatalog catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
        // numbers exactly as stored (a decimal keeps its digits and trailing zeros)
        this.reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /**
     * The rendered items of {@code resource} with links in their references; items of a resource without a
     * reference to a served resource come back as they are (not parsed).
     */
    public List<String> add(Connection c, ResourceDefinition resource, List<String> items) throws SQLException {
        List<Linkable> references = linkable.computeIfAbsent(resource.key(), k -> linkable(resource));
        if (references.isEmpty() || items.isEmpty()) {
            return items;
        }
        List<JsonNode> parsed = new ArrayList<>(items.size());
        List<Pending> pending = new ArrayList<>();
        for (String item : items) {
            JsonNode node = parse(item);
            parsed.add(node);
            for (Linkable reference : references) {
                reference.declaration().path().select(node, (at, value) -> {
                    if (value instanceof ObjectNode object) {
                        List<String> keys = new ArrayList<>(reference.targets().size());
                        for (Target target : reference.targets()) {
                            keys.add(NaturalKeys.ofReference(target.resource(), target.via(), object));
                        }
                        pending.add(new Pending(object, reference.targets(), keys));
                    }
                });
            }
        }
        Map<String, UUID> ids = ids(c, pending);
        for (Pending reference : pending) {
            for (int i = 0; i < reference.targets().size(); i++) {
                String key = reference.keys().get(i);
                Target target = reference.targets().get(i);
                UUID id = key == null ? null : ids.get(target.resource().key() + '\u0000' + key);
                if (id != null) {
                    reference.reference().remove("link");
                    ObjectNode link = reference.reference().putObject("link");
                    link.put("rel", target.via().resourceName());
                    link.put(
                            "href",
                            target.resource().path() + "/" + id.toString().replace("-", ""));
                    break;
                }
            }
        }
        List<String> linked = new ArrayList<>(parsed.size());
        for (JsonNode node : parsed) {
            try {
                linked.add(mapper.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A rendered item cannot be written back as JSON", e);
            }
        }
        return linked;
    }

    private JsonNode parse(String item) {
        return StoredJson.parse(reader, item);
    }

    /** The ids of the referenced items known here, by resource and natural key (joined by a NUL). */
    private static Map<String, UUID> ids(Connection c, List<Pending> pending) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> resources = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Pending reference : pending) {
            for (int i = 0; i < reference.targets().size(); i++) {
                String key = reference.keys().get(i);
                String resource = reference.targets().get(i).resource().key();
                if (key != null && wanted.add(resource + '\u0000' + key)) {
                    resources.add(resource);
                    keys.add(key);
                }
            }
        }
        Map<String, UUID> ids = new HashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        List<Map.Entry<String, UUID>> found = Sql.list(
                c,
                "WITH wanted AS (SELECT * FROM unnest(?::text[], ?::text[]) AS w(resource, natural_key))"
                        + " SELECT d.resource, d.natural_key, d.id FROM document d"
                        + " JOIN wanted w ON d.resource = w.resource AND d.natural_key = w.natural_key"
                        + " UNION ALL SELECT r.resource, r.natural_key, r.id FROM replica_item r"
                        + " JOIN wanted w ON r.resource = w.resource AND r.natural_key = w.natural_key",
                rs -> Map.entry(rs.getString(1) + '\u0000' + rs.getString(2), rs.getObject(3, UUID.class)),
                Sql.array(c, "text", resources.toArray()),
                Sql.array(c, "text", keys.toArray()));
        found.forEach(entry -> ids.putIfAbsent(entry.getKey(), entry.getValue()));
        return ids;
    }

    /** The references of a resource that may point to a resource of the hub's subset. */
    private List<Linkable> linkable(ResourceDefinition resource) {
        List<Linkable> references = new ArrayList<>();
        for (ReferenceDeclaration declaration : resource.references()) {
            List<Target> targets = new ArrayList<>();
            for (ReferenceTarget via : declaration.targets()) {
                ResourceDefinition target = catalog.find(via.resource());
                if (target != null) {
                    targets.add(new Target(via, target));
                }
            }
            if (!targets.isEmpty()) {
                references.add(new Linkable(declaration, List.copyOf(targets)));
            }
        }
        return List.copyOf(references);
    }
}
