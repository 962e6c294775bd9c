package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.DescriptorMember;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/**
 * One vendor record → what the hub should hold: vendor codes mapped to descriptor URIs (per connection and
 * school year; an unmapped code holds the record, it is never guessed), the state's rules applied, the natural key
 * and a content hash computed. Extension members ({@code _ext}) go with the record, their descriptors mapped as the
 * core's (the contract's descriptor members include them); an extension project or member the hub does not serve
 * holds the record ({@link ExtensionMembers}).
 */
public final class RecordPreparer {

    /** What became of a record. */
    public sealed interface Outcome {
        String sourceId();
    }

    /** To be sent (if new or changed). */
    public record Ready(String sourceId, String naturalKey, ObjectNode keyValues, ObjectNode body, String hash)
            implements Outcome {}

    /**
     * Present at the source but not sendable now: what the hub holds for it stays as it is. {@code record}: the
     * record as sent, kept with its data error to be prepared again on a retry; null when it must not be (it could
     * only be stored altered).
     */
    public record Held(String sourceId, String kind, String code, String message, ObjectNode record)
            implements Outcome {}

    /** Present at the source, outside the connection's school years: left alone, nothing reported. */
    public record OutOfScope(String sourceId) implements Outcome {}

    /** Not reported to the state under its rules (e.g. a no-show enrollment): absent for the hub. */
    public record NotReported(String sourceId) implements Outcome {}

    private final ObjectMapper mapper;
    private final SisConnection connection;
    private final Map<String, String> mappings; // descriptor|code|year -> uri
    private final Map<String, long[]> seen = new java.util.HashMap<>(); // descriptor|code|year -> records

    /** Whether the school years a record belongs to are the scope-year rule's ({@link RecordYears}), not its date's. */
    private final boolean yearsByRule;

    public RecordPreparer(ObjectMapper mapper, SisConnection connection, List<ConnectionStore.Mapping> mappings) {
        this(mapper, connection, mappings, false);
    }

    /**
     * A preparer; {@code yearsByRule} (a deployment with school years): a dated record outside the connection's
     * school years is not left out here, the scope-year rule decides ({@link RecordYears}).
     */
    public RecordPreparer(
            ObjectMapper mapper,
            SisConnection connection,
            List<ConnectionStore.Mapping> mappings,
            boolean yearsByRule) {
        this.yearsByRule = yearsByRule;
        this.mapper = mapper;
        this.connection = connection;
        this.mappings = new java.util.HashMap<>();
        for (ConnectionStore.Mapping m : mappings) {
            this.mappings.put(m.descriptor() + '|' + m.vendorCode() + '|' + m.schoolYear(), m.uri());
        }
    }

