package org.statehub.simulator.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.statehub.simulator.domain.Change;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.domain.DistrictSpec;
import org.statehub.simulator.domain.Fault;
import org.statehub.simulator.domain.ResourceType;

/**
 * Reads the admin API's JSON bodies strictly (unknown members, wrong types and bad dates are refused with a
 * reason) and writes its answers.
 */
final class AdminBodies {

    private static final Map<String, Set<String>> CHANGE_MEMBERS = Map.of(
            "rename", Set.of("studentUniqueId", "firstName", "lastSurname", "middleName"),
            "birthDate", Set.of("studentUniqueId", "birthDate"),
            "move", Set.of("studentUniqueId", "schoolId"),
            "entryDate", Set.of("studentUniqueId", "entryDate"),
            "withdraw", Set.of("studentUniqueId", "exitWithdrawDate", "exitWithdrawTypeDescriptor"),
            "noShow", Set.of("studentUniqueId"),
            "delete", Set.of("resource", "sourceId"),
            "addStudents", Set.of("count"));

    /** A member that cannot be read; the message says why. */
    private static final class BadMember extends RuntimeException {
        BadMember(String reason) {
            super(reason, null, false, false);
        }
    }

    private AdminBodies() {}

    static JsonNode parse(ObjectMapper mapper, String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw Problems.badRequest("The request needs a JSON body.");
            }
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw Problems.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    // ---- district --------------------------------------------------------------------------------------------

    /** The spec of a PUT: the given members, the current district's values for the others. */
    static DistrictSpec spec(JsonNode body, DistrictSpec current) {
        try {
            requireObject(body, "the body");
            onlyMembers(body, "the body", Set.of("seed", "students", "leaId", "schoolYear", "extensions"));
            long seed = integer(body, "seed", current.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
            long students = integer(body, "students", current.students(), Long.MIN_VALUE, Long.MAX_VALUE);
            long leaId = integer(body, "leaId", current.leaId(), Long.MIN_VALUE, Long.MAX_VALUE);
            long schoolYear = integer(body, "schoolYear", current.schoolYear(), Long.MIN_VALUE, Long.MAX_VALUE);
            List<String> extensions = new java.util.ArrayList<>(current.extensions());
            if (body.has("extensions")) {
                JsonNode given = body.get("extensions");
                boolean names = given.isArray();
                for (JsonNode e : given) {
                    names &= e.isTextual();
                }
                if (!names) {
                    throw new BadMember("extensions must be an array of extension project names such as [\"sample\"]");
                }
                extensions.clear();
                given.forEach(e -> extensions.add(e.asText()));
            }
            List<String> problems = new java.util.ArrayList<>(DistrictSpec.problems(students, leaId, schoolYear));
            problems.addAll(DistrictSpec.unknownExtensions(extensions));
            if (!problems.isEmpty()) {
                throw new BadMember(String.join("; ", problems));
            }
            return new DistrictSpec(seed, (int) students, (int) leaId, (int) schoolYear, extensions);
        } catch (BadMember e) {
            throw Problems.badRequest(e.getMessage());
        }
    }

    static Map<String, Object> district(District district, Fault fault) {
        Map<String, Object> body = new LinkedHashMap<>();
        DistrictSpec spec = district.spec();
        body.put("seed", spec.seed());
        body.put("students", spec.students());
        body.put("leaId", spec.leaId());
        body.put("schoolYear", spec.schoolYear());
        body.put("extensions", spec.extensions());
        body.put("schools", district.visibleCount(ResourceType.SCHOOLS));
        body.put("addedStudents", district.addedStudents());
        body.put("changes", district.changeCount());
        body.put("fault", fault(fault));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (ResourceType type : ResourceType.values()) {
            counts.put(type.path(), district.visibleCount(type));
        }
        body.put("counts", counts);
        return body;
    }

    // ---- faults ----------------------------------------------------------------------------------------------

    static Fault fault(JsonNode body) {
        try {
            requireObject(body, "the body");
            onlyMembers(body, "the body", Set.of("mode", "delaySeconds", "requests"));
            String name = text(body, "mode", true);
            Fault.Mode mode = Fault.Mode.byWireName(name)
                    .orElseThrow(() -> new BadMember(
                            "unknown mode '" + name + "' (one of none, down, slow, error, truncate, malformed)"));
            long delay = integer(body, "delaySeconds", Fault.DEFAULT_DELAY_SECONDS, 0, Fault.MAX_DELAY_SECONDS);
            Integer requests = body.has("requests") ? (int) integer(body, "requests", 0, 1, Integer.MAX_VALUE) : null;
            if (mode == Fault.Mode.NONE) {
                return Fault.NONE;
            }
            return new Fault(mode, mode == Fault.Mode.SLOW ? (int) delay : 0, requests);
        } catch (BadMember e) {
            throw Problems.badRequest(e.getMessage());
        }
    }

    static Map<String, Object> fault(Fault fault) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", fault.mode().wireName());
        if (fault.mode() == Fault.Mode.SLOW) {
            body.put("delaySeconds", fault.delaySeconds());
        }
        if (fault.remaining() != null) {
            body.put("requests", fault.remaining());
        }
        return body;
    }

