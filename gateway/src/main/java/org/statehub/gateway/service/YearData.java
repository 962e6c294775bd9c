package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.OdsInstanceContext;
import org.statehub.gateway.persistence.OdsInstanceRepository;
import org.statehub.http.SchoolYears;

/**
 * A school year's data in every data service (docs/decisions/0020, part 5; docs/ADMIN-GUIDE.md section 11): how
 * many items each holds ({@code GET /internal/v1/dataSpaces/{year}}), and dropping them ({@code DELETE}), over HTTP
 * outside any transaction with the administrator's token. Deleting an ODS instance whose year holds items is refused
 * unless the administrator says what becomes of them: dropped with the instance, or kept in the database unserved.
 */
@Singleton
@RequiredArgsConstructor
public class YearData {

    private final FanOut fanOut;
    private final OdsInstances instances;
    private final OdsInstanceRepository repository;
    private final SchoolYears configured;
    private final ServedYears served;
    private final ObjectMapper json;

    /** Each data service's items of the year, or the first service that could not say. */
    public record Items(Map<String, Long> byService, FanOut.Failure failure) {

        public long total() {
            return byService.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What deleting an instance came to. */
    public sealed interface Deletion {}

    /** The instance is deleted (and its year's data dropped when asked). */
    public record Deleted() implements Deletion {}

    /** Its year holds items and the administrator did not say what becomes of them. */
    public record Held(String year, Items items) implements Deletion {}

    /** A data service could not say what the year holds: nothing was deleted. */
    public record Unknown(FanOut.Failure failure) implements Deletion {}

    /** The year is one of the settings' ({@code HUB_YEARS}): its data would be made again at the next start. */
    public record Configured(String year) implements Deletion {}

    /** The instance is deleted and its year no longer served, but a service did not drop the year's data. */
    public record NotDropped(String year, FanOut.Failure failure) implements Deletion {}

    /** How many items each data service holds of the year. */
    public Items items(String year, String authorization, String correlationId) {
        return read(fanOut.get(path(year), authorization, correlationId));
    }

    /** Drops the year's data in every data service; what each dropped. */
    public Items drop(String year, String authorization, String correlationId) {
        return read(fanOut.delete(path(year), authorization, correlationId));
    }

    /** Whether the year is one of the settings' ({@code HUB_YEARS}). */
    public boolean configured(String year) {
        return configured.serves(year);
    }

    /** Whether the year is served (an ODS instance has it). */
    public boolean served(String year) {
        return served.serves(year);
    }

    /**
     * Deletes an instance no application names. {@code deleteData} empty: refused while its year holds items;
     * true: the year stops being served, then every data service drops its data; false: the year stops being
     * served and its data stays in the database (as before the hub dropped years).
     */
    public Deletion delete(int id, Optional<Boolean> deleteData, String authorization, String correlationId) {
        Optional<String> year = repository.contextsOf(id).stream()
                .filter(c -> OdsInstanceContext.SCHOOL_YEAR.equals(c.contextKey()))
                .map(OdsInstanceContext::contextValue)
                .findFirst();
        if (year.isEmpty() || deleteData.equals(Optional.of(false))) {
            instances.delete(id);
            return new Deleted();
        }
        if (deleteData.isPresent() && configured(year.get())) {
            return new Configured(year.get());
        }
        Items held = items(year.get(), authorization, correlationId);
        if (held.failure() != null) {
            return new Unknown(held.failure());
        }
        if (deleteData.isEmpty() && held.total() > 0) {
            return new Held(year.get(), held);
        }
        instances.delete(id);
        if (deleteData.isEmpty()) {
            return new Deleted();
        }
        Items dropped = drop(year.get(), authorization, correlationId);
        return dropped.failure() == null ? new Deleted() : new NotDropped(year.get(), dropped.failure());
    }

    private Items read(Map<String, FanOut.Reply> replies) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (Map.Entry<String, FanOut.Reply> reply : replies.entrySet()) {
            if (!reply.getValue().ok()) {
                return new Items(items, FanOut.failure(reply.getKey(), reply.getValue()));
            }
            try {
                JsonNode body = json.readTree(reply.getValue().body());
                items.put(reply.getKey(), body.path("items").asLong());
            } catch (IOException e) {
                return new Items(items, new FanOut.Unanswered(reply.getKey(), false));
            }
        }
        return new Items(items, null);
    }

    private static String path(String year) {
        if (!SchoolYears.isYear(year)) {
            throw new IllegalArgumentException("Not a school year: " + year);
        }
        return "/internal/v1/dataSpaces/" + year;
    }
}
