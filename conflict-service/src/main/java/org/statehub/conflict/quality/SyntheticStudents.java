package org.statehub.conflict.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.statehub.conflict.matching.Names;
import org.statehub.conflict.matching.Nicknames;
import org.statehub.conflict.matching.StudentRecord;
import org.statehub.conflict.matching.StudentRecord.Sex;

/**
 * A labelled population for measuring the matcher: distinct people (half Hispanic names, often two surnames
 * written with a space or a hyphen, half Anglo names, a long tail of rare surnames, birth dates 2006-2020 so
 * that many share one), extra records of some of them with realistic corruptions (the duplicates), and twins
 * and siblings: different people with the same surname and the same (twins) or a close (siblings) birth date,
 * who must NOT be matched. Every record carries the id of the person it describes. Deterministic for a seed.
 *
 * <p>The rates are fixed here, documented in {@code docs/BENCHMARKS.md}, and were not fitted to the matcher.
 */
public final class SyntheticStudents {

    /** Share of records that are an extra record of a person already present (a duplicate). */
    public static final double DUPLICATE_SHARE = 0.10;
    /** Share of records that are a twin (same surname and birth date, other first name) of someone present. */
    public static final double TWIN_SHARE = 0.02;
    /** Share of records that are a sibling (same surname, birth 1 to 6 years apart) of someone present. */
    public static final double SIBLING_SHARE = 0.02;

    // corruptions of a duplicate, each drawn independently
    public static final double FIRST_NAME_TYPO = 0.15;
    public static final double LAST_NAME_TYPO = 0.15;
    public static final double NICKNAME = 0.15;
    public static final double DAY_MONTH_SWAP = 0.08;
    public static final double BIRTH_DATE_DIGIT = 0.04;
    /** For people with two surnames: the other record writes them with the other separator (space/hyphen). */
    public static final double HYPHENATION_CHANGE = 0.25;
    /** For people with two surnames: the other record keeps only the first surname. */
    public static final double SECOND_SURNAME_DROPPED = 0.25;

    public static final double NAMES_TRANSPOSED = 0.03;
    public static final double MIDDLE_NAME_MISSING = 0.30;
    public static final double MIDDLE_NAME_INITIAL = 0.10;
    public static final double SEX_MISSING = 0.10;

    /**
     * The rates of the corruptions of a duplicate (each drawn independently). {@link #STANDARD}: the constants
     * above. {@link #HARSH}: those and what real data adds (issue 18 item 5): a whole first name replaced (the
     * person goes by the middle name or another name), a whole surname replaced (a parent's other surname), OCR-like
     * misreadings of a name, a second error in a name that already has one, birth dates with two or three wrong
     * digits, and first and last names swapped more often. Rates chosen from the kinds of error, not fitted to
     * the matcher.
     */
    public record Corruptions(
            String name,
            double namesTransposed,
            double firstNameReplaced,
            double lastNameReplaced,
            double ocr,
            double secondTypo,
            double birthDateDigits) {

        public static final Corruptions STANDARD = new Corruptions("standard", NAMES_TRANSPOSED, 0, 0, 0, 0, 0);
        public static final Corruptions HARSH = new Corruptions("harsh", 0.06, 0.05, 0.05, 0.10, 0.30, 0.04);

        /** STANDARD or HARSH by name. */
        public static Corruptions named(String name) {
            return switch (name) {
                case "standard" -> STANDARD;
                case "harsh" -> HARSH;
                default -> throw new IllegalArgumentException("corruptions: standard or harsh, not " + name);
            };
        }
    }

    private final Random random;
    private final Nicknames nicknames;
    private final Corruptions corruptions;
    private final List<Person> people = new ArrayList<>();
    private int nextStudentId = 100_000_000;

    /** A person, and whether their surname has two parts. */
    record Person(
            int id,
            String first,
            String middle,
            String last,
            boolean twoSurnames,
            boolean hispanic,
            LocalDate birthDate,
            Sex sex) {}

    /** One generated record: the student as some LEA reports it, the person it is, and what was changed. */
    public record Labelled(StudentRecord record, int personId, List<String> corruptions) {}

    public SyntheticStudents(long seed, Nicknames nicknames) {
        this(seed, nicknames, Corruptions.STANDARD);
    }

    public SyntheticStudents(long seed, Nicknames nicknames, Corruptions corruptions) {
        this.random = new Random(seed);
        this.nicknames = nicknames;
        this.corruptions = corruptions;
    }

