package org.statehub.edfi.core.store;

import java.util.List;

/**
 * An extra SQL condition on the rows a query reads (for example the authorization scope), with the values of
 * its placeholders in order: {@code String}, {@code Long}, {@code UUID} or {@code String[]} (a text array).
 */
public record Filter(String sql, List<Object> values) {

    public Filter {
        values = List.copyOf(values);
    }
}
