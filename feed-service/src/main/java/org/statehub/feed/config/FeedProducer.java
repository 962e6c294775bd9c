package org.statehub.feed.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.delivery.Delivery;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.domain.HoldRule;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.VendorClient;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.JdbcRunSteps;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.Secrets;

/** Builds the framework-free feed pipeline from configuration. */
public class FeedProducer {

    @Produces
    @Singleton
    ResourceCatalog catalog() {
        return ResourceCatalog.contract();
    }

    @Produces
    @Singleton
    ConnectionStore connectionStore(FeedConfig config, ObjectMapper mapper) {
        return new ConnectionStore(new Secrets(config.secretKey().orElse("")), mapper);
    }

    @Produces
    @Singleton
    HubClient hubClient(FeedConfig config, ObjectMapper mapper) {
        return new HubClient(config.hubUrl(), mapper, config.delivery().timeout());
    }

    @Produces
    @Singleton
    Puller puller(
            FeedConfig config,
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            ResourceCatalog catalog,
            ConnectionStore connections,
            RunStore runs,
            Differ differ,
            JdbcRunSteps steps,
            FeedYears years) {
        return new Puller(
                dataSource,
                mapper,
                catalog,
                new VendorClient(mapper, config.pullTimeout()),
                config.pageSize(),
                connections,
                runs,
                differ,
                steps,
                steps,
                new HoldRule(config.hold().deleteShare(), config.hold().minimumRecords()),
                years);
    }

    @Produces
    @Singleton
    Delivery delivery(
            FeedConfig config,
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            HubClient hub,
            ConnectionStore connections,
            Outbox outbox,
            RunStore runs) {
        return new Delivery(
                dataSource,
                mapper,
                hub,
                connections,
                outbox,
                runs,
                new Delivery.Settings(
                        config.delivery().batch(),
                        config.delivery().bulkSize(),
                        config.delivery().parallelism(),
                        config.delivery().maxBackoff(),
                        config.admin().clientId().orElse(null),
                        config.admin().clientSecret().orElse(""),
                        config.delivery().lease()));
    }
}
