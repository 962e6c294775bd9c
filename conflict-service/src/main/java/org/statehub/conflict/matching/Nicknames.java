package org.statehub.conflict.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The nickname table ({@code nicknames.csv}: {@code given_name,nickname} a line). Each folded name maps to its
 * groups: itself and every given name it is a nickname of. Two names are the same given name when their groups
 * meet (Bill and Will share WILLIAM).
 */
public final class Nicknames {

    private final Map<String, Set<String>> groups;
    private final Map<String, Set<String>> nicknames;

    private Nicknames(Map<String, Set<String>> groups) {
        this.groups = groups;
        Map<String, Set<String>> byGiven = new HashMap<>();
        groups.forEach((name, g) -> {
            for (String given : g) {
                if (!given.equals(name)) {
                    byGiven.computeIfAbsent(given, k -> new HashSet<>()).add(name);
                }
            }
        });
        byGiven.replaceAll((k, v) -> Set.copyOf(v));
        this.nicknames = Map.copyOf(byGiven);
    }

    /** The table shipped with the service ({@code /nicknames.csv} on the class path). */
    public static Nicknames standard() {
        return Holder.STANDARD;
    }

    public static Nicknames read(InputStream in) {
        Map<String, Set<String>> groups = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("given_name,")) {
                    continue;
                }
                String[] pair = line.split(",");
                if (pair.length != 2) {
                    throw new IllegalArgumentException(
                            "nicknames.csv line " + number + " is not 'given,nickname': " + line);
                }
                String given = Names.fold(pair[0]).replace("-", " ");
                String nickname = Names.fold(pair[1]).replace("-", " ");
                if (given.isEmpty() || nickname.isEmpty()) {
                    throw new IllegalArgumentException("nicknames.csv line " + number + " has an empty name");
                }
                groups.computeIfAbsent(given, k -> new HashSet<>()).add(given);
                groups.computeIfAbsent(nickname, k -> new HashSet<>()).add(nickname);
                groups.get(nickname).add(given);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        groups.replaceAll((k, v) -> Set.copyOf(v));
        return new Nicknames(Map.copyOf(groups));
    }

    /** The given names a folded name stands for: itself and those it is a nickname of. */
    public Set<String> groups(String folded) {
        Set<String> g = groups.get(folded);
        return g == null ? Set.of(folded) : g;
    }

    /** Whether two different folded names are the same given name by the table. */
    public boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Set<String> ga = groups.get(a);
        Set<String> gb = groups.get(b);
        if (ga == null || gb == null) {
            return false;
        }
        for (String g : ga) {
            if (gb.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** Every name in the table that is a nickname of the folded given name. */
    public Set<String> nicknamesOf(String given) {
        return nicknames.getOrDefault(given, Set.of());
    }

    /** How many different names the table knows. */
    public int size() {
        return groups.size();
    }

    private static final class Holder {
        static final Nicknames STANDARD;

        static {
            try (InputStream in = Nicknames.class.getResourceAsStream("/nicknames.csv")) {
                if (in == null) {
                    throw new IllegalStateException("nicknames.csv is not on the class path");
                }
                STANDARD = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
