package org.statehub.edfi.contract;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of the contract's URLs in their canonical case, for matching a request without regard to case as the
 * ODS/API does: every project's segment ({@code ed-fi}, an extension's {@code sample}), every resource's URL segment ({@code students}, {@code sexDescriptors}), the segments under a
 * resource ({@code deletes}, {@code keyChanges}, {@code partitions}), the change queries, and every query
 * parameter name (paging, change versions, GET-by-example fields). {@link #routes()} are the path templates
 * (hub-http's {@code RouteVocabulary} form: {@code {set}} one word of {@link #sets()}, {@code *} an item id,
 * never changed) that the services and the gateway serve.
 *
 * @param projects   the first segment of every resource's path: {@code ed-fi} and the extension projects' endpoint
 *                   names
 * @param resources  the URL segment of every resource and descriptor
 * @param queryNames every query parameter name of the Ed-Fi paths
 */
public record UrlWords(Set<String> projects, Set<String> resources, Set<String> queryNames) {

    /** The segments served under a resource's URL besides an item's id ({@code reports}: a hub extension). */
    public static final List<String> RESOURCE_SEGMENTS = List.of("deletes", "keyChanges", "partitions", "reports");

    /** The paths under {@code /changeQueries/v1} ({@code changedResources}, {@code checkpoints}: hub extensions). */
    public static final List<String> CHANGE_QUERIES =
            List.of("availableChangeVersions", "changedResources", "checkpoints");

    /**
     * Query parameter names of paging, change queries and partitions (as the ODS/API spells them), the
     * correlation id, and the hub's audit extension.
     */
    public static final List<String> COMMON_QUERY_NAMES = List.of(
            "offset",
            "limit",
            "totalCount",
            "minChangeVersion",
            "maxChangeVersion",
            "pageToken",
            "pageSize",
            "number",
            "correlationId",
            "clientId",
            "resource",
            "id",
            "since");

    /** The Ed-Fi paths, most specific first. */
    public static final List<String> ROUTES = List.of(
            "data/v3/{project}/{resource}",
            "data/v3/{project}/{resource}/{resourceSegment}",
            "data/v3/{project}/{resource}/*",
            "bulk/v1/{project}/{resource}",
            "changeQueries/v1/{changeQuery}",
            "audit/v1/accesses");

    /** The words of every resource of the catalog. */
    public static UrlWords of(ResourceCatalog catalog) {
        return of(catalog.all());
    }

    static UrlWords of(Collection<ResourceDefinition> definitions) {
        Set<String> projects = new TreeSet<>(Set.of(ResourceDefinition.CORE));
        Set<String> resources = new TreeSet<>();
        Set<String> queryNames = new TreeSet<>(COMMON_QUERY_NAMES);
        for (ResourceDefinition definition : definitions) {
            projects.add(definition.project());
            resources.add(definition.segment());
            definition.queryParameters().values().forEach(p -> queryNames.add(p.name()));
        }
        return new UrlWords(Set.copyOf(projects), Set.copyOf(resources), Set.copyOf(queryNames));
    }

    /** The named word sets {@link #ROUTES} use. */
    public Map<String, Collection<String>> sets() {
        return Map.of(
                "project",
                projects,
                "resource",
                resources,
                "resourceSegment",
                RESOURCE_SEGMENTS,
                "changeQuery",
                CHANGE_QUERIES);
    }

    /** The Ed-Fi paths, most specific first. */
    public List<String> routes() {
        return ROUTES;
    }
}
