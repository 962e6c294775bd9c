package org.statehub.conflict.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.statehub.conflict.matching.BlockingIndex;
import org.statehub.conflict.matching.MatchResult;
import org.statehub.conflict.matching.Matcher;
import org.statehub.conflict.matching.Nicknames;
import org.statehub.conflict.matching.PreparedStudent;

/**
 * Measures the matcher on labelled synthetic students ({@link SyntheticStudents}): precision and recall of the
 * potential duplicates found through the blocking index at a threshold, and the time to check one new student
 * against an in-memory index of a million. Run by {@code bench/matcher-quality.sh}:
 *
 * <pre>java -cp 'conflict-service/target/quarkus-app/lib/main/*:conflict-service/target/quarkus-app/app/*' \
 *     org.statehub.conflict.quality.MatcherQuality [records=100000] [index=1000000] [queries=5000] \
 *     [seed=20250101] [threshold=0.65] [maxBlock=1000] [show=0] [corruptions=standard|harsh]</pre>
 */
public final class MatcherQuality {

    private static final double[] SWEEP = {0.55, 0.6, 0.625, 0.65, 0.675, 0.7, 0.75, 0.8, 0.85};

    private MatcherQuality() {}

    /** Precision and recall over a labelled set, what blocking cost, and samples of the mistakes. */
    public record Quality(
            int records,
            long truePairs,
            long predicted,
            long truePositives,
            long comparedTruePairs,
            long comparisons,
            Map<String, long[]> recallByCorruption,
            Map<String, Long> falsePositivesByKind,
            Map<Double, double[]> sweep,
            List<String> sampleMisses,
            List<String> sampleFalsePositives) {

        public double precision() {
            return predicted == 0 ? 1.0 : (double) truePositives / predicted;
        }

        public double recall() {
            return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
        }
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int records = Integer.parseInt(options.getOrDefault("records", "100000"));
        int indexSize = Integer.parseInt(options.getOrDefault("index", "1000000"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "5000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "20250101"));
        double threshold =
                Double.parseDouble(options.getOrDefault("threshold", Double.toString(Matcher.DEFAULT_THRESHOLD)));
        int maxBlock = Integer.parseInt(options.getOrDefault("maxBlock", "1000"));
        int show = Integer.parseInt(options.getOrDefault("show", "0"));
        SyntheticStudents.Corruptions corruptions =
                SyntheticStudents.Corruptions.named(options.getOrDefault("corruptions", "standard"));
        Matcher matcher = Matcher.standard();

        System.out.printf(
                Locale.ROOT, "nickname table: %d names%n", Nicknames.standard().size());
        if (records > 0) {
            long start = System.nanoTime();
            Quality q = measure(matcher, seed, records, threshold, maxBlock, corruptions);
            System.out.printf(
                    Locale.ROOT,
                    "quality: %d records (seed %d, %s corruptions), threshold %.3f, max block %d, %.1f s%n",
                    records,
                    seed,
                    corruptions.name(),
                    threshold,
                    maxBlock,
                    (System.nanoTime() - start) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "  true pairs %d, predicted %d, true positives %d%n",
                    q.truePairs(),
                    q.predicted(),
                    q.truePositives());
            System.out.printf(Locale.ROOT, "  precision %.4f  recall %.4f%n", q.precision(), q.recall());
            System.out.printf(
                    Locale.ROOT,
                    "  blocking: %d comparisons (%.1f per record); true pairs sharing a block:" + " %.4f%n",
                    q.comparisons(),
                    (double) q.comparisons() / records,
                    (double) q.comparedTruePairs() / q.truePairs());
            System.out.println("  recall by corruption (true pairs with that corruption on either side: found/all):");
            q.recallByCorruption()
                    .forEach((k, v) -> System.out.printf(
                            Locale.ROOT,
                            "    %-24s %6d/%-6d %.4f%n",
                            k,
                            v[0],
                            v[1],
                            v[1] == 0 ? 1.0 : (double) v[0] / v[1]));
            System.out.println("  false positives by kind: " + q.falsePositivesByKind());
            System.out.println("  threshold sweep (threshold: precision recall):");
            q.sweep().forEach((t, pr) -> System.out.printf(Locale.ROOT, "    %.3f: %.4f %.4f%n", t, pr[0], pr[1]));
            q.sampleMisses().stream().limit(show).forEach(m -> System.out.println("  MISS " + m));
            q.sampleFalsePositives().stream().limit(show).forEach(m -> System.out.println("  FALSE " + m));
        }
        if (indexSize > 0) {
            latency(matcher, seed + 1, indexSize, queries, threshold, maxBlock);
        }
    }

    /** Every record checked against the ones before it (as the service checks each new student). */
    public static Quality measure(Matcher matcher, long seed, int records, double threshold, int maxBlock) {
        return measure(matcher, seed, records, threshold, maxBlock, SyntheticStudents.Corruptions.STANDARD);
    }

    /** {@link #measure} on records with the given corruptions. */
    public static Quality measure(
            Matcher matcher,
            long seed,
            int records,
            double threshold,
            int maxBlock,
            SyntheticStudents.Corruptions rates) {
        List<SyntheticStudents.Labelled> data =
                new SyntheticStudents(seed, Nicknames.standard(), rates).generate(records);
        BlockingIndex index = new BlockingIndex(matcher, maxBlock);
        Map<Integer, List<Integer>> byPerson = new HashMap<>();
        long truePairs = 0;
        for (int i = 0; i < data.size(); i++) {
            List<Integer> same = byPerson.computeIfAbsent(data.get(i).personId(), k -> new ArrayList<>());
            truePairs += same.size();
            same.add(i);
        }
        long[] sweepPredicted = new long[SWEEP.length];
        long[] sweepTrue = new long[SWEEP.length];
        double lowest = Math.min(threshold, SWEEP[0]);
        long predicted = 0;
        long truePositives = 0;
        long comparedTrue = 0;
        long comparisons = 0;
        Map<String, long[]> byCorruption = new TreeMap<>();
        Map<String, Long> falsePositives = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            SyntheticStudents.Labelled labelled = data.get(i);
            PreparedStudent student = matcher.prepare(labelled.record());
            int[] candidates = index.candidates(student);
            comparisons += candidates.length;
            Set<Integer> candidateSet = new HashSet<>();
            for (int c : candidates) {
                candidateSet.add(c);
            }
            List<Integer> earlier = byPerson.get(labelled.personId());
            for (int j : earlier) {
                if (j < i && candidateSet.contains(j)) {
                    comparedTrue++;
                }
            }
            Set<Integer> found = new HashSet<>();
            for (int c : candidates) {
                MatchResult r = matcher.compare(student, index.get(c), index);
                if (r.score() < lowest) {
                    continue;
                }
                boolean same = data.get(c).personId() == labelled.personId();
                for (int t = 0; t < SWEEP.length; t++) {
                    if (r.score() >= SWEEP[t]) {
                        sweepPredicted[t]++;
                        if (same) {
                            sweepTrue[t]++;
                        }
                    }
                }
                if (r.score() >= threshold) {
                    predicted++;
                    if (same) {
                        truePositives++;
                        found.add(c);
                    } else {
                        falsePositives.merge(kind(labelled, data.get(c)), 1L, Long::sum);
                        if (wrong.size() < 200) {
                            wrong.add(describe(labelled, data.get(c), r));
                        }
                    }
                }
            }
            for (int j : earlier) {
                if (j >= i) {
                    continue;
                }
                if (!found.contains(j) && misses.size() < 400) {
                    misses.add(describe(labelled, data.get(j), matcher.compare(student, index.get(j), index)));
                }
                List<String> corruptions = new ArrayList<>(labelled.corruptions());
                corruptions.addAll(data.get(j).corruptions());
                if (corruptions.isEmpty()) {
                    corruptions.add("(none)");
                }
                for (String k : new TreeSet<>(corruptions)) {
                    long[] counts = byCorruption.computeIfAbsent(k, x -> new long[2]);
                    counts[1]++;
                    if (found.contains(j)) {
                        counts[0]++;
                    }
                }
            }
            index.add(student);
        }
        Map<Double, double[]> sweep = new TreeMap<>();
        for (int t = 0; t < SWEEP.length; t++) {
            sweep.put(SWEEP[t], new double[] {
                sweepPredicted[t] == 0 ? 1.0 : (double) sweepTrue[t] / sweepPredicted[t],
                truePairs == 0 ? 1.0 : (double) sweepTrue[t] / truePairs
            });
        }
        return new Quality(
                records,
                truePairs,
                predicted,
                truePositives,
                comparedTrue,
                comparisons,
                byCorruption,
                falsePositives,
                sweep,
                misses,
                wrong);
    }

    private static String describe(SyntheticStudents.Labelled a, SyntheticStudents.Labelled b, MatchResult r) {
        return String.format(
                Locale.ROOT,
                "%.3f %s%s | %s %s %s %s %s | %s %s %s %s %s | %s",
                r.score(),
                a.corruptions(),
                b.corruptions(),
                a.record().firstName(),
                a.record().middleName(),
                a.record().lastSurname(),
                a.record().birthDate(),
                a.record().sex(),
                b.record().firstName(),
                b.record().middleName(),
                b.record().lastSurname(),
                b.record().birthDate(),
                b.record().sex(),
                r.fields().stream()
                        .map(f -> f.field() + ":" + f.comparison() + "=" + f.weight())
                        .toList());
    }

    private static String kind(SyntheticStudents.Labelled a, SyntheticStudents.Labelled b) {
        boolean sameLast = a.record().lastSurname().equals(b.record().lastSurname());
        boolean sameBirth = Objects.equals(a.record().birthDate(), b.record().birthDate());
        if (sameLast && sameBirth) {
            return "same surname and birth date (twins or strangers)";
        }
        if (sameLast) {
            return "same surname (siblings or strangers)";
        }
        return "other";
    }

    /** p50/p95/p99 of one look-up (blocks, candidates, scoring) against an in-memory index of {@code size}. */
    static void latency(Matcher matcher, long seed, int size, int queries, double threshold, int maxBlock) {
        long start = System.nanoTime();
        SyntheticStudents generator = new SyntheticStudents(seed, Nicknames.standard());
        BlockingIndex index = new BlockingIndex(matcher, maxBlock);
        int chunk = 100_000;
        for (int done = 0; done < size; done += chunk) {
            for (SyntheticStudents.Labelled l : generator.generate(Math.min(chunk, size - done))) {
                index.add(matcher.prepare(l.record()));
            }
        }
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "latency: index of %d records built in %.1f s, heap used after GC %d MB%n",
                index.size(),
                (System.nanoTime() - start) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        // the new students: half extra records of indexed people, half new people
        List<SyntheticStudents.Labelled> fresh = new ArrayList<>(generator.duplicatesOfExisting(queries));
        fresh.addAll(new SyntheticStudents(seed + 7, Nicknames.standard()).generate(queries));
        java.util.Collections.shuffle(fresh, new java.util.Random(seed));
        for (int i = 0; i < Math.min(2000, fresh.size()); i++) { // warm-up (JIT), not measured
            index.find(matcher.prepare(fresh.get(i).record()), threshold);
        }
        long[] nanos = new long[fresh.size()];
        long compared = 0;
        long matches = 0;
        int maxCompared = 0;
        for (int i = 0; i < fresh.size(); i++) {
            long t0 = System.nanoTime();
            BlockingIndex.Lookup lookup =
                    index.find(matcher.prepare(fresh.get(i).record()), threshold);
            nanos[i] = System.nanoTime() - t0;
            compared += lookup.compared();
            maxCompared = Math.max(maxCompared, lookup.compared());
            matches += lookup.matches().size();
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "  %d look-ups (prepare + blocks + scoring), one thread: p50 %.2f ms, p95 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms; %.0f students compared per look-up (max %d); %d matches%n",
                nanos.length,
                pct(nanos, 0.50),
                pct(nanos, 0.95),
                pct(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6,
                (double) compared / nanos.length,
                maxCompared,
                matches);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