    /** {@code count} records in random order: originals, duplicates, twins and siblings at the shares above. */
    public List<Labelled> generate(int count) {
        List<Labelled> records = new ArrayList<>(count);
        int duplicates = (int) Math.round(count * DUPLICATE_SHARE);
        int twins = (int) Math.round(count * TWIN_SHARE);
        int siblings = (int) Math.round(count * SIBLING_SHARE);
        int originals = count - duplicates - twins - siblings;
        int firstPerson = people.size();
        for (int i = 0; i < originals; i++) {
            records.add(original(newPerson()));
        }
        int span = people.size() - firstPerson;
        for (int i = 0; i < twins; i++) {
            records.add(original(relativeOf(people.get(firstPerson + random.nextInt(span)), true)));
        }
        for (int i = 0; i < siblings; i++) {
            records.add(original(relativeOf(people.get(firstPerson + random.nextInt(span)), false)));
        }
        for (int i = 0; i < duplicates; i++) {
            records.add(duplicate(people.get(firstPerson + random.nextInt(span))));
        }
        Collections.shuffle(records, random);
        return records;
    }

    /** Extra records of people generated before (duplicates of an indexed population), labelled. */
    public List<Labelled> duplicatesOfExisting(int count) {
        List<Labelled> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(duplicate(people.get(random.nextInt(people.size()))));
        }
        return records;
    }

    private Person newPerson() {
        boolean hispanic = random.nextBoolean();
        Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
        String first = given(hispanic, sex);
        if (hispanic && random.nextDouble() < 0.08) {
            first = first + " " + given(true, sex); // Juan Carlos, Maria Fernanda
        }
        String middle = random.nextDouble() < (hispanic ? 0.3 : 0.7) ? given(hispanic, sex) : null;
        String last = surname(hispanic);
        boolean two = hispanic && random.nextDouble() < 0.45;
        if (two) {
            String second = surname(true);
            while (second.equals(last)) {
                second = surname(true);
            }
            last = last + (random.nextDouble() < 0.6 ? " " : "-") + second;
        }
        LocalDate birth = LocalDate.of(2006, 1, 1).plusDays(random.nextInt(15 * 365 + 3));
        Person p = new Person(people.size(), first, middle, last, two, hispanic, birth, sex);
        people.add(p);
        return p;
    }

    /** A twin (same birth date) or a sibling (1 to 6 years apart): same surname, another first name. */
    private Person relativeOf(Person p, boolean twin) {
        Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
        String first = given(p.hispanic(), sex);
        while (Names.fold(first).equals(Names.fold(p.first()))
                || nicknames.same(Names.fold(first), Names.fold(p.first()))) {
            first = given(p.hispanic(), sex);
        }
        String middle = random.nextDouble() < (p.hispanic() ? 0.3 : 0.7) ? given(p.hispanic(), sex) : null;
        LocalDate birth = twin
                ? p.birthDate()
                : p.birthDate().plusDays((random.nextBoolean() ? 1 : -1) * (365L + random.nextInt(5 * 365)));
        Person relative = new Person(people.size(), first, middle, p.last(), p.twoSurnames(), p.hispanic(), birth, sex);
        people.add(relative);
        return relative;
    }

    private String given(boolean hispanic, Sex sex) {
        return NamePools.draw(
                hispanic
                        ? (sex == Sex.FEMALE ? NamePools.HISPANIC_FEMALE : NamePools.HISPANIC_MALE)
                        : (sex == Sex.FEMALE ? NamePools.ANGLO_FEMALE : NamePools.ANGLO_MALE),
                random);
    }

    private String surname(boolean hispanic) {
        if (random.nextDouble() < 0.25) {
            return NamePools.rareSurname(random);
        }
        return NamePools.draw(hispanic ? NamePools.HISPANIC_SURNAMES : NamePools.ANGLO_SURNAMES, random);
    }

    private Labelled original(Person p) {
        return new Labelled(
                new StudentRecord(null, nextId(), p.first(), p.middle(), p.last(), p.birthDate(), p.sex()),
                p.id(),
                List.of());
    }

    private String nextId() {
        return Integer.toString(nextStudentId++);
    }

    /** Another record of the person, as another LEA might have it: a new id and the corruptions drawn. */
    private Labelled duplicate(Person p) {
        List<String> applied = new ArrayList<>();
        String first = p.first();
        String middle = p.middle();
        String last = p.last();
        LocalDate birth = p.birthDate();
        Sex sex = p.sex();
        if (random.nextDouble() < NICKNAME) {
            List<String> options = new ArrayList<>(nicknames.nicknamesOf(Names.fold(first)));
            Collections.sort(options);
            if (!options.isEmpty()) {
                first = capitalized(options.get(random.nextInt(options.size())));
                applied.add("nickname");
            }
        }
        if (drawn(corruptions.firstNameReplaced())) {
            String other = middle != null && middle.length() > 1 ? middle : given(p.hispanic(), p.sex());
            if (!Names.fold(other).equals(Names.fold(first))) {
                first = other;
                applied.add("first-name-replaced");
            }
        }
        first = misspelled(first, FIRST_NAME_TYPO, "first-name", applied);
        if (p.twoSurnames()) {
            double r = random.nextDouble();
            if (r < SECOND_SURNAME_DROPPED) {
                last = last.split("[ -]")[0];
                applied.add("second-surname-dropped");
            } else if (r < SECOND_SURNAME_DROPPED + HYPHENATION_CHANGE) {
                last = last.contains("-") ? last.replace('-', ' ') : last.replace(' ', '-');
                applied.add("hyphenation-changed");
            }
        }
        if (drawn(corruptions.lastNameReplaced())) {
            String other = surname(p.hispanic());
            if (!Names.fold(other).equals(Names.fold(last))) {
                last = other;
                applied.add("last-name-replaced");
            }
        }
        last = misspelled(last, LAST_NAME_TYPO, "last-name", applied);
        if (random.nextDouble() < DAY_MONTH_SWAP
                && birth.getDayOfMonth() <= 12
                && birth.getDayOfMonth() != birth.getMonthValue()) {
            birth = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue());
            applied.add("day-month-swapped");
        }
        if (random.nextDouble() < BIRTH_DATE_DIGIT) {
            birth = digitError(birth);
            applied.add("birth-date-digit");
        }
        if (drawn(corruptions.birthDateDigits())) {
            int digits = 2 + random.nextInt(2);
            for (int i = 0; i < digits; i++) {
                birth = digitError(birth);
            }
            applied.add("birth-date-digits");
        }
        if (middle != null) {
            double r = random.nextDouble();
            if (r < MIDDLE_NAME_MISSING) {
                middle = null;
                applied.add("middle-name-missing");
            } else if (r < MIDDLE_NAME_MISSING + MIDDLE_NAME_INITIAL) {
                middle = middle.substring(0, 1);
                applied.add("middle-name-initial");
            }
        }
        if (random.nextDouble() < corruptions.namesTransposed()) {
            String t = first;
            first = last;
            last = t;
            applied.add("names-transposed");
        }
        if (random.nextDouble() < SEX_MISSING) {
            sex = null;
            applied.add("sex-missing");
        }
        return new Labelled(new StudentRecord(null, nextId(), first, middle, last, birth, sex), p.id(), applied);
    }

    /**
     * Whether a corruption of this rate happens; a rate of 0 draws nothing, so the standard corruptions give the
     * same records for a seed as before the harsh ones existed.
     */
    private boolean drawn(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    /**
     * A name with the typing errors drawn for it ({@code rate}; with {@link Corruptions#secondTypo} a second one
     * in the same name) and an OCR-like misreading ({@link Corruptions#ocr}), each labelled {@code field-...}.
     */
    private String misspelled(String name, double rate, String field, List<String> applied) {
        if (random.nextDouble() < rate) {
            name = Typos.apply(name, random);
            applied.add(field + "-typo");
            if (drawn(corruptions.secondTypo())) {
                name = Typos.apply(name, random);
                applied.add(field + "-second-typo");
            }
        }
        if (drawn(corruptions.ocr())) {
            String misread = Typos.misread(name, random);
            if (!misread.equalsIgnoreCase(name)) {
                name = misread;
                applied.add(field + "-ocr");
            }
        }
        return name;
    }

    /** One digit of the day (or of the year's last digit) replaced, keeping a valid date. */
    private LocalDate digitError(LocalDate d) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                if (random.nextBoolean()) {
                    int day = d.getDayOfMonth();
                    int changed = random.nextBoolean()
                            ? (day / 10) * 10 + random.nextInt(10)
                            : random.nextInt(4) * 10 + day % 10;
                    if (changed != day && changed >= 1) {
                        return d.withDayOfMonth(changed);
                    }
                } else {
                    int year = d.getYear();
                    int changed = (year / 10) * 10 + random.nextInt(10);
                    if (changed != year) {
                        return d.withYear(changed);
                    }
                }
            } catch (java.time.DateTimeException invalid) {
                // try another digit
            }
        }
        return d.plusDays(1);
    }

    private static String capitalized(String folded) {
        StringBuilder b = new StringBuilder(folded.toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < b.length(); i++) {
            if (i == 0 || b.charAt(i - 1) == ' ' || b.charAt(i - 1) == '-') {
                b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
            }
        }
        return b.toString();
    }
}
