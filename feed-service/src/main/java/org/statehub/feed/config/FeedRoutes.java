package org.statehub.feed.config;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.UrlWords;
import org.statehub.http.RouteVocabulary;

/**
 * The words of feed-service's paths ({@code /feed/v1/...}, read from its JAX-RS resources) and their query
 * parameter names, so that hub-http's edge matches them without regard to case as it does the Ed-Fi paths
 * (decision 0010): {@code /Feed/V1/Connections} is {@code /feed/v1/connections}. The resource name of a push
 * ({@code /push/{resource}}) matches in any case too; ids and values are never changed.
 */
public class FeedRoutes {

    @Produces
    @Singleton
    RouteVocabulary vocabulary(ResourceCatalog catalog, BeanManager beans) {
        return RouteVocabulary.builder()
                .words("resource", UrlWords.of(catalog).resources())
                .resources(RouteVocabulary.resourceClasses(beans, "org.statehub.feed"))
                .build();
    }
}
