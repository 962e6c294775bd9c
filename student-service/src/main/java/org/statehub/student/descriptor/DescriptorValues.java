package org.statehub.student.descriptor;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.descriptor.StandardDescriptors;

/**
 * The descriptor values this service accepts, stored in its own schema and loaded with the standard Ed-Fi set at
 * start (idempotently). Known values are cached; a value not in the cache is looked up in the table, so values
 * added to the table later are found without a restart.
 */
@Singleton
public class DescriptorValues implements DescriptorLookup {

    private static final Logger LOG = Logger.getLogger(DescriptorValues.class);

    @Inject
    AgroalDataSource dataSource;

    private final Set<DescriptorValue> known = ConcurrentHashMap.newKeySet();

    void loadStandardSet(@Observes StartupEvent event) throws SQLException {
        List<StandardDescriptors.Entry> entries = new ArrayList<>();
        StandardDescriptors.forEach(entries::add);
        int added = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO descriptor_value (descriptor, uri) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (StandardDescriptors.Entry entry : entries) {
                ps.setString(1, entry.descriptor());
                ps.setString(2, entry.uri());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                added += Math.max(count, 0);
            }
        }
        entries.forEach(e -> known.add(new DescriptorValue(e.descriptor(), e.uri())));
        LOG.infof("Standard descriptors: %d values, %d newly stored", entries.size(), added);
    }

    @Override
    public Set<DescriptorValue> missing(Collection<DescriptorValue> values) throws SQLException {
        Set<DescriptorValue> unknown = new HashSet<>();
        for (DescriptorValue value : values) {
            if (!known.contains(value)) {
                unknown.add(value);
            }
        }
        if (unknown.isEmpty()) {
            return unknown;
        }
        Set<DescriptorValue> missing = new HashSet<>(unknown);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM descriptor_value WHERE descriptor = ? AND uri = ?")) {
            for (DescriptorValue value : unknown) {
                ps.setString(1, value.descriptor());
                ps.setString(2, value.uri());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        known.add(value);
                        missing.remove(value);
                    }
                }
            }
        }
        return missing;
    }
}
