package org.statehub.conflict.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.domain.ReportedFields.Competing;
import org.statehub.conflict.domain.ReportedFields.Field;
import org.statehub.conflict.domain.ReportedFields.Reported;

class ReportedFieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static Reported report(long org, String body) throws Exception {
        return new Reported(org, "2026-11-22T10:00:00Z", json(body));
    }

    @Test
    void namesDifferingOnlyInCaseAndSpacingAgreeAndOthersDisagree() throws Exception {
        Map<Field, List<Competing>> values = ReportedFields.competing(
                List.of(
                        report(
                                2,
                                "{\"firstName\":\"Ana  Maria\",\"lastSurname\":\"Diaz\",\"birthDate\":\"2010-01-02\"}"),
                        report(
                                1,
                                "{\"firstName\":\" ana maria\",\"lastSurname\":\"Díaz\",\"birthDate\":\"2010-02-01\"}")),
                List.of());
        assertThat(ReportedFields.distinct(values.get(Field.FIRST_NAME))).containsExactly("ana maria");
        assertThat(ReportedFields.distinct(values.get(Field.LAST_SURNAME))).hasSize(2);
        assertThat(ReportedFields.distinct(values.get(Field.BIRTH_DATE))).hasSize(2);
        // organizations in id order, each value as reported
        assertThat(values.get(Field.FIRST_NAME))
                .extracting(Competing::educationOrganizationId)
                .containsExactly(1L, 2L);
        assertThat(values.get(Field.FIRST_NAME).get(0).value().asText()).isEqualTo(" ana maria");
        // nothing reported: nothing competes
        assertThat(values.get(Field.SEX)).isEmpty();
    }

    @Test
    void seoaFieldsCompareAsSetsAndAbsentValuesSayNothing() throws Exception {
        Map<Field, List<Competing>> values =
                ReportedFields.competing(List.of(), List.of(report(1, """
                        {"sexDescriptor":"uri://ed-fi.org/SexDescriptor#Female","hispanicLatinoEthnicity":true,
                         "races":[{"raceDescriptor":"uri://ed-fi.org/RaceDescriptor#White"},
                                  {"raceDescriptor":"uri://ed-fi.org/RaceDescriptor#Asian"}],
                         "limitedEnglishProficiencyDescriptor":"uri://ed-fi.org/LimitedEnglishProficiencyDescriptor#Limited",
                         "studentCharacteristics":[{"studentCharacteristicDescriptor":"uri://ed-fi.org/StudentCharacteristicDescriptor#Homeless"}]}
                        """), report(2, """
                        {"sexDescriptor":"uri://ed-fi.org/SexDescriptor#female",
                         "races":[{"raceDescriptor":"uri://ed-fi.org/RaceDescriptor#Asian"},
                                  {"raceDescriptor":"uri://ed-fi.org/RaceDescriptor#White"}],
                         "limitedEnglishProficiencyDescriptor":"uri://ed-fi.org/LimitedEnglishProficiencyDescriptor#NotLimited",
                         "studentCharacteristics":[{"studentCharacteristicDescriptor":"uri://ed-fi.org/StudentCharacteristicDescriptor#Migratory"}]}
                        """), report(3, "{}")));
        assertThat(ReportedFields.distinct(values.get(Field.SEX))).hasSize(1);
        assertThat(ReportedFields.distinct(values.get(Field.RACES))).hasSize(1);
        assertThat(values.get(Field.HISPANIC_LATINO_ETHNICITY)).hasSize(1); // only one organization says
        assertThat(ReportedFields.distinct(values.get(Field.ENGLISH_LEARNER))).hasSize(2);
        // organization 2 reports characteristics without Homeless: "not homeless"; organization 3 says nothing
        assertThat(values.get(Field.HOMELESS))
                .extracting(c -> c.educationOrganizationId() + "=" + c.normalized())
                .containsExactly("1=true", "2=false");
    }

    @Test
    void writingAChosenValueChangesOnlyWhatDiffers() throws Exception {
        ObjectNode seoa = (ObjectNode) json("""
                {"sexDescriptor":"uri://ed-fi.org/SexDescriptor#Male",
                 "studentCharacteristics":[{"studentCharacteristicDescriptor":"uri://ed-fi.org/StudentCharacteristicDescriptor#Migratory"}]}
                """);
        assertThat(ReportedFields.write(Field.SEX, seoa, json("\"uri://ed-fi.org/SexDescriptor#male\""), null))
                .isFalse();
        assertThat(ReportedFields.write(Field.SEX, seoa, json("\"uri://ed-fi.org/SexDescriptor#Female\""), null))
                .isTrue();
        assertThat(seoa.get("sexDescriptor").asText()).isEqualTo("uri://ed-fi.org/SexDescriptor#Female");
        String homeless = "uri://ed-fi.org/StudentCharacteristicDescriptor#Homeless";
        assertThat(ReportedFields.write(Field.HOMELESS, seoa, json("true"), homeless))
                .isTrue();
        assertThat(ReportedFields.homelessDescriptor(seoa)).isEqualTo(homeless);
        assertThat(ReportedFields.write(Field.HOMELESS, seoa, json("false"), homeless))
                .isTrue();
        assertThat(ReportedFields.homelessDescriptor(seoa)).isNull();
        assertThat(seoa.get("studentCharacteristics")).hasSize(1);
        assertThat(ReportedFields.write(Field.RACES, seoa, json("[\"uri://ed-fi.org/RaceDescriptor#Asian\"]"), null))
                .isTrue();
        assertThat(seoa.get("races").toString())
                .isEqualTo("[{\"raceDescriptor\":\"uri://ed-fi.org/RaceDescriptor#Asian\"}]");
    }
}
