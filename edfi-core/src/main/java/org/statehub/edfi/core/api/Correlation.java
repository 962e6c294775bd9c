package org.statehub.edfi.core.api;

import jakarta.enterprise.context.RequestScoped;

/** The correlation id of the current request: the client's ({@code correlation-id} header or query) or a new one. */
@RequestScoped
public class Correlation {

    private String id;

    public String id() {
        return id;
    }

    void set(String id) {
        this.id = id;
    }
}
