package org.statehub.edfi.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.profile.MemberSelection;
import org.statehub.edfi.contract.profile.ProfileDefinition;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * Which Ed-Fi API profile a read uses (docs/decisions/0020, part 2; the ODS/API's rules as its tests show them): the
 * one named by a profile media type in {@code Accept} ({@code application/vnd.ed-fi.{resource}.{profile}.readable+json}),
 * else the client's one assigned profile that covers the resource, else none. Every refusal of the decision's status
 * table is an {@link Outcome.Refused} with its problem; {@link DataResource} maps the outcomes to HTTP in one place.
 */
final class ProfileResolution {

    /** Where a media type names a profile: {@code application/vnd.ed-fi.} and anything after it. */
    static final String PREFIX = "application/vnd.ed-fi.";

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("application/vnd\\.ed-fi\\.([a-z0-9]+)\\.([a-z0-9_-]{1,100})\\.(readable|writable)\\+json");

    /** What the API adds to every item it answers; kept whatever a profile selects. */
    private static final Set<String> ITEM_MEMBERS = Set.of("id", "_etag", "_lastModifiedDate");

    private ProfileResolution() {}

    /** What a read answers under the resolved profile. */
    sealed interface Outcome {

        /** The item (JSON text) as this outcome lets the client read it. */
        default String filter(ObjectMapper mapper, String json) {
            return json;
        }

        /** The answer's media type when a profile applies. */
        default Optional<String> mediaType() {
            return Optional.empty();
        }

        /** No profile applies: items as stored. */
        record Unfiltered() implements Outcome {}

        /** The profile's readable content applies; the answer's {@code Content-Type} is {@code type}. */
        record Readable(String profile, MemberSelection selection, String type) implements Outcome {

            /**
             * The item (JSON text) with only what the profile lets the client read; the members every item has
             * ({@code id}, {@code _etag}, {@code _lastModifiedDate}) are not the profile's to select and stay.
             */
            @Override
            public String filter(ObjectMapper mapper, String json) {
                try {
                    ObjectNode item = (ObjectNode) mapper.readTree(json);
                    ObjectNode selected = item.deepCopy();
                    selection.apply(selected);
                    List<String> names = new ArrayList<>();
                    item.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        if (selected.has(name)) {
                            item.set(name, selected.get(name));
                        } else if (!ITEM_MEMBERS.contains(name)) {
                            item.remove(name);
                        }
                    }
                    return mapper.writeValueAsString(item);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("A stored item is not valid JSON", e);
                }
            }

            @Override
            public Optional<String> mediaType() {
                return Optional.of(type);
            }
        }

        /** The request's use of profiles is refused with this problem. */
        record Refused(Problem problem) implements Outcome {}
    }

    /** The readable media type of a profile for a resource (names in lower case, as the ODS/API writes them). */
    static String readable(ResourceDefinition resource, String profile) {
        return PREFIX + resource.resourceName().toLowerCase(Locale.ROOT) + "." + profile.toLowerCase(Locale.ROOT)
                + ".readable+json";
    }

    /**
     * The profile a GET of {@code resource} uses, given its {@code Accept} header and the caller's assigned
     * profiles (see {@link AssignedProfiles}).
     */
    static Outcome forRead(ResourceDefinition resource, String accept, List<AssignedProfiles.Assigned> assigned) {
        Optional<String> named = profileMediaType(accept);
        if (named.isEmpty()) {
            return implicit(resource, assigned);
        }
        Matcher parts = MEDIA_TYPE.matcher(named.get());
        if (!parts.matches()) {
            return invalid("The format of the profile-based content type header was invalid.");
        }
        String resourceWord = parts.group(1);
        String profile = parts.group(2);
        if (!resourceWord.equalsIgnoreCase(resource.resourceName())) {
            return invalid("The resource specified by the profile-based content type ('" + resourceWord
                    + "') does not match the requested resource ('" + resource.resourceName() + "').");
        }
        if (parts.group(3).equals("writable")) {
            return invalid("A profile-based content type that is writable cannot be used with GET requests.");
        }
        if (assigned.isEmpty()) {
            return notSupported(profile);
        }
        Optional<AssignedProfiles.Assigned> chosen = assigned.stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(profile))
                .findFirst();
        if (chosen.isEmpty()) {
            return new Outcome.Refused(Problems.dataPolicyIncorrectUsage(required(resource, assigned)));
        }
        if (chosen.get().unusable()) {
            return notSupported(profile);
        }
        return apply(resource, chosen.get().definition().get());
    }

    /** Without a profile media type: the one assigned profile that covers the resource, if exactly one does. */
    private static Outcome implicit(ResourceDefinition resource, List<AssignedProfiles.Assigned> assigned) {
        List<ProfileDefinition> covering = covering(resource, assigned);
        return switch (covering.size()) {
            case 0 -> new Outcome.Unfiltered();
            case 1 -> apply(resource, covering.get(0));
            default -> new Outcome.Refused(Problems.dataPolicyIncorrectUsage(required(resource, assigned)));
        };
    }

    /** The profile's readable content for the resource, or why it has none. */
    private static Outcome apply(ResourceDefinition resource, ProfileDefinition profile) {
        Optional<ProfileDefinition.ResourceProfile> part = profile.resource(resource.key());
        if (part.isEmpty()) {
            return invalid("The resource '" + resource.resourceName() + "' is not accessible through the '"
                    + profile.name() + "' profile specified by the content type.");
        }
        if (part.get().readable().isEmpty()) {
            return new Outcome.Refused(Problems.methodNotAllowed("The allowed methods for this resource with the '"
                    + profile.name() + "' profile are PUT, POST, DELETE and OPTIONS."));
        }
        return new Outcome.Readable(profile.name(), part.get().readable().get(), readable(resource, profile.name()));
    }

    /**
     * Whether a write (POST, PUT, a bulk upsert) of the resource may go ahead for a caller with these assigned
     * profiles. Until profiles apply to writes (docs/decisions/0020, step 10), a resource an assigned profile covers
     * is read-only for the caller, answered as the ODS answers a write under a profile without writable content
     * (405): a write replaces the item with what was sent, so an item read through the profile and sent back would
     * lose the members the profile hides. DELETE sends no item and stays allowed; a profile that does not fit the
     * service's catalog applies to nothing, reads included.
     */
    static Optional<Problem> forWrite(ResourceDefinition resource, List<AssignedProfiles.Assigned> assigned) {
        List<ProfileDefinition> covering = covering(resource, assigned);
        if (covering.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problems.methodNotAllowed("The allowed methods for this resource with the '"
                + covering.get(0).name() + "' profile are GET, DELETE and OPTIONS: this host does not apply profiles "
                + "to writes yet, and a write would remove the members the profile hides."));
    }

    /** The usable assigned profiles that cover the resource (for reading or writing), in assignment order. */
    private static List<ProfileDefinition> covering(
            ResourceDefinition resource, List<AssignedProfiles.Assigned> assigned) {
        List<ProfileDefinition> covering = new ArrayList<>();
        for (AssignedProfiles.Assigned profile : assigned) {
            profile.definition()
                    .filter(definition -> definition.resource(resource.key()).isPresent())
                    .ifPresent(covering::add);
        }
        return covering;
    }

    /** The 403's text: the readable media types the caller's assignments allow for this resource. */
    private static String required(ResourceDefinition resource, List<AssignedProfiles.Assigned> assigned) {
        List<String> types = covering(resource, assigned).stream()
                .filter(profile -> profile.resource(resource.key())
                        .flatMap(ProfileDefinition.ResourceProfile::readable)
                        .isPresent())
                .map(profile -> "'" + readable(resource, profile.name()) + "'")
                .toList();
        if (types.isEmpty()) {
            return "Based on profile assignments, this resource is requested without a profile-specific content type.";
        }
        return "Based on profile assignments, one of the following profile-specific content types is required when "
                + "requesting this resource: " + types.stream().collect(Collectors.joining(", "));
    }

    /** The first media range of {@code Accept} that names a profile (lower case, parameters dropped), if any. */
    static Optional<String> profileMediaType(String accept) {
        if (accept == null) {
            return Optional.empty();
        }
        for (String range : accept.split(",")) {
            int parameters = range.indexOf(';');
            String type = (parameters < 0 ? range : range.substring(0, parameters))
                    .trim()
                    .toLowerCase(Locale.ROOT);
            if (type.startsWith(PREFIX)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static Outcome invalid(String error) {
        return new Outcome.Refused(Problems.invalidProfileUsage(400, error));
    }

    private static Outcome notSupported(String profile) {
        return new Outcome.Refused(Problems.invalidProfileUsage(
                406,
                "The profile '" + profile + "' specified by the content type in the 'Accept' header is not supported "
                        + "by this host."));
    }
}
