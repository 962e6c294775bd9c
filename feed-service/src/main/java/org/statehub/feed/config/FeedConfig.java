package org.statehub.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** feed-service settings ({@code feed.*}). */
@ConfigMapping(prefix = "feed")
public interface FeedConfig {

    /** The hub's public base URL (the gateway): Ed-Fi API, token endpoint and client admin API. */
    String hubUrl();

    /** The StateAdmin client that creates a publishing client per connection. */
    Admin admin();

    /** Key (any long text) from which the key that encrypts stored credentials is derived. */
    Optional<String> secretKey();

    /** Records asked of a vendor per request. */
    @WithDefault("500")
    int pageSize();

    /** Longest wait for one vendor response (connect and each read). */
    @WithDefault("30s")
    Duration pullTimeout();

    /** How often due scheduled pulls are looked for. */
    @WithDefault("20s")
    Duration scheduleCheck();

    /** Publishing settings. */
    Delivery delivery();

    /** Safety holds of pulls that would delete much. */
    Hold hold();

    /** The dates of the school years records are published to, when the deployment keeps years apart. */
    Years years();

    interface Years {
        /**
         * A school year's own first and last days, {@code YEAR=FIRST..LAST} each (e.g.
         * {@code 2026=2025-08-01..2026-06-05}); a year not named runs 07-01 to 06-30 (see {@link FeedYears}).
         */
        Optional<java.util.List<String>> dates();
    }

    interface Hold {
        /** A pull that would delete more than this share of a resource's records of the connection is held. */
        @WithDefault("0.05")
        double deleteShare();

        /** Resources with fewer records than this are never held (a few deletes there are a large share). */
        @WithDefault("20")
        long minimumRecords();
    }

    interface Admin {
        /** Client id (empty: connections cannot be created). */
        Optional<String> clientId();

        /** Client secret. */
        Optional<String> clientSecret();
    }

    interface Delivery {
        /** Whether this instance publishes the outbox (false: pulls queue changes, nothing is sent). */
        @WithDefault("true")
        boolean enabled();

        /** How often the outbox is looked at. */
        @WithDefault("1s")
        Duration interval();

        /** Outbox rows claimed at a time (of each connection, its lowest pending dependency rank). */
        @WithDefault("800")
        int batch();

        /**
         * Upserts of one resource sent in one bulk request ({@code POST /bulk/v1/ed-fi/{resource}}); 1 sends
         * every record as its own Ed-Fi POST.
         */
        @WithDefault("100")
        int bulkSize();

        /** Requests to the hub in flight at once. */
        @WithDefault("8")
        int parallelism();

        /** Longest wait between retries of a failed delivery (the wait doubles from 1 s). */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Longest wait for one hub response. */
        @WithDefault("30s")
        Duration timeout();

        /**
         * How long a claim holds its outbox rows without a renewal (renewed every third of it while the hub is
         * called): the rows of an instance that died are claimed again after at most this long.
         */
        @WithDefault("60s")
        Duration lease();
    }
}
