package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.matching.StudentRecord.Sex;

class BlockingTest {

    private final Matcher matcher = Matcher.standard();

    private PreparedStudent student(String first, String last, String birth) {
        return matcher.prepare(new StudentRecord(
                null,
                first + last + birth,
                first,
                null,
                last,
                birth == null ? null : LocalDate.parse(birth),
                Sex.FEMALE));
    }

    private static Set<String> shared(PreparedStudent a, PreparedStudent b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return keys;
    }

    @Test
    void eachCorruptionKeepsAtLeastOneSharedKey() {
        PreparedStudent original = student("Guadalupe", "Hernandez Soto", "2011-04-09");
        List<PreparedStudent> variants = List.of(
                student("Guadalupe", "Hernandes Soto", "2011-04-09"), // typo in a surname
                student("Guadalpe", "Hernandez Soto", "2011-04-09"), // typo in the first name
                student("Guadalupe", "Hernandez Soto", "2011-09-04"), // day and month swapped
                student("Guadalupe", "Hernandez-Soto", "2011-04-09"), // hyphenated
                student("Guadalupe", "Hernandez", "2011-04-19"), // second surname dropped, one digit
                student("Lupe", "Hernandez Soto", "2011-04-09"), // nickname
                student("Hernandez", "Guadalupe", "2011-04-09"), // transposed
                student("Guadalupe", "Fernandez Soto", "2012-04-09")); // other surname letter and year
        for (PreparedStudent variant : variants) {
            assertThat(shared(original, variant))
                    .as(variant.record().toString())
                    .isNotEmpty();
        }
    }

    @Test
    void aDateAndItsDayMonthSwapShareTheBirthDateKey() {
        assertThat(shared(student("Ann", "Lee", "2010-03-07"), student("Zoe", "Kim", "2010-07-03")))
                .containsExactly("D|2010|03|07");
    }

    @Test
    void aStudentIsComparedOnlyWithTheStudentsOfItsBlocks() {
        BlockingIndex index = new BlockingIndex(matcher, 1000);
        PreparedStudent sameSurnameYear = student("Olivia", "Quintero", "2010-05-12");
        PreparedStudent sameDate = student("Brenda", "Walker", "2010-02-05");
        PreparedStudent unrelated = student("Brenda", "Walker", "2015-08-21");
        PreparedStudent otherYear = student("Olivia", "Quintero", "2013-11-30");
        int a = index.add(sameSurnameYear);
        int b = index.add(sameDate);
        index.add(unrelated);
        index.add(otherYear);
        PreparedStudent probe = student("Oliva", "Quintero", "2010-05-02");
        assertThat(index.candidates(probe)).containsExactly(a, b);
        BlockingIndex.Lookup lookup = index.find(probe, Matcher.DEFAULT_THRESHOLD);
        assertThat(lookup.compared()).isEqualTo(2);
        assertThat(lookup.matches()).extracting(BlockingIndex.Match::position).containsExactly(a);
    }

    @Test
    void aGiantBlockIsSkippedAndTheNarrowerKeysStillFindTheDuplicate() {
        BlockingIndex index = new BlockingIndex(matcher, 5);
        for (int i = 0; i < 20; i++) { // twenty students born the same day: a giant birth-date block
            index.add(student("Name" + (char) ('A' + i), "Surname" + (char) ('A' + i), "2012-06-15"));
        }
        int target = index.add(student("Marisol", "Villanueva", "2012-06-15"));
        PreparedStudent probe = student("Marisol", "Villaneuva", "2012-06-15");
        int[] candidates = index.candidates(probe);
        assertThat(candidates).containsExactly(target);
        assertThat(index.find(probe, Matcher.DEFAULT_THRESHOLD).skippedBlocks()).isEqualTo(1);
    }

    @Test
    void theWorkOfALookupIsBoundedByTheBlockCapWhateverTheIndexSize() {
        int cap = 50;
        BlockingIndex index = new BlockingIndex(matcher, cap);
        for (int i = 0; i < 20_000; i++) { // everyone shares surname, year and month with the probe
            index.add(student("Given" + i, "Smith", "2010-01-" + (1 + i % 28 < 10 ? "0" : "") + (1 + i % 28)));
        }
        PreparedStudent probe = student("Emma", "Smith", "2010-01-09");
        assertThat(index.candidates(probe).length)
                .isLessThanOrEqualTo(cap * BlockingKeys.of(probe).size());
    }

    @Test
    void withoutABirthDateTheNamesAreTheKey() {
        assertThat(BlockingKeys.of(student("Lucia", "Campos", null))).allMatch(k -> k.startsWith("N|"));
        assertThat(shared(student("Lucia", "Campos", null), student("Luzia", "Kampos", null)))
                .isNotEmpty();
    }
}
