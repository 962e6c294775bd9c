package org.statehub.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The school years a deployment keeps apart (docs/decisions/0020, part 5), read alike by the gateway and every
 * edfi-core service: {@code hub.instances.route} ({@code HUB_YEAR_INSTANCES}: {@code none}, the default, or
 * {@code school-year}) and {@code hub.instances.years} ({@code HUB_YEARS}, e.g. {@code 2026,2027}). A setting that
 * does not make sense stops the process at start, saying why. A request's year travels from the gateway to a
 * service in the {@link #HEADER} header.
 */
@Singleton
public class SchoolYears {

    /** The header naming a request's school year (its data space), set by the gateway from the URL. */
    public static final String HEADER = "Hub-Data-Space";

    /** A school year as ODS/API 7.3's route template constrains it ({@code range(2000,2099)}). */
    private static final Pattern YEAR = Pattern.compile("20[0-9]{2}");

    /** The settings. */
    @ConfigMapping(prefix = "hub.instances")
    public interface Config {

        /** {@code none}: one data space, as without years; {@code school-year}: one per year of {@link #years}. */
        @WithDefault("none")
        String route();

        /** The school years served when {@link #route} is {@code school-year}. */
        Optional<List<String>> years();
    }

    private final List<String> years;

    @Inject
    public SchoolYears(Config config) {
        this(config.route(), config.years().orElse(List.of()));
    }

    /** The years of these settings, checked. */
    public SchoolYears(String route, List<String> configured) {
        List<String> named = configured.stream()
                .map(String::trim)
                .filter(year -> !year.isEmpty())
                .toList();
        switch (route.trim()) {
            case "none" -> {
                if (!named.isEmpty()) {
                    throw new IllegalStateException("hub.instances.years (HUB_YEARS) is " + named
                            + " but hub.instances.route (HUB_YEAR_INSTANCES) is none: set it to school-year to serve"
                            + " the years, or leave the years out");
                }
                years = List.of();
            }
            case "school-year" -> {
                if (named.isEmpty()) {
                    throw new IllegalStateException("hub.instances.route (HUB_YEAR_INSTANCES) is school-year but"
                            + " hub.instances.years (HUB_YEARS) names no year: give them, e.g. 2026,2027");
                }
                for (String year : named) {
                    if (!YEAR.matcher(year).matches()) {
                        throw new IllegalStateException(
                                "hub.instances.years (HUB_YEARS) names '" + year + "', not a school year 2000-2099");
                    }
                }
                years = List.copyOf(new TreeSet<>(named));
            }
            default ->
                throw new IllegalStateException(
                        "hub.instances.route (HUB_YEAR_INSTANCES) is '" + route + "': it is none or school-year");
        }
    }

    /** Whether this deployment keeps school years apart. */
    public boolean enabled() {
        return !years.isEmpty();
    }

    /** The years of the settings, in order (none without year instances). */
    public List<String> years() {
        return years;
    }

    /** Whether {@code text} is a school year as a route names one (2000-2099). */
    public static boolean isYear(String text) {
        return text != null && YEAR.matcher(text).matches();
    }

    /**
     * Why a copy of {@code fromYear} into {@code year} (docs/decisions/0020, step 20) is refused, or empty when it is
     * not: the one check of the gateway's {@code /admin/v1/schoolYears/{year}/copy} and each service's
     * {@code /internal/v1/yearCopies/{year}}. {@code fromYear} is required, a year 2000-2099, not {@code year}, and
     * {@code served}; {@code servedYears} lists the years served for the refusal's text.
     */
    public static Optional<String> copyRefusal(
            String year, String fromYear, Predicate<String> served, Supplier<List<String>> servedYears) {
        String from = fromYear == null ? "" : fromYear.trim();
        if (from.isEmpty()) {
            return Optional.of("FromYear is required: the school year to copy from, e.g. {\"fromYear\": 2026}.");
        }
        if (!isYear(from)) {
            return Optional.of("FromYear is a school year 2000-2099.");
        }
        if (from.equals(year)) {
            return Optional.of("A school year is not copied into itself.");
        }
        if (!served.test(from)) {
            return Optional.of("School year " + from + " is not served. Years served: "
                    + String.join(", ", servedYears.get()) + ".");
        }
        return Optional.empty();
    }

    /** Whether {@code year} is one of the years of the settings (served from the start). */
    public boolean serves(String year) {
        return years.contains(year);
    }
}