    public Outcome prepare(ResourceDefinition resource, ObjectNode record) {
        JsonNode source = record.remove("sourceId");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            return new Held(
                    null,
                    "invalid-record",
                    "no-source-id",
                    "The record has no sourceId, so it cannot be " + "tracked.",
                    record);
        }
        String sourceId = source.asText();
        // held without the record: it could only be kept altered, and a retry would publish the altered values
        if (sourceId.indexOf('\0') >= 0) {
            return new Held(
                    null,
                    "invalid-record",
                    NUL,
                    "The record's sourceId contains a NUL character (U+0000), "
                            + "which the hub cannot store, so the record cannot be tracked.",
                    null);
        }
        String nul = nulAt(record, "$");
        if (nul != null) {
            return new Held(
                    sourceId,
                    "invalid-record",
                    NUL,
                    "The record's " + nul + " contains a NUL character "
                            + "(U+0000), which the hub cannot store; correct it at the source.",
                    null);
        }
        ExtensionMembers.Problem extension =
                ExtensionMembers.check(resource, record).orElse(null);
        if (extension != null) {
            return new Held(sourceId, "invalid-record", extension.code(), extension.message(), record);
        }
        Integer schoolYear;
        try {
            schoolYear = schoolYear(resource, record);
        } catch (DateTimeParseException e) {
            return new Held(
                    sourceId,
                    "invalid-record",
                    "invalid-date",
                    "A date of the record is not a valid date: " + e.getParsedString(),
                    record);
        }
        if (!yearsByRule && schoolYear != null && !connection.schoolYears().contains(schoolYear)) {
            return new OutOfScope(sourceId);
        }
        ObjectNode body = record.deepCopy();
        List<String> unmapped = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (DescriptorMember member : resource.descriptors()) {
            String leaf = member.path().leaf();
            member.path().parent().select(body, (path, parent) -> {
                if (!(parent instanceof ObjectNode object) || !object.hasNonNull(leaf)) {
                    return;
                }
                String code = object.get(leaf).asText();
                if (!code.startsWith("uri://")) {
                    seen.computeIfAbsent(
                                    member.descriptor() + '|' + code + '|' + (schoolYear == null ? 0 : schoolYear),
                                    k -> new long[1])[0]++;
                }
                String uri = map(member.descriptor(), code, schoolYear);
                if (uri == null) {
                    unmapped.add(member.descriptor() + " '" + code + "'");
                    codes.add(member.descriptor() + "=" + code);
                } else {
                    object.put(leaf, uri);
                }
            });
        }
        if (!unmapped.isEmpty()) {
            return new Held(
                    sourceId,
                    "unmapped-code",
                    String.join(",", codes),
                    "No mapping for "
                            + String.join(", ", unmapped)
                            + (schoolYear == null ? "" : " (school year " + schoolYear + ")") + ".",
                    record);
        }
        if (!reported(resource, body)) {
            return new NotReported(sourceId);
        }
        applyNameRule(resource, body);
        ArrayNode key = mapper.createArrayNode();
        ObjectNode keyValues = mapper.createObjectNode();
        for (KeyField field : resource.identity()) {
            JsonNode value = field.path().get(body);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                return new Held(
                        sourceId,
                        "invalid-record",
                        "missing-" + field.name(),
                        "The record has no " + field.name() + ", part of its " + resource.resourceName() + " key.",
                        record);
            }
            key.add(value);
            keyValues.set(field.name(), value);
        }
        return new Ready(sourceId, key.toString(), keyValues, body, hash(canonical(body)));
    }

    /** The code of a record held because it contains a NUL character. */
    static final String NUL = "nul-character";

    /** The path of the first member name or string of {@code node} with a NUL character, or null when none has. */
    static String nulAt(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulAt(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                if (name.indexOf('\0') >= 0) {
                    return path + " member name '" + name.replace('\0', '\uFFFD') + "'";
                }
                String found = nulAt(member.getValue(), path + "." + name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The vendor values seen so far: descriptor, code, school year (0: undated) and how many records. */
    public List<ConnectionStore.Seen> seen() {
        List<ConnectionStore.Seen> all = new ArrayList<>();
        seen.forEach((key, count) -> {
            String[] parts = key.split("\\|", 3);
            all.add(new ConnectionStore.Seen(parts[0], parts[1], Integer.parseInt(parts[2]), count[0]));
        });
        return all;
    }

    private String map(String descriptor, String code, Integer schoolYear) {
        if (code.startsWith("uri://")) {
            return code; // already a descriptor URI
        }
        String uri = schoolYear == null ? null : mappings.get(descriptor + '|' + code + '|' + schoolYear);
        return uri != null ? uri : mappings.get(descriptor + '|' + code + "|0");
    }

    /** The school year (07-01..06-30, named by its ending year) a dated record belongs to, or null. */
    static Integer schoolYear(ResourceDefinition resource, JsonNode record) {
        return switch (resource.key()) {
            case "sessions", "calendars" ->
                record.path("schoolYearTypeReference").path("schoolYear").canConvertToInt()
                        ? record.path("schoolYearTypeReference")
                                .path("schoolYear")
                                .asInt()
                        : null;
            case "studentSchoolAssociations" -> yearOf(record.path("entryDate").asText(null));
            case "studentSchoolAttendanceEvents" ->
                yearOf(record.path("eventDate").asText(null));
            default -> null;
        };
    }

    private static Integer yearOf(String date) {
        if (date == null) {
            return null;
        }
        LocalDate day = LocalDate.parse(date);
        return day.getMonthValue() >= 7 ? day.getYear() + 1 : day.getYear();
    }

    /**
     * State rules: a no-show enrollment is not reported, nor anything of a school or calendar the state excludes
     * (the connection's {@code excludedSchoolIds} and {@code excludedCalendarCodes}).
     */
    private boolean reported(ResourceDefinition resource, JsonNode body) {
        if (resource.key().equals("studentSchoolAssociations")
                && body.path("exitWithdrawTypeDescriptor").asText("").endsWith("#No show")) {
            return false;
        }
        JsonNode school = resource.key().equals("schools")
                ? body.path("schoolId")
                : body.path("schoolReference").path("schoolId");
        if (school.canConvertToLong() && connection.excludedSchoolIds().contains(school.asLong())) {
            return false;
        }
        JsonNode calendar = resource.key().equals("calendars")
                ? body.path("calendarCode")
                : body.path("calendarReference").path("calendarCode");
        return !(calendar.isTextual() && connection.excludedCalendarCodes().contains(calendar.asText()));
    }

    /** State rule: legal names unless the connection prefers the names students go by. */
    private void applyNameRule(ResourceDefinition resource, ObjectNode body) {
        if (!connection.preferLegalNames()
                && resource.key().equals("students")
                && body.hasNonNull("preferredFirstName")) {
            body.put("firstName", body.get("preferredFirstName").asText());
        }
    }

    /**
     * The body's JSON with every object's members in name order: the content hash must not change with the order
     * in which a vendor (or PostgreSQL's JSONB, from which held records are read back) lists members.
     */
    static String canonical(JsonNode node) {
        StringBuilder text = new StringBuilder();
        canonical(node, text);
        return text.toString();
    }

    private static void canonical(JsonNode node, StringBuilder text) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            text.append('{');
            for (int i = 0; i < names.size(); i++) {
                text.append(i == 0 ? "" : ",")
                        .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)))
                        .append(':');
                canonical(node.get(names.get(i)), text);
            }
            text.append('}');
        } else if (node.isArray()) {
            text.append('[');
            for (int i = 0; i < node.size(); i++) {
                text.append(i == 0 ? "" : ",");
                canonical(node.get(i), text);
            }
            text.append(']');
        } else {
            text.append(node.toString());
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
