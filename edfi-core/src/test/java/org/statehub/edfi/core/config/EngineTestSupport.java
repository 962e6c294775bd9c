package org.statehub.edfi.core.config;

import org.statehub.edfi.core.service.RemoteReferences;

/** Access to package-private engine parts for tests that build the engine without Quarkus. */
public final class EngineTestSupport {

    private EngineTestSupport() {
    }

    public static RemoteReferences noRemoteReferences() {
        return new NoRemoteReferences();
    }
}
