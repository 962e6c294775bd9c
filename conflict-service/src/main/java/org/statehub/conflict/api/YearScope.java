package org.statehub.conflict.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.domain.YearIds;
import org.statehub.edfi.core.api.DataSpaceFilter;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.dataspace.RequestDataSpace;
import org.statehub.http.Administration;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * The school year of a worklist request (docs/CONFLICTS.md, "School years"). With years kept apart each year is a data
 * space of its own: a request about one pair, conflict or merge works in the year its id names ({@link YearIds}), a
 * list asked with {@code schoolYear} in that year, and a list without it in every year the caller reaches, merged
 * ({@link #page}). A client reaches the years its directory entry grants ({@code schoolYears}; an administrator every
 * year served): another year is 403, a year not served 404 for an id and 400 for {@code schoolYear}. Without years
 * nothing changes, and {@code schoolYear} is 400.
 */
@Singleton
@RequiredArgsConstructor
class YearScope {

    /** The deepest item a list merged across years reaches ({@code offset + limit}). */
    static final int MERGED_DEPTH = 10_000;

    private static final Pattern ITEM = Pattern.compile("^/conflicts/v1/(duplicates|conflicts|merges)/([^/]+)");

    /** One year's part of a page: its first rows and how many it has in all. */
    record Part<T>(List<T> rows, long total) {}

    /** Reads a page of one data space. */
    @FunctionalInterface
    interface Fetch<T> {
        Part<T> page(int limit, int offset);
    }

    private final DataSpaces spaces;
    private final RequestDataSpace requestSpace;
    private final VerifiedCaller caller;
    private final ClientDirectory directory;
    private final Administration administration;
    private final Correlation correlation;

    /** Binds a worklist request to its year ({@link YearFilter}); the problem to answer instead, or null. */
    Response schoolYear(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/conflicts/v1/")) {
            return null;
        }
        boolean enabled = spaces.years().enabled();
        Matcher item = ITEM.matcher(path);
        if (item.find()) {
            Long id = Parameters.id(item.group(2));
            if (!enabled || id == null) {
                return null; // without years, or not an id: the resource answers as always
            }
            Optional<String> year = YearIds.yearOf(id);
            if (year.isEmpty() || !spaces.serves(year.get())) {
                return refuse(Problems.notFound("No " + noun(item.group(1)) + " has this id."));
            }
            return enter(year.get());
        }
        String asked = request.getUriInfo().getQueryParameters().getFirst("schoolYear");
        if (asked == null) {
            return null;
        }
        Optional<Problem> wrong = wrongYear(asked.trim());
        return wrong.isPresent() ? refuse(wrong.get()) : enter(asked.trim());
    }

    /**
     * Takes a request into the year a merge request names ({@code schoolYear} of its body, or its pair's year), unless
     * its year is bound already; the problem when it cannot be.
     */
    Optional<Problem> enterFor(String schoolYear, Long pairId) {
        if (requestSpace.year() != null) {
            return Optional.empty();
        }
        boolean enabled = spaces.years().enabled();
        Optional<String> ofPair = pairId == null ? Optional.empty() : YearIds.yearOf(pairId);
        if (!enabled) {
            return schoolYear == null
                    ? Optional.empty()
                    : Optional.of(Problems.badRequest("This hub keeps no school years apart: leave schoolYear out."));
        }
        String year = schoolYear != null ? schoolYear : ofPair.orElse(null);
        if (year == null) {
            return Optional.of(Problems.badRequest("This hub keeps each school year apart: name the merge's schoolYear"
                    + " (or its duplicatePairId). Years served: " + served() + "."));
        }
        if (ofPair.isPresent() && !ofPair.get().equals(year)) {
            return Optional.of(Problems.badRequest(
                    "duplicatePairId " + pairId + " is a pair of school year " + ofPair.get() + ", not " + year + "."));
        }
        Optional<Problem> wrong = wrongYear(year);
        if (wrong.isPresent()) {
            return wrong;
        }
        Optional<Problem> refused = DataSpaceFilter.refusal(caller.claims(), year, administration, directory);
        if (refused.isEmpty()) {
            requestSpace.set(year);
        }
        return refused;
    }

    /**
     * A page of a list in the request's year, in the one space without years, or merged over every year the caller
     * reaches, in {@code order}: each year's first {@code offset + limit} rows, of which the page is cut (at most
     * {@link #MERGED_DEPTH} deep, checked by {@link #tooDeep}).
     */
    <T> Part<T> page(int limit, int offset, Comparator<T> order, Fetch<T> fetch) {
        if (!spaces.years().enabled() || requestSpace.year() != null) {
            return fetch.page(limit, offset);
        }
        List<T> rows = new ArrayList<>();
        long total = 0;
        for (String year : reached()) {
            Part<T> part = DataSpaces.within(Optional.of(year), () -> fetch.page(offset + limit, 0));
            rows.addAll(part.rows());
            total += part.total();
        }
        rows.sort(order);
        List<T> page = rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
        return new Part<>(List.copyOf(page), total);
    }

    /** Whether a list over every year would reach deeper than {@link #MERGED_DEPTH}: its problem. */
    Optional<Problem> tooDeep(Parameters.Page page) {
        if (!spaces.years().enabled() || requestSpace.year() != null || page.offset() + page.limit() <= MERGED_DEPTH) {
            return Optional.empty();
        }
        return Optional.of(Problems.parameterValidation(List.of("A list over every school year reaches at most "
                + MERGED_DEPTH + " items (offset + limit); name a schoolYear to page further.")));
    }

    /** The years served that the caller reaches, in order. */
    private List<String> reached() {
        TokenClaims claims = caller.claims();
        boolean every = administration.administers(claims);
        Set<String> granted = every ? Set.of() : directory.dataSpaces(claims.subject());
        List<String> years = new ArrayList<>();
        for (Optional<String> space : spaces.spaces()) {
            space.filter(year -> every || granted.contains(year)).ifPresent(years::add);
        }
        return years;
    }

    /** Why {@code year} cannot be asked for, if it cannot. */
    private Optional<Problem> wrongYear(String year) {
        if (!spaces.years().enabled()) {
            return Optional.of(Problems.parameterValidation(
                    List.of("This hub keeps no school years apart: leave schoolYear out.")));
        }
        if (!spaces.serves(year)) {
            return Optional.of(Problems.parameterValidation(
                    List.of("schoolYear must be a school year served: " + served() + ".")));
        }
        return Optional.empty();
    }

    /** Binds the request to {@code year} if the caller is granted it; else the 401 or 403 to answer. */
    private Response enter(String year) {
        Optional<Problem> refused = DataSpaceFilter.refusal(caller.claims(), year, administration, directory);
        if (refused.isPresent()) {
            return refuse(refused.get());
        }
        requestSpace.set(year);
        return null;
    }

    private String served() {
        return String.join(", ", spaces.served());
    }

    private static String noun(String list) {
        return switch (list) {
            case "duplicates" -> "potential duplicate";
            case "conflicts" -> "conflict";
            default -> "merge";
        };
    }

    private Response refuse(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
