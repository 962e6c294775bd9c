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
 * Which Ed-Fi API profile a request uses (docs/decisions/0020, part 2; the ODS/API's rules as its tests show them):
 * the one named by a profile media type, in {@code Accept} for a read
 * ({@code application/vnd.ed-fi.{resource}.{profile}.readable+json}), in {@code Content-Type} for a write
 * ({@code ...writable+json}), else the client's one assigned profile that covers the resource, else none. Every
 * refusal of the decision's status table is a {@link Resolved.Refused} with its problem; {@link DataResource} and
 * {@link BulkResource} map the outcomes to HTTP.
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
        return mediaType(resource, profile, Use.GET);
    }

    private static String mediaType(ResourceDefinition resource, String profile, Use use) {
        return ProfileDefinition.mediaType(resource, profile, use.usage);
    }

    /** What a request does with a profile: read ({@code Accept}) or write ({@code Content-Type}). */
    enum Use {
        GET("readable", "Accept", 406, "PUT, POST, DELETE and OPTIONS"),
        POST("writable", "Content-Type", 415, "GET, DELETE and OPTIONS"),
        PUT("writable", "Content-Type", 415, "GET, DELETE and OPTIONS");

        /** The usage word of the media types this use takes. */
        final String usage;

        /** The header that names the profile. */
        final String header;

        /** The status of a profile this host does not support (the ODS/API: 406 for reads, 415 for writes). */
        final int unsupported;

        /** The methods a profile without content for this use allows. */
        final String otherMethods;

        Use(String usage, String header, int unsupported, String otherMethods) {
            this.usage = usage;
            this.header = header;
            this.unsupported = unsupported;
            this.otherMethods = otherMethods;
        }

        boolean reads() {
            return this == GET;
        }
    }

    /** The profile a request uses: none, one (with its content for the request's use), or the refusal. */
    sealed interface Resolved {

        /** No profile applies. */
        record None() implements Resolved {}

        /** The profile {@code profile} applies with its content for the request's use. */
        record Applied(String profile, MemberSelection selection) implements Resolved {}

        /** The request's use of profiles is refused with this problem. */
        record Refused(Problem problem) implements Resolved {}
    }

    /**
     * The profile a GET of {@code resource} uses, given its {@code Accept} header and the caller's assigned
     * profiles (see {@link AssignedProfiles}).
     */
    static Outcome forRead(ResourceDefinition resource, String accept, List<AssignedProfiles.Assigned> assigned) {
        return switch (resolve(resource, profileMediaType(accept), Use.GET, assigned)) {
            case Resolved.None none -> new Outcome.Unfiltered();
            case Resolved.Applied applied ->
                new Outcome.Readable(applied.profile(), applied.selection(), readable(resource, applied.profile()));
            case Resolved.Refused refused -> new Outcome.Refused(refused.problem());
        };
    }

    /**
     * The profile a write ({@code use} POST, a bulk upsert included, or PUT) of {@code resource} is made under,
     * given its {@code Content-Type} and the caller's assigned profiles: the writable media type it names, else the
     * one assigned profile that covers the resource, else none (docs/decisions/0020, part 2).
     */
    static Resolved forWrite(
            ResourceDefinition resource, String contentType, Use use, List<AssignedProfiles.Assigned> assigned) {
        return resolve(resource, profileMediaType(contentType), use, assigned);
    }

    /** The decision's status table, for reads and writes alike. */
    private static Resolved resolve(
            ResourceDefinition resource, Optional<String> named, Use use, List<AssignedProfiles.Assigned> assigned) {
        if (named.isEmpty()) {
            return implicit(resource, use, assigned);
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
        if (!parts.group(3).equals(use.usage)) {
            return invalid("A profile-based content type that is " + parts.group(3) + " cannot be used with "
                    + use.name() + " requests.");
        }
        if (assigned.isEmpty()) {
            return notSupported(profile, use);
        }
        Optional<AssignedProfiles.Assigned> chosen = assigned.stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(profile))
                .findFirst();
        if (chosen.isEmpty()) {
            return new Resolved.Refused(Problems.dataPolicyIncorrectUsage(required(resource, use, assigned)));
        }
        if (chosen.get().unusable()) {
            return notSupported(profile, use);
        }
        return apply(resource, use, chosen.get().definition().get());
    }

    /** Without a profile media type: the one assigned profile that covers the resource, if exactly one does. */
    private static Resolved implicit(ResourceDefinition resource, Use use, List<AssignedProfiles.Assigned> assigned) {
        List<ProfileDefinition> covering = covering(resource, assigned);
        return switch (covering.size()) {
            case 0 -> new Resolved.None();
            case 1 -> apply(resource, use, covering.get(0));
            default -> new Resolved.Refused(Problems.dataPolicyIncorrectUsage(required(resource, use, assigned)));
        };
    }

    /** The profile's content for the resource and the use, or why it has none. */
    private static Resolved apply(ResourceDefinition resource, Use use, ProfileDefinition profile) {
        Optional<ProfileDefinition.ResourceProfile> part = profile.resource(resource.key());
        if (part.isEmpty()) {
            return invalid("The resource '" + resource.resourceName() + "' is not accessible through the '"
                    + profile.name() + "' profile specified by the content type.");
        }
        Optional<MemberSelection> content = content(part.get(), use);
        if (content.isEmpty()) {
            return new Resolved.Refused(Problems.methodNotAllowed("The allowed methods for this resource with the '"
                    + profile.name() + "' profile are " + use.otherMethods + "."));
        }
        return new Resolved.Applied(profile.name(), content.get());
    }

    private static Optional<MemberSelection> content(ProfileDefinition.ResourceProfile part, Use use) {
        return use.reads() ? part.readable() : part.writable();
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

    /** The 403's text: the media types of the use that the caller's assignments allow for this resource. */
    private static String required(ResourceDefinition resource, Use use, List<AssignedProfiles.Assigned> assigned) {
        List<String> types = covering(resource, assigned).stream()
                .filter(profile -> profile.resource(resource.key())
                        .flatMap(part -> content(part, use))
                        .isPresent())
                .map(profile -> "'" + mediaType(resource, profile.name(), use) + "'")
                .toList();
        if (types.isEmpty()) {
            return "Based on profile assignments, this resource is requested without a profile-specific content type.";
        }
        return "Based on profile assignments, one of the following profile-specific content types is required when "
                + "requesting this resource: " + types.stream().collect(Collectors.joining(", "));
    }

    /**
     * The first media range of an {@code Accept} header, or the {@code Content-Type}, that names a profile (lower case,
     * parameters dropped), if any.
     */
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

    private static Resolved invalid(String error) {
        return new Resolved.Refused(Problems.invalidProfileUsage(400, error));
    }

    private static Resolved notSupported(String profile, Use use) {
        return new Resolved.Refused(Problems.invalidProfileUsage(
                use.unsupported,
                "The profile '" + profile + "' specified by the content type in the '" + use.header + "' header is "
                        + "not supported by this host."));
    }
}
