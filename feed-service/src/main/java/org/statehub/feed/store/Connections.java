package org.statehub.feed.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.SeenCode;

/** SIS connections and their code mappings as the admin API reads and changes them. */
public interface Connections {

    Optional<SisConnection> find(String id) throws SQLException;

    /** In the order they were made. */
    List<SisConnection> list() throws SQLException;

    void insert(SisConnection connection) throws SQLException;

    void update(SisConnection connection) throws SQLException;

    List<ConnectionStore.Mapping> mappings(String connectionId) throws SQLException;

    /** Adds or replaces mappings (same descriptor, code and school year). */
    void putMappings(String connectionId, List<ConnectionStore.Mapping> mappings) throws SQLException;

    /** False when there was no such mapping. */
    boolean deleteMapping(String connectionId, String descriptor, String vendorCode, int schoolYear)
            throws SQLException;

    /** Copies one school year's mappings to another; how many were copied. */
    int rollover(String connectionId, int from, int to) throws SQLException;

    /**
     * The vendor values seen, of one school year (and the undated) or all, only the unmapped ones when
     * {@code unmappedOnly}.
     */
    List<SeenCode> seen(String connectionId, Integer schoolYear, Boolean unmappedOnly) throws SQLException;
}
