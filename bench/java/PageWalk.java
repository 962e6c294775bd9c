import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whole resource through cursor paging (pageSize, then the Next-Page-Token of each answer as pageToken),
 * one request at a time, and times every page; used by bench/attendance-paging.sh. Run it with the JDK's source
 * launcher: {@code java bench/java/PageWalk.java URL TOKEN PAGE_SIZE WARMUP_PAGES WALKS REPEATS TIMINGS_FILE}.
 *
 * <p>First WARMUP_PAGES pages (not measured), then WALKS full walks (records/s of each, and the time of every
 * page, written to TIMINGS_FILE as "walk page ms records"), then the first and the last page REPEATS times each,
 * alternately. Prints RESULT lines; fails when a walk does not end or pages answer anything but 200.
 */
public final class PageWalk {

    private static final byte[] ITEM_MARK = "\"_etag\"".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final int pageSize;

    private PageWalk(String url, String token, int pageSize) {
        this.url = url;
        this.token = token;
        this.pageSize = pageSize;
    }

    /** One page: its items, the next token (null at the end) and how long it took. */
    private record Page(int items, String next, double ms) {
    }

    private Page read(String pageToken) throws Exception {
        String target = url + "?pageSize=" + pageSize + (pageToken == null ? "" : "&pageToken=" + pageToken);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + target + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return new Page(count(answer.body()), answer.headers().firstValue("Next-Page-Token").orElse(null), ms);
    }

    private static int count(byte[] body) {
        int n = 0;
        outer:
        for (int i = 0; i <= body.length - ITEM_MARK.length; i++) {
            for (int j = 0; j < ITEM_MARK.length; j++) {
                if (body[i + j] != ITEM_MARK[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    public static void main(String[] args) throws Exception {
        PageWalk walker = new PageWalk(args[0], args[1], Integer.parseInt(args[2]));
        int warmupPages = Integer.parseInt(args[3]);
        int walks = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        Path timings = Path.of(args[6]);

        String pageToken = null;
        for (int i = 0; i < warmupPages; i++) {
            Page page = walker.read(pageToken);
            pageToken = page.next() == null ? null : page.next(); // wraps around at the end
        }

        StringBuilder lines = new StringBuilder();
        String lastToken = null;
        for (int walk = 1; walk <= walks; walk++) {
            List<Double> ms = new ArrayList<>();
            long records = 0;
            String next = null;
            String current = null;
            long start = System.nanoTime();
            do {
                current = next;
                Page page = walker.read(current);
                ms.add(page.ms());
                records += page.items();
                lines.append(walk).append(' ').append(ms.size()).append(' ').append(String.format("%.3f", page.ms()))
                        .append(' ').append(page.items()).append('\n');
                next = page.next();
            } while (next != null);
            double seconds = (System.nanoTime() - start) / 1e9;
            lastToken = current;
            double[] all = ms.stream().mapToDouble(Double::doubleValue).toArray();
            int tenth = Math.max(1, all.length / 10);
            System.out.printf("RESULT walk=%d records=%d pages=%d seconds=%.3f records_per_s=%.0f page_p50_ms=%.2f"
                            + " page_p99_ms=%.2f page_max_ms=%.2f first_tenth_p50_ms=%.2f last_tenth_p50_ms=%.2f"
                            + " first_page_ms=%.2f last_page_ms=%.2f%n", walk, records, all.length, seconds,
                    records / seconds, percentile(all, 50), percentile(all, 99), percentile(all, 100),
                    percentile(Arrays.copyOfRange(all, 0, tenth), 50),
                    percentile(Arrays.copyOfRange(all, all.length - tenth, all.length), 50), all[0],
                    all[all.length - 1]);
        }
        Files.writeString(timings, lines.toString());

        List<Double> first = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            first.add(walker.read(null).ms());
            last.add(walker.read(lastToken).ms());
        }
        System.out.printf("RESULT repeats=%d first_page_median_ms=%.2f last_page_median_ms=%.2f%n", repeats,
                median(first), median(last));
    }
}
