package org.statehub.edfi.core.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.store.ClaimedSets;
import org.statehub.jdbc.Transactions;

/**
 * Stores a many-organization client's organizations once in the database (V1_11), so that its statements bind a
 * short key instead of sending every id each time and {@link Relationships} can check one item with a few index
 * probes (issue 15 item 7; docs/decisions/0018). The key is the digest of the set: the same organizations are
 * the same key in every service and for every client, and a set an administrator changed is another key at once
 * (the client directory's freshness, decision 0009, is the only delay). A scope of fewer than {@code keyedFrom}
 * organizations is left as it is (its ids are sent with each statement, as before V1_11).
 *
 * <p>A set is registered once per service and renewed every {@link #RENEW_NANOS}; sets no service renewed for
 * {@link #UNUSED_DAYS} days are removed when a new set is stored. When the database cannot store a set, the scope
 * stays unkeyed: slower, never a different answer.
 */
@RequiredArgsConstructor
public final class ClaimedOrganizations {

    private static final Logger LOG = Logger.getLogger(ClaimedOrganizations.class);

    /** From this many organizations on, a scope is stored and keyed. */
    public static final int KEYED_FROM = 64;

    static final long RENEW_NANOS = 10L * 60 * 1_000_000_000;
    static final int UNUSED_DAYS = 1;

    /** How many sets' keys are kept in memory (each entry holds its set: a few hundred kB for 10,000 ids). */
    static final int KEYS_KEPT = 64;

    private final DataSource dataSource;
    private final int keyedFrom;

    /** Keys stored in this service's database, with when this service last stored or renewed them. */
    private final Map<String, Long> registered = new ConcurrentHashMap<>();

    /** The key of each set last seen, by identity (the client directory hands out the same set while fresh). */
    private final Map<IdentityOf, String> keys = new ConcurrentHashMap<>();

    private record IdentityOf(Set<Long> set) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityOf that && that.set == set;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(set);
        }
    }

    /** The scope, keyed when it names {@code keyedFrom} organizations or more and its set is stored. */
    public AccessScope keyed(AccessScope scope) {
        if (scope.unrestricted()
                || scope.claimedKey() != null
                || scope.educationOrganizationIds().size() < keyedFrom) {
            return scope;
        }
        Set<Long> set = scope.educationOrganizationIds();
        String key = keys.get(new IdentityOf(set));
        String[] ids = null;
        if (key == null) {
            ids = scope.organizationIdTexts();
            key = key(ids);
            if (keys.size() >= KEYS_KEPT) {
                keys.clear();
            }
            keys.put(new IdentityOf(set), key);
        }
        // stored in the schema of the request's data space: registered there, not in every space
        String registeredKey = DataSpaces.keyed(key);
        Long at = registered.get(registeredKey);
        long now = System.nanoTime();
        if (at == null || now - at > RENEW_NANOS) {
            try {
                String[] texts = ids == null ? scope.organizationIdTexts() : ids;
                String stored = key;
                Transactions.inTransaction(dataSource, c -> {
                    ClaimedSets.register(c, stored, texts);
                    return null;
                });
                if (at == null) {
                    Transactions.inTransaction(dataSource, c -> ClaimedSets.removeUnused(c, UNUSED_DAYS));
                }
                registered.put(registeredKey, now);
            } catch (SQLException e) {
                LOG.warnf(
                        "A client's %d organizations could not be stored (%s); they are sent with each statement",
                        set.size(), e.getMessage());
                return scope;
            }
        }
        return scope.keyed(key);
    }

    /** The key of a set: hex SHA-256 of its ids as text, sorted, comma-separated. */
    static String key(String[] sortedIds) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < sortedIds.length; i++) {
                if (i > 0) {
                    digest.update((byte) ',');
                }
                digest.update(sortedIds[i].getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
