import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole resource as a client of the Ed-Fi ODS/API 7.3 reads it in parallel: {@code GET URL/partitions?number=N},
 * then one thread per page token, each following Next-Page-Token with pageSize until its partition ends. Used by
 * bench/partitions.sh; run it with the JDK's source launcher:
 * {@code java bench/java/PartitionWalk.java walk URL TOKEN PARTITIONS PAGE_SIZE} or
 * {@code java bench/java/PartitionWalk.java pages URL TOKEN PAGES REPEATS PAGE_SIZE}.
 *
 * <p>{@code walk}: prints {@code RESULT partitions= records= distinct= seconds= records_per_s= page_p50_ms=
 * page_p99_ms= split_ms=}; fails when an item is read twice or a page answers anything but 200. {@code pages}: the
 * first PAGES pages of one keyset walk, read REPEATS times (after one unmeasured pass), and prints
 * {@code RESULT page_median_ms= bytes_per_page=}.
 */
public final class PartitionWalk {

    private static final Pattern ID = Pattern.compile("\"id\": ?\"([0-9a-f]{32})\"");
    private static final Pattern TOKEN = Pattern.compile("\"([A-Za-z0-9_=-]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    private PartitionWalk(String url, String token) {
        this.url = url;
        this.token = token;
    }

    private record Answer(String body, String next, double ms) {
    }

    private Answer get(String target) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + target + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return new Answer(answer.body(), answer.headers().firstValue("Next-Page-Token").orElse(null), ms);
    }

    private String page(String pageToken, int pageSize) {
        return url + "?pageSize=" + pageSize
                + (pageToken == null ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
    }

    /** One partition read to its end: the ids read and the time of every page. */
    private record Partition(List<String> ids, List<Double> pageMs) {
    }

    private Partition partition(String first, int pageSize) throws Exception {
        List<String> ids = new ArrayList<>();
        List<Double> pageMs = new ArrayList<>();
        String next = first;
        do {
            Answer answer = get(page(next, pageSize));
            Matcher m = ID.matcher(answer.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
            pageMs.add(answer.ms());
            next = answer.next();
        } while (next != null);
        return new Partition(ids, pageMs);
    }

    private void walk(int partitions, int pageSize) throws Exception {
        long start = System.nanoTime();
        Answer split = get(url + "/partitions?number=" + partitions);
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(split.body().substring(split.body().indexOf('[')));
        while (m.find()) {
            tokens.add(m.group(1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<Partition>> reads = new ArrayList<>();
        for (String t : tokens) {
            reads.add(pool.submit(() -> partition(t, pageSize)));
        }
        long records = 0;
        Set<String> distinct = new HashSet<>();
        List<Double> pageMs = new ArrayList<>();
        for (Future<Partition> read : reads) {
            Partition p = read.get();
            records += p.ids().size();
            distinct.addAll(p.ids());
            pageMs.addAll(p.pageMs());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (distinct.size() != records) {
            throw new IllegalStateException("read " + records + " items but only " + distinct.size() + " distinct");
        }
        double[] sorted = pageMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("RESULT partitions=%d tokens=%d records=%d distinct=%d seconds=%.2f records_per_s=%.0f"
                        + " page_p50_ms=%.2f page_p99_ms=%.2f split_ms=%.1f%n", partitions, tokens.size(), records,
                distinct.size(), seconds, records / seconds, percentile(sorted, 50), percentile(sorted, 99),
                split.ms());
    }

    private void pages(int pages, int repeats, int pageSize) throws Exception {
        List<String> tokens = new ArrayList<>();
        String next = null;
        long bytes = 0;
        for (int i = 0; i < pages; i++) { // the unmeasured pass finds the pages' tokens
            tokens.add(next);
            Answer answer = get(page(next, pageSize));
            bytes += answer.body().getBytes(StandardCharsets.UTF_8).length;
            next = answer.next();
            if (next == null) {
                break;
            }
        }
        double[] ms = new double[tokens.size() * repeats];
        int n = 0;
        for (int r = 0; r < repeats; r++) {
            for (String t : tokens) {
                ms[n++] = get(page(t, pageSize)).ms();
            }
        }
        Arrays.sort(ms);
        System.out.printf("RESULT page_median_ms=%.2f pages=%d bytes_per_page=%d%n", percentile(ms, 50),
                tokens.size(), bytes / tokens.size());
    }

    private static double percentile(double[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    public static void main(String[] args) throws Exception {
        PartitionWalk walker = new PartitionWalk(args[1], args[2]);
        switch (args[0]) {
            case "walk" -> walker.walk(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "pages" -> walker.pages(Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("walk or pages");
        }
    }
}
