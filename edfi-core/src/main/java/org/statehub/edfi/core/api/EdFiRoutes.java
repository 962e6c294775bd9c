package org.statehub.edfi.core.api;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.UrlWords;
import org.statehub.http.RouteVocabulary;

/**
 * The words of the Ed-Fi paths a service built on the engine serves ({@code /data/v3/ed-fi/{resource}},
 * {@code /deletes}, {@code /keyChanges}, {@code /partitions}, {@code /changeQueries/v1/...}, the bulk and audit
 * extensions) and their query parameter names, from the contract's {@link UrlWords}, so that hub-http's edge
 * matches them without regard to case as the ODS/API does. Item ids are never changed.
 */
public class EdFiRoutes {

    /** The vocabulary of the contract's resources. */
    public static RouteVocabulary of(UrlWords words) {
        RouteVocabulary.Builder builder = RouteVocabulary.builder();
        words.sets().forEach(builder::words);
        words.routes().forEach(builder::route);
        return builder.queryNames(words.queryNames()).build();
    }

    /** The service's vocabulary bean, which hub-http's edge uses. */
    @Produces
    @Singleton
    RouteVocabulary vocabulary(ResourceCatalog catalog) {
        return of(UrlWords.of(catalog));
    }
}
