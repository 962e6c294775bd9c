package org.statehub.testing;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * On the test classpath only: points the services' client directory ({@code hub.client-directory.url}) at the
 * {@link TestDirectory} of this JVM and revalidates a client's entry on every call ({@code fresh} 0 s), so a test
 * that gives a client other organizations sees them at once.
 */
public class TestDirectoryConfigSource implements ConfigSource {

    private static final Set<String> NAMES = Set.of("hub.client-directory.url", "hub.client-directory.fresh");

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("hub.client-directory.url", TestDirectory.url(), "hub.client-directory.fresh", "0s");
    }

    @Override
    public String getValue(String name) {
        return switch (name) {
            case "hub.client-directory.url" -> TestDirectory.url();
            case "hub.client-directory.fresh" -> "0s";
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    @Override
    public String getName() {
        return "edfi-test-support client directory";
    }
}
