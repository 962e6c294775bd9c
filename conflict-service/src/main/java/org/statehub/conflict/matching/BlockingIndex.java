package org.statehub.conflict.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;

/**
 * An in-memory blocking index (the benchmark's; the service keeps the same keys in PostgreSQL): students by
 * blocking key. A look-up compares the student only with the members of its blocks, skipping any block larger
 * than {@code maxBlockSize} (a giant block, e.g. a very common surname in one birth year, is covered by the
 * student's narrower keys). It also counts first names and surname parts, the {@link NameFrequencies} the
 * look-ups weigh name agreement by. Not thread-safe.
 */
@RequiredArgsConstructor
public final class BlockingIndex implements NameFrequencies {

    private final Matcher matcher;
    private final int maxBlockSize;
    private final List<PreparedStudent> students = new ArrayList<>();
    private final Map<String, int[]> blocks = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Integer> firstNames = new HashMap<>();
    private final Map<String, Integer> surnameParts = new HashMap<>();

    /** A match found by a look-up: the position of the indexed student and the comparison. */
    public record Match(int position, PreparedStudent student, MatchResult result) {}

    /** What one look-up did: the matches at or above the threshold, how many students it compared. */
    public record Lookup(List<Match> matches, int compared, int skippedBlocks) {}

    public int size() {
        return students.size();
    }

    public PreparedStudent get(int position) {
        return students.get(position);
    }

    @Override
    public long total() {
        return students.size();
    }

    @Override
    public long firstNameCount(String folded) {
        return firstNames.getOrDefault(folded, 0);
    }

    @Override
    public long surnamePartCount(String part) {
        return surnameParts.getOrDefault(part, 0);
    }

    /** Adds the student under each of its keys; returns its position. */
    public int add(PreparedStudent student) {
        int position = students.size();
        students.add(student);
        firstNames.merge(student.first, 1, Integer::sum);
        for (String part : new HashSet<>(student.lastParts)) {
            surnameParts.merge(part, 1, Integer::sum);
        }
        for (String key : BlockingKeys.of(student)) {
            int n = sizes.getOrDefault(key, 0);
            int[] members = blocks.get(key);
            if (members == null) {
                members = new int[2];
            } else if (n == members.length) {
                members = Arrays.copyOf(members, n * 2);
            }
            members[n] = position;
            blocks.put(key, members);
            sizes.put(key, n + 1);
        }
        return position;
    }

    /** The positions of the students sharing a (not giant) block with this one, each once, ascending. */
    public int[] candidates(PreparedStudent student) {
        return candidates(student, new int[1]);
    }

    private int[] candidates(PreparedStudent student, int[] skipped) {
        int total = 0;
        List<int[]> found = new ArrayList<>(6);
        List<Integer> counts = new ArrayList<>(6);
        for (String key : BlockingKeys.of(student)) {
            int n = sizes.getOrDefault(key, 0);
            if (n == 0) {
                continue;
            }
            if (n > maxBlockSize) {
                skipped[0]++;
                continue;
            }
            found.add(blocks.get(key));
            counts.add(n);
            total += n;
        }
        int[] all = new int[total];
        int at = 0;
        for (int i = 0; i < found.size(); i++) {
            System.arraycopy(found.get(i), 0, all, at, counts.get(i));
            at += counts.get(i);
        }
        Arrays.sort(all);
        int unique = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[unique++] = all[i];
            }
        }
        return Arrays.copyOf(all, unique);
    }

    /** Compares the student with its candidates and returns those scoring at least {@code threshold}. */
    public Lookup find(PreparedStudent student, double threshold) {
        int[] skipped = new int[1];
        int[] candidates = candidates(student, skipped);
        List<Match> matches = new ArrayList<>();
        for (int position : candidates) {
            PreparedStudent other = students.get(position);
            if (other == student || !matcher.mayReach(student, other, threshold)) {
                continue;
            }
            MatchResult result = matcher.compare(student, other, this);
            if (result.score() >= threshold) {
                matches.add(new Match(position, other, result));
            }
        }
        return new Lookup(matches, candidates.length, skipped[0]);
    }
}
