package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.io.IOException;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.config.FeedConfig;
import org.statehub.feed.delivery.HubClient;

/** {@link PublishingClients} made through the hub's {@code POST /admin/v1/clients} with feed-service's admin client. */
@Singleton
@RequiredArgsConstructor
public class HubPublishingClients implements PublishingClients {

    private final HubClient hub;
    private final FeedConfig config;

    @Override
    public Client create(String displayName, long leaId) throws Unavailable {
        if (config.admin().clientId().isEmpty()) {
            throw new Unavailable("feed-service has no hub admin client (FEED_ADMIN_CLIENT_ID), so it cannot make the"
                    + " connection's publishing client.");
        }
        try {
            String[] client = hub.createVendorClient(
                    config.admin().clientId().get(),
                    config.admin().clientSecret().orElse(""),
                    displayName,
                    leaId);
            return new Client(client[0], client[1]);
        } catch (IOException e) {
            throw new Unavailable("The hub could not make the connection's publishing client: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted.");
        }
    }
}
