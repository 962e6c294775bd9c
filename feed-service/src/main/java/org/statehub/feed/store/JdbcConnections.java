package org.statehub.feed.store;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.SeenCode;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;

/** {@link Connections} by the {@link ConnectionStore}, each call on a connection of its own (changes in a transaction). */
@Singleton
@RequiredArgsConstructor
public class JdbcConnections implements Connections {

    private final AgroalDataSource dataSource;
    private final ConnectionStore store;

    private <T> T read(Transactions.Work<T> work) throws SQLException {
        return Transactions.read(dataSource, work);
    }

    private <T> T write(Transactions.Work<T> work) throws SQLException {
        return Transactions.inTransaction(dataSource, work);
    }

    @Override
    public Optional<SisConnection> find(String id) throws SQLException {
        return read(c -> store.find(c, id));
    }

    @Override
    public List<SisConnection> list() throws SQLException {
        return read(store::list);
    }

    @Override
    public void insert(SisConnection connection) throws SQLException {
        write(c -> {
            store.insert(c, connection);
            return null;
        });
    }

    @Override
    public void update(SisConnection connection) throws SQLException {
        write(c -> store.update(c, connection));
    }

    @Override
    public List<ConnectionStore.Mapping> mappings(String connectionId) throws SQLException {
        return read(c -> store.mappings(c, connectionId));
    }

    @Override
    public void putMappings(String connectionId, List<ConnectionStore.Mapping> mappings) throws SQLException {
        write(c -> {
            store.putMappings(c, connectionId, mappings);
            return null;
        });
    }

    @Override
    public boolean deleteMapping(String connectionId, String descriptor, String vendorCode, int schoolYear)
            throws SQLException {
        return write(c -> store.deleteMapping(c, connectionId, descriptor, vendorCode, schoolYear));
    }

    @Override
    public int rollover(String connectionId, int from, int to) throws SQLException {
        return write(c -> store.rollover(c, connectionId, from, to));
    }

    @Override
    public List<SeenCode> seen(String connectionId, Integer schoolYear, Boolean unmappedOnly) throws SQLException {
        Conditions where = Conditions.where("s.connection_id = ?", connectionId)
                .andIfGiven("s.school_year IN (?, 0)", schoolYear)
                .andIf(Boolean.TRUE.equals(unmappedOnly), "coalesce(y.uri, a.uri) IS NULL");
        return read(c -> Sql.list(
                c,
                """
                SELECT s.descriptor, s.vendor_code, s.school_year, s.records, coalesce(y.uri, a.uri),
                    (SELECT count(*) FROM data_error e WHERE e.connection_id = s.connection_id AND e.state = 'open'
                        AND e.kind = 'unmapped-code'
                        AND (',' || e.code || ',') LIKE ('%,' || s.descriptor || '=' || s.vendor_code || ',%')),
                    s.last_seen
                FROM code_seen s
                LEFT JOIN code_mapping y ON y.connection_id = s.connection_id AND y.descriptor = s.descriptor
                    AND y.vendor_code = s.vendor_code AND y.school_year = s.school_year
                LEFT JOIN code_mapping a ON a.connection_id = s.connection_id AND a.descriptor = s.descriptor
                    AND a.vendor_code = s.vendor_code AND a.school_year = 0
                """ + where.sql() + " ORDER BY s.descriptor, s.vendor_code, s.school_year",
                Rows.of(SeenCode.class),
                where.values()));
    }
}
