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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.statehub.feed.domain.ScopeYears;
import org.statehub.http.ClientDirectory;
import org.statehub.http.SchoolYears;

/**
 * The school years feed-service publishes to (decision 0020, part 5, step 19; docs/FEEDS.md, "School years"): the
 * deployment's years, read from the same settings as the gateway and the services (hub-http's {@link SchoolYears}:
 * {@code HUB_YEAR_INSTANCES}, {@code HUB_YEARS}), and the years the gateway serves beyond them (an ODS instance an
 * administrator created, learned through hub-http's {@link ClientDirectory#schoolYears()}, as the services learn
 * them), each running 07-01 to 06-30 unless {@code feed.years.dates} ({@code FEED_YEARS_DATES}, e.g.
 * {@code 2026=2025-08-01..2026-06-05}) gives its own first and last days. Settings that make no sense (dates without
 * years, a year that is not 2000-2099, one that ends before it starts, years that overlap, each other's or their
 * neighbours' default dates) stop the start, saying why. Without years there is one data space, and nothing of this
 * applies.
 */
@Singleton
public class FeedYears {

    private static final Pattern DATES =
            Pattern.compile("(\\d{4})\\s*=\\s*(\\d{4}-\\d{2}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2}-\\d{2})");

    private final List<Integer> years;
    private final Supplier<List<String>> learned;
    private final Map<Integer, ScopeYears.Window> windows;
    private final Clock clock;

    @Inject
    public FeedYears(SchoolYears served, FeedConfig config, ClientDirectory directory) {
        this(served, config.years().dates().orElse(List.of()), Clock.systemDefaultZone(), () -> {
            try {
                return directory.schoolYears();
            } catch (ClientDirectory.UnavailableException e) {
                return List.of(); // the years of the settings, until the gateway can be asked
            }
        });
    }

    /** The years {@code served} by the settings alone, with these {@code dates}, today read from {@code clock}. */
    public FeedYears(SchoolYears served, List<String> dates, Clock clock) {
        this(served, dates, clock, List::of);
    }

    /**
     * The years {@code served} by the settings and those the gateway serves ({@code learned}, asked each time the
     * years are needed), with these {@code dates} settings, today read from {@code clock}; checked.
     */
    public FeedYears(SchoolYears served, List<String> dates, Clock clock, Supplier<List<String>> learned) {
        this.years = served.years().stream().map(Integer::valueOf).toList();
        this.learned = learned;
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
            if (!SchoolYears.isYear(m.group(1))) {
                throw new IllegalStateException(
                        "feed.years.dates (FEED_YEARS_DATES) gives dates of " + year + ", not a school year 2000-2099");
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
        // the years of the settings and those with dates, each beside its neighbours (a year created later has
        // the default dates unless given here)
        java.util.Set<Integer> checked = new java.util.TreeSet<>(years);
        configured.keySet().forEach(year -> checked.addAll(List.of(year - 1, year, year + 1)));
        List<ScopeYears.Window> all = ScopeYears.of(checked, windows, clock).years();
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

    /**
     * The school years served, in order (none without years): the settings' and those the gateway serves now
     * beyond them.
     */
    public List<Integer> years() {
        if (!enabled()) {
            return years;
        }
        java.util.Set<Integer> all = new java.util.TreeSet<>(years);
        learned.get().stream().filter(SchoolYears::isYear).map(Integer::valueOf).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * The scope-year rule over the years served that are also among {@code taken} (a connection's school years),
     * each with its configured dates or the default ones.
     */
    public ScopeYears rule(Collection<Integer> taken) {
        List<Integer> chosen = new ArrayList<>(years());
        chosen.retainAll(taken);
        return ScopeYears.of(chosen, windows, clock);
    }
}
