package org.statehub.conflict.config;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import org.statehub.http.RouteVocabulary;

/**
 * The words of conflict-service's own paths ({@code /conflicts/v1/...}, read from its JAX-RS resources) and their
 * query parameter names, so that hub-http's edge matches them without regard to case as it does the Ed-Fi paths
 * (decision 0010): {@code /Conflicts/V1/Duplicates} is {@code /conflicts/v1/duplicates}. Ids and values are never
 * changed.
 */
public class ConflictRoutes {

    @Produces
    @Singleton
    RouteVocabulary vocabulary(BeanManager beans) {
        return RouteVocabulary.builder()
                .resources(RouteVocabulary.resourceClasses(beans, "org.statehub.conflict"))
                .build();
    }
}
