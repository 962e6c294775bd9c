package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.OdsInstanceRepository;

/**
 * The Admin API's ODS instances as the hub keeps them (docs/decisions/0020, part 5, step 20): a change of a school
 * year's instance is served at once ({@link ServedYears} read again), and the services learn of it through the
 * client directory within its freshness.
 */
@Singleton
@RequiredArgsConstructor
public class OdsInstances {

    /** A school year as ODS/API 7.3's route template constrains it ({@code range(2000,2099)}). */
    private static final Pattern YEAR = Pattern.compile("20[0-9]{2}");

    private final OdsInstanceRepository instances;
    private final ServedYears served;

    /**
     * Why a school year cannot be an instance's context value in this deployment, or empty when it can: a year
     * 2000-2099, in a deployment that keeps years apart.
     */
    public Optional<String> refusedYear(String year) {
        if (!served.enabled()) {
            return Optional.of("This deployment keeps no school years apart (HUB_YEAR_INSTANCES is none):"
                    + " an instance has no school year.");
        }
        if (year == null || !YEAR.matcher(year.trim()).matches()) {
            return Optional.of("A schoolYearFromRoute context value is a school year 2000-2099.");
        }
        return Optional.empty();
    }

    /** Stores a new instance (with its school year when given); its id, or empty when its name or year is taken. */
    public Optional<Integer> create(String name, String type, String connectionString, Optional<String> year) {
        Optional<Integer> id = instances.insert(name, type, connectionString, year);
        served.reload();
        return id;
    }

    /** Gives an instance its year (a new context, or {@code contextId}'s); empty when the year is taken. */
    public Optional<Integer> putYear(Integer contextId, int instanceId, String year) {
        Optional<Integer> id = instances.putYear(contextId, instanceId, year);
        served.reload();
        return id;
    }

    /** Deletes an instance with its contexts; false when there is none. */
    public boolean delete(int id) {
        boolean deleted = instances.delete(id);
        served.reload();
        return deleted;
    }

    /** Deletes a context; false when there is none. */
    public boolean deleteContext(int id) {
        boolean deleted = instances.deleteContext(id);
        served.reload();
        return deleted;
    }
}
