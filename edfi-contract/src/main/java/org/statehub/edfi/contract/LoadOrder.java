package org.statehub.edfi.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The order in which the contract's resources can be loaded, computed from the references and descriptor members
 * of {@code resources.json} as the Ed-Fi ODS/API's {@code /metadata/data/v3/dependencies} computes it: a resource
 * depends on every resource and descriptor it references (a self-reference aside); a resource that references a
 * student depends instead on {@code studentSchoolAssociations} (a student is reached through an enrollment), and one
 * that references a contact on {@code studentContactAssociations}; then group 1 is every resource that depends on
 * nothing, group 2 every resource that depends only on group 1, and so on, each group listed by its path. So
 * enrollments come after students, and SEOAs, contact associations and attendance events after enrollments.
 */
public final class LoadOrder {

    /** One resource's place: its catalog key, its contract path, its group (1 is loaded first). */
    public record Place(String resource, String path, int group) {}

    /** Ed-Fi's person-authorization rule: a reference to the first is a dependency on the second. */
    private static final Map<String, String> REACHED_THROUGH =
            Map.of("Student", "StudentSchoolAssociation", "Contact", "StudentContactAssociation");

    private static final Comparator<ResourceDefinition> BY_PATH = Comparator.comparing(
                    ResourceDefinition::path, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ResourceDefinition::path);

    private final List<Place> places;
    private final Map<String, Place> byResource = new HashMap<>();

    private LoadOrder(List<Place> places) {
        this.places = List.copyOf(places);
        places.forEach(place -> byResource.put(place.resource(), place));
    }

    /** The load order of these resources; references to resources not among them are not dependencies. */
    public static LoadOrder of(Collection<ResourceDefinition> resources) {
        Map<String, ResourceDefinition> byName = new LinkedHashMap<>();
        resources.forEach(r -> byName.put(r.resourceName(), r));
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (ResourceDefinition resource : resources) {
            Set<String> needs = new LinkedHashSet<>();
            for (ReferenceDeclaration reference : resource.references()) {
                reference.targets().forEach(target -> needs.add(target.resourceName()));
            }
            resource.descriptors().forEach(member -> needs.add(member.descriptor()));
            Set<String> direct = new LinkedHashSet<>();
            for (String target : needs) {
                String through = REACHED_THROUGH.get(target);
                direct.add(through != null && !through.equals(resource.resourceName()) ? through : target);
            }
            direct.remove(resource.resourceName());
            direct.retainAll(byName.keySet());
            dependsOn.put(resource.resourceName(), direct);
        }
        List<Place> places = new ArrayList<>();
        Set<String> loaded = new LinkedHashSet<>();
        for (int group = 1; loaded.size() < byName.size(); group++) {
            List<ResourceDefinition> ready = byName.values().stream()
                    .filter(r -> !loaded.contains(r.resourceName()))
                    .filter(r -> loaded.containsAll(dependsOn.get(r.resourceName())))
                    .sorted(BY_PATH)
                    .toList();
            if (ready.isEmpty()) {
                List<String> left = new ArrayList<>(byName.keySet());
                left.removeAll(loaded);
                throw new IllegalStateException("The contract's references form a cycle among " + left);
            }
            for (ResourceDefinition resource : ready) {
                places.add(new Place(resource.key(), resource.path(), group));
            }
            ready.forEach(r -> loaded.add(r.resourceName()));
        }
        return new LoadOrder(places);
    }

    /** Every resource in load order: by group, each group by path. */
    public List<Place> places() {
        return places;
    }

    /** The group of the resource with this catalog key, or empty when it is not in the contract. */
    public OptionalInt group(String resource) {
        Place place = byResource.get(resource);
        return place == null ? OptionalInt.empty() : OptionalInt.of(place.group());
    }

    /** These resources (catalog keys of the contract) in load order. */
    public List<String> sorted(Collection<String> resources) {
        List<String> sorted = new ArrayList<>();
        for (Place place : places) {
            if (resources.contains(place.resource())) {
                sorted.add(place.resource());
            }
        }
        if (sorted.size() != new LinkedHashSet<>(resources).size()) {
            List<String> unknown = new ArrayList<>(resources);
            unknown.removeAll(sorted);
            throw new IllegalArgumentException("Not resources of the contract: " + unknown);
        }
        return sorted;
    }

    /** These resources in load order, each with its group. */
    public Map<String, Integer> groups(Collection<String> resources) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        sorted(resources)
                .forEach(resource ->
                        groups.put(resource, byResource.get(resource).group()));
        return groups;
    }
}
