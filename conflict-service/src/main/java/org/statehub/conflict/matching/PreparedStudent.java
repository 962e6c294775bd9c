package org.statehub.conflict.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A student folded once for many comparisons: names upper-cased without accents, surname parts split, phonetic
 * codes and the given names the first name stands for (nickname groups) computed. Made by {@link Matcher#prepare}.
 */
public final class PreparedStudent {

    final StudentRecord record;
    final String first; // folded, words separated by one space
    final List<String> firstWords;
    final String firstJoined; // without separators
    final Set<String> firstGroups; // the given names it stands for (itself included)
    final Set<String> firstAliases; // every name the table makes equal to it (groups and their nicknames)
    final String middle;
    final String middleJoined;
    final List<String> lastParts; // distinguishing parts (no particles)
    final String lastJoined; // parts joined
    final String lastAllJoined; // every word joined (particles kept): DE LA ROSA = DELAROSA
    final List<String> lastPartCodes;
    final String firstCode;
    final LocalDate birthDate;
    final java.util.Map<String, String[]> codes; // Double Metaphone codes of the name words compared by sound

    PreparedStudent(StudentRecord record, Nicknames nicknames) {
        this.record = record;
        String f = Names.fold(record.firstName());
        this.firstWords = Names.words(f);
        this.first = String.join(" ", firstWords);
        this.firstJoined = String.join("", firstWords);
        Set<String> groups = new LinkedHashSet<>();
        if (!first.isEmpty()) {
            groups.addAll(nicknames.groups(first));
            groups.addAll(nicknames.groups(firstWords.get(0)));
        }
        this.firstGroups = Set.copyOf(groups);
        Set<String> aliases = new LinkedHashSet<>(groups);
        for (String g : groups) {
            aliases.addAll(nicknames.nicknamesOf(g));
        }
        this.firstAliases = Set.copyOf(aliases);
        List<String> middleWords = Names.words(Names.fold(record.middleName()));
        this.middle = String.join(" ", middleWords);
        this.middleJoined = String.join("", middleWords);
        String l = Names.fold(record.lastSurname());
        this.lastParts = List.copyOf(Names.surnameParts(l));
        this.lastJoined = String.join("", lastParts);
        this.lastAllJoined = String.join("", Names.words(l));
        List<String> codes = new ArrayList<>();
        for (String part : lastParts) {
            String code = Phonetics.code(part);
            if (!code.isEmpty() && !codes.contains(code)) {
                codes.add(code);
            }
        }
        this.lastPartCodes = List.copyOf(codes);
        this.firstCode = Phonetics.code(firstJoined);
        this.birthDate = record.birthDate();
        java.util.Map<String, String[]> c = new java.util.HashMap<>();
        for (String name : firstWords) {
            c.put(name, Phonetics.codes(name));
        }
        c.put(firstJoined, Phonetics.codes(firstJoined));
        for (String name : lastParts) {
            c.put(name, Phonetics.codes(name));
        }
        c.put(lastAllJoined, Phonetics.codes(lastAllJoined));
        this.codes = java.util.Map.copyOf(c);
    }

    /** The codes of one of this student's name words (computed if not kept). */
    String[] codes(String name) {
        String[] found = codes.get(name);
        return found != null ? found : Phonetics.codes(name);
    }

    public StudentRecord record() {
        return record;
    }

    /** The folded first name (words separated by one space): what name frequencies count. */
    public String foldedFirstName() {
        return first;
    }

    /** Surname parts as the matcher sees them (what name frequencies count). */
    public List<String> lastParts() {
        return lastParts;
    }
}
