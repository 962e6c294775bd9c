package org.statehub.edfi.core.dataspace;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.StoreException;

/**
 * Gives every connection taken from the service's pool the schema of the current data space
 * ({@link DataSpaces#current}): the year's, or the service's own. The schema is set on every acquisition, whatever
 * the connection's previous borrower left, so no request or job can ever run in another's schema, and no statement
 * needs to name one. Without year instances it does nothing (the connection's {@code currentSchema} setting holds).
 */
@Singleton
@RequiredArgsConstructor
public class DataSpaceInterceptor implements AgroalPoolInterceptor {

    private final DataSpaces spaces;

    @Override
    public void onConnectionAcquire(Connection connection) {
        if (!spaces.years().enabled()) {
            return;
        }
        try {
            connection.setSchema(spaces.schema(DataSpaces.current()));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
