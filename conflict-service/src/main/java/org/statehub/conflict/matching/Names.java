package org.statehub.conflict.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Name folding: case, accents, punctuation; surnames split into their parts. */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^A-Z\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
    /** Particles that are part of a surname as written but not a distinguishing part of it. */
    private static final Set<String> PARTICLES = Set.of(
            "DE", "DEL", "LA", "LAS", "LOS", "Y", "DA", "DAS", "DO", "DOS", "DI", "VAN", "VON", "DER", "DEN", "LE",
            "DU");

    private Names() {}

    /** Upper case, accents removed ({@code Núñez} → {@code NUNEZ}), apostrophes and dots dropped; spaces and hyphens kept. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String s =
                MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        s = s.toUpperCase(Locale.ROOT)
                .replace('\u00D8', 'O')
                .replace("\u00DF", "SS")
                .replace("\u00C6", "AE");
        s = NOT_LETTER.matcher(s).replaceAll("");
        return SEPARATORS.matcher(s.trim()).replaceAll(m -> m.group().contains("-") ? "-" : " ");
    }

    /** The words of a folded name, split at spaces and hyphens ({@code GARCIA-LOPEZ} → GARCIA, LOPEZ). */
    public static List<String> words(String folded) {
        List<String> words = new ArrayList<>();
        for (String w : SEPARATORS.split(folded)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** The distinguishing parts of a surname: its words without particles (all words if only particles). */
    public static List<String> surnameParts(String folded) {
        List<String> words = words(folded);
        List<String> parts = new ArrayList<>();
        for (String w : words) {
            if (!PARTICLES.contains(w)) {
                parts.add(w);
            }
        }
        return parts.isEmpty() ? words : parts;
    }
}
