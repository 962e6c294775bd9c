package org.statehub.conflict.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;

/**
 * The fields on which LEAs may disagree about one student, how each is read from what an organization reported
 * (its report of the student, or its SEOA), compared (case, spacing and order do not count) and written back.
 */
public final class ReportedFields {

    /** Where a field's values come from. */
    public enum Source {
        REPORT,
        SEOA
    }

    /** The compared fields, by their name in the worklist. */
    @RequiredArgsConstructor
    public enum Field {
        FIRST_NAME("firstName", Source.REPORT),
        LAST_SURNAME("lastSurname", Source.REPORT),
        BIRTH_DATE("birthDate", Source.REPORT),
        SEX("sex", Source.SEOA),
        RACES("races", Source.SEOA),
        HISPANIC_LATINO_ETHNICITY("hispanicLatinoEthnicity", Source.SEOA),
        ENGLISH_LEARNER("englishLearner", Source.SEOA),
        HOMELESS("homeless", Source.SEOA);

        private final String key;
        private final Source source;

        public String key() {
            return key;
        }

        public Source source() {
            return source;
        }

        public static Field of(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** One organization's report of the student, or its SEOA (the Ed-Fi body), and since when. */
    public record Reported(long educationOrganizationId, String reportedAt, JsonNode body) {}

    /** One organization's value of a field. {@code normalized} is what is compared. */
    public record Competing(
            JsonNode value, String normalized, long educationOrganizationId, String reportedAt, Source source) {}

    private static final String HOMELESS_CODE = "#homeless";

    private ReportedFields() {}

    /** Every organization's value of every field it reported, by field (organizations in id order). */
    public static Map<Field, List<Competing>> competing(List<Reported> reports, List<Reported> seoas) {
        Map<Field, List<Competing>> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            List<Competing> list = new ArrayList<>();
            for (Reported reported : field.source() == Source.REPORT ? reports : seoas) {
                JsonNode value = value(field, reported.body());
                if (value != null) {
                    list.add(new Competing(
                            value,
                            normalize(value),
                            reported.educationOrganizationId(),
                            reported.reportedAt(),
                            field.source()));
                }
            }
            list.sort(Comparator.comparingLong(Competing::educationOrganizationId));
            values.put(field, list);
        }
        return values;
    }

    /** The distinct normalized values. */
    public static Set<String> distinct(List<Competing> competing) {
        Set<String> values = new TreeSet<>();
        competing.forEach(c -> values.add(c.normalized()));
        return values;
    }

    /** The field's value in a body, or null when the body does not report it. */
    public static JsonNode value(Field field, JsonNode body) {
        return switch (field) {
            case FIRST_NAME, LAST_SURNAME, BIRTH_DATE -> text(body.get(field.key()));
            case SEX -> text(body.get("sexDescriptor"));
            case ENGLISH_LEARNER -> text(body.get("limitedEnglishProficiencyDescriptor"));
            case HISPANIC_LATINO_ETHNICITY -> {
                JsonNode v = body.get("hispanicLatinoEthnicity");
                yield v != null && v.isBoolean() ? v : null;
            }
            case RACES -> {
                TreeSet<String> races = new TreeSet<>();
                for (JsonNode race : body.path("races")) {
                    if (race.path("raceDescriptor").isTextual()) {
                        races.add(race.path("raceDescriptor").asText());
                    }
                }
                if (races.isEmpty()) {
                    yield null;
                }
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                races.forEach(array::add);
                yield array;
            }
            case HOMELESS -> {
                // Ed-Fi: a characteristic that is present is true; an organization that reports characteristics
                // but not this one says "not homeless"; one that reports none says nothing
                JsonNode characteristics = body.path("studentCharacteristics");
                if (!characteristics.isArray() || characteristics.isEmpty()) {
                    yield null;
                }
                yield BooleanNode.valueOf(homelessDescriptor(body) != null);
            }
        };
    }

    /** The Homeless characteristic's descriptor in an SEOA, or null. */
    public static String homelessDescriptor(JsonNode seoa) {
        for (JsonNode c : seoa.path("studentCharacteristics")) {
            String descriptor = c.path("studentCharacteristicDescriptor").asText("");
            if (descriptor.toLowerCase(Locale.ROOT).endsWith(HOMELESS_CODE)) {
                return descriptor;
            }
        }
        return null;
    }

    /** What is compared: text trimmed, spaces collapsed, lower case; sets in order. */
    public static String normalize(JsonNode value) {
        if (value.isArray()) {
            TreeSet<String> parts = new TreeSet<>();
            value.forEach(v -> parts.add(normalize(v)));
            return String.join("|", parts);
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        return value.asText().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the chosen value of the field into a body (a student for report fields, an SEOA for the others);
     * returns whether the body changed. {@code homelessDescriptor} is the descriptor to add when "homeless" is
     * chosen and the SEOA lacks it.
     */
    public static boolean write(Field field, ObjectNode body, JsonNode chosen, String homelessDescriptor) {
        JsonNode current = value(field, body);
        if (current != null && normalize(current).equals(normalize(chosen))) {
            return false;
        }
        switch (field) {
            case FIRST_NAME, LAST_SURNAME, BIRTH_DATE -> body.set(field.key(), chosen);
            case SEX -> body.set("sexDescriptor", chosen);
            case ENGLISH_LEARNER -> body.set("limitedEnglishProficiencyDescriptor", chosen);
            case HISPANIC_LATINO_ETHNICITY -> body.set("hispanicLatinoEthnicity", chosen);
            case RACES -> {
                ArrayNode races = body.putArray("races");
                Set<String> seen = new LinkedHashSet<>();
                chosen.forEach(r -> seen.add(r.asText()));
                seen.forEach(r -> races.addObject().put("raceDescriptor", r));
            }
            case HOMELESS -> {
                ArrayNode characteristics = body.has("studentCharacteristics")
                                && body.get("studentCharacteristics").isArray()
                        ? (ArrayNode) body.get("studentCharacteristics")
                        : body.putArray("studentCharacteristics");
                if (chosen.asBoolean()) {
                    if (homelessDescriptor == null) {
                        return false;
                    }
                    characteristics.addObject().put("studentCharacteristicDescriptor", homelessDescriptor);
                } else {
                    for (Iterator<JsonNode> it = characteristics.iterator(); it.hasNext(); ) {
                        String d = it.next()
                                .path("studentCharacteristicDescriptor")
                                .asText("");
                        if (d.toLowerCase(Locale.ROOT).endsWith(HOMELESS_CODE)) {
                            it.remove();
                        }
                    }
                }
            }
        }
        return true;
    }

    private static JsonNode text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? TextNode.valueOf(node.asText()) : null;
    }
}
