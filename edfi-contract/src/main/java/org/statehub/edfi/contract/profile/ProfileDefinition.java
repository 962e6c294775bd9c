package org.statehub.edfi.contract.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * An Ed-Fi API profile (docs/decisions/0020, part 2): for each resource it covers, what a client assigned the
 * profile may read ({@code readable}) and write ({@code writable}), as {@link MemberSelection}s over the resource's
 * JSON members. Read from the ODS's profile XML by {@link ProfileXml} and checked against the catalog there, so
 * that a definition the hub holds always names members the contract has.
 *
 * @param name      the profile's name, as clients name it in media types (compared without regard to case)
 * @param resources by the resource's catalog key ({@code schools})
 */
public record ProfileDefinition(String name, Map<String, ResourceProfile> resources) {

    /**
     * One resource of a profile: its readable and its writable content, either absent when the profile does not
     * allow that use (a read-only or write-only profile of the resource).
     */
    public record ResourceProfile(
            String resourceKey, Optional<MemberSelection> readable, Optional<MemberSelection> writable) {}

    /** The resource's part of the profile, if the profile covers it. */
    public Optional<ResourceProfile> resource(String resourceKey) {
        return Optional.ofNullable(resources.get(resourceKey));
    }

    /** The name as it appears in media types ({@code application/vnd.ed-fi.school.{name}.readable+json}). */
    public String mediaTypeName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The media type that names a profile for a resource:
     * {@code application/vnd.ed-fi.{resource}.{profile}.{usage}+json}, names in lower case as the ODS/API writes them.
     *
     * @param usage {@code readable} or {@code writable}
     */
    public static String mediaType(ResourceDefinition resource, String profileName, String usage) {
        return "application/vnd.ed-fi." + resource.resourceName().toLowerCase(Locale.ROOT) + "."
                + profileName.toLowerCase(Locale.ROOT) + "." + usage + "+json";
    }

    /** The resources covered, by catalog key. */
    public List<String> resourceKeys() {
        return List.copyOf(resources.keySet());
    }
}
