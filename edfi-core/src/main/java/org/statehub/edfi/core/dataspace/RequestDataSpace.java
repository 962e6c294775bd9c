package org.statehub.edfi.core.dataspace;

import jakarta.enterprise.context.RequestScoped;

/**
 * The data space of this request, set once its {@code Hub-Data-Space} header was checked; none (the service's own
 * schema) otherwise. Request-scoped, so it ends with its request and can never be seen by the next one.
 */
@RequestScoped
public class RequestDataSpace {

    private String year;

    public String year() {
        return year;
    }

    public void set(String year) {
        this.year = year;
    }
}
