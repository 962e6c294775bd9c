package org.statehub.feed.service;

/** Makes a connection's publishing client at the hub: a SISVendor API client scoped to the connection's LEA. */
public interface PublishingClients {

    /** A client id and its secret. */
    record Client(String id, String secret) {}

    /** What a publishing client could not be made for: unavailable, with why. */
    final class Unavailable extends Exception {
        public Unavailable(String detail) {
            super(detail, null, false, false);
        }
    }

    Client create(String displayName, long leaId) throws Unavailable;
}
