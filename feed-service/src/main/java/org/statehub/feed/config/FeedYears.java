package org.statehub.feed.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.statehub.feed.domain.ScopeYears;
import org.statehub.http.SchoolYears;

/**
 * The school years feed-service publishes to (decision 0020, part 5, step 19; docs/FEEDS.md, "School years"): the
 * deployment's years, read from the same settings as the gateway and the services (hub-http's {@link SchoolYears}:
 * {@code HUB_YEAR_INSTANCES}, {@code HUB_YEARS}), each running 07-01 to 06-30 unless {@code feed.years.dates}
 * ({@code FEED_YEARS_DATES}, e.g. {@code 2026=2025-08-01..2026-06-05}) gives its own first and last days. Settings that
 * make no sense (dates without years, dates of a year not served, a year that ends before it starts, years that
 * overlap) stop the start, saying why. Without years there is one data space, and nothing of this applies.
 */
@Singleton
public class FeedYears {

    private static final Pattern DATES =
            Pattern.compile("(\\d{4})\\s*=\\s*(\\d{4}-\\d{2}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2}-\\d{2})");

    private final List<Integer> years;
    private final Map<Integer, ScopeYears.Window> windows;
    private final Clock clock;

    @Inject
    public FeedYears(SchoolYears served, FeedConfig config) {
        this(served, config.years().dates().orElse(List.of()), Clock.systemDefaultZone());
    }

    /** The years {@code served} with these {@code dates} settings, today read from {@code clock}; checked. */
    public FeedYears(SchoolYears served, List<String> dates, Clock clock) {
        this.years = served.years().stream().map(Integer::valueOf).toList();
        this.clock = clock;
        Map<Integer, ScopeYears.Window> configured = new TreeMap<>();
        List<String> named =
                dates.stream().map(String::trim).filter(d -> !d.isEmpty()).toList();
        if (!named.isEmpty() && years.isEmpty()) {
            throw new IllegalStateException("feed.years.dates (FEED_YEARS_DATES) is " + named
                    + " but the deployment keeps no school years apart (HUB_YEAR_INSTANCES): leave the dates out");
        }
        for (String entry : named) {
            Matcher m = DATES.matcher(entry);
            if (!m.matches()) {
                throw new IllegalStateException("feed.years.dates (FEED_YEARS_DATES) names '" + entry
                        + "': each entry is YEAR=FIRST..LAST, e.g. 2026=2025-08-01..2026-06-05");
            }
            int year = Integer.parseInt(m.group(1));
            if (!years.contains(year)) {
                throw new IllegalStateException("feed.years.dates (FEED_YEARS_DATES) gives dates of " + year
                        + ", a school year the deployment does not serve (HUB_YEARS: " + served.years() + ")");
            }
            ScopeYears.Window window;
            try {
                window = new ScopeYears.Window(year, LocalDate.parse(m.group(2)), LocalDate.parse(m.group(3)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "feed.years.dates (FEED_YEARS_DATES) names '" + entry + "': " + e.getMessage(), e);
            }
            if (configured.put(year, window) != null) {
                throw new IllegalStateException(
                        "feed.years.dates (FEED_YEARS_DATES) gives the dates of " + year + " twice");
            }
        }
        this.windows = Map.copyOf(configured);
        List<ScopeYears.Window> all = rule(years).years();
        for (int i = 1; i < all.size(); i++) {
            if (!all.get(i).start().isAfter(all.get(i - 1).end())) {
                throw new IllegalStateException("School year " + all.get(i).schoolYear() + " starts ("
                        + all.get(i).start() + ") before " + all.get(i - 1).schoolYear() + " ends ("
                        + all.get(i - 1).end() + "): a day belongs to one year (feed.years.dates, FEED_YEARS_DATES)");
            }
        }
    }

    /** No school years: one data space (what feed-service's tests without years use). */
    public static FeedYears off() {
        return new FeedYears(new SchoolYears("none", List.of()), List.of(), Clock.systemDefaultZone());
    }

    /** Checks the settings at start (the constructor refuses what makes no sense). */
    void atStart(@Observes StartupEvent start) {
        // constructing this bean is the check
    }

    /** Whether records are published per school year. */
    public boolean enabled() {
        return !years.isEmpty();
    }

    /** The school years served, in order (none without years). */
    public List<Integer> years() {
        return years;
    }

    /**
     * The scope-year rule over the years served that are also among {@code taken} (a connection's school years),
     * each with its configured dates or the default ones.
     */
    public ScopeYears rule(Collection<Integer> taken) {
        List<Integer> chosen = new ArrayList<>(years);
        chosen.retainAll(taken);
        return ScopeYears.of(chosen, windows, clock);
    }
}