    // ---- changes ---------------------------------------------------------------------------------------------

    /** One change object or an array of them; a bad one is refused with its index. */
    static List<Change> changes(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
            if (items.isEmpty()) {
                throw Problems.badRequest("The array of changes is empty.");
            }
        } else {
            items.add(body);
        }
        List<Change> changes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                changes.add(change(items.get(i)));
            } catch (BadMember e) {
                throw Problems.badChange(i, e.getMessage());
            }
        }
        return changes;
    }

    private static Change change(JsonNode node) {
        requireObject(node, "a change");
        String op = text(node, "op", true);
        Set<String> members = CHANGE_MEMBERS.get(op);
        if (members == null) {
            throw new BadMember("unknown op '" + op + "' (one of "
                    + String.join(
                            ", ", CHANGE_MEMBERS.keySet().stream().sorted().toList()) + ")");
        }
        Set<String> allowed = new java.util.HashSet<>(members);
        allowed.add("op");
        onlyMembers(node, "op " + op, allowed);
        return switch (op) {
            case "rename" ->
                new Change.Rename(
                        text(node, "studentUniqueId", true),
                        text(node, "firstName", false),
                        text(node, "lastSurname", false),
                        text(node, "middleName", false));
            case "birthDate" -> new Change.BirthDate(text(node, "studentUniqueId", true), date(node, "birthDate"));
            case "move" ->
                new Change.Move(
                        text(node, "studentUniqueId", true), integer(node, "schoolId", null, 1, Integer.MAX_VALUE));
            case "entryDate" -> new Change.EntryDate(text(node, "studentUniqueId", true), date(node, "entryDate"));
            case "withdraw" ->
                new Change.Withdraw(
                        text(node, "studentUniqueId", true),
                        date(node, "exitWithdrawDate"),
                        text(node, "exitWithdrawTypeDescriptor", true));
            case "noShow" -> new Change.NoShow(text(node, "studentUniqueId", true));
            case "delete" -> {
                String resource = text(node, "resource", true);
                ResourceType type = ResourceType.byPath(resource)
                        .orElseThrow(() -> new BadMember("unknown resource '" + resource + "'"));
                yield new Change.Delete(type, text(node, "sourceId", true));
            }
            case "addStudents" -> new Change.AddStudents((int) integer(node, "count", null, 1, Integer.MAX_VALUE));
            default -> throw new BadMember("unknown op '" + op + "'");
        };
    }

    // ---- members ---------------------------------------------------------------------------------------------

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new BadMember(what + " must be a JSON object");
        }
    }

    private static void onlyMembers(JsonNode node, String where, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadMember("unknown member '" + name + "' in " + where + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String member, boolean required) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadMember("missing member '" + member + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadMember("member '" + member + "' must be a string");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String member, Number otherwise, long min, long max) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (otherwise == null) {
                throw new BadMember("missing member '" + member + "'");
            }
            return otherwise.longValue();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadMember("member '" + member + "' must be an integer");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw new BadMember("member '" + member + "' must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    private static LocalDate date(JsonNode node, String member) {
        String text = text(node, member, true);
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new BadMember("member '" + member + "' must be a date yyyy-MM-dd, was '" + text + "'");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadMember("member '" + member + "' is not a valid date: '" + text + "'");
        }
    }
}
