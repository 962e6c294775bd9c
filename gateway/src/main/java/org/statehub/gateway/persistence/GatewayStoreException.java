package org.statehub.gateway.persistence;

import java.sql.SQLException;

/**
 * The gateway's database failed a store's call (unreachable, out of connections, or it refused a statement). It
 * carries the database's {@link SQLException} as its cause, which hub-http's problem mappers find and answer as
 * for any database failure (503 with Retry-After when unreachable); callers that can do without the store catch it.
 */
public class GatewayStoreException extends RuntimeException {

    GatewayStoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
