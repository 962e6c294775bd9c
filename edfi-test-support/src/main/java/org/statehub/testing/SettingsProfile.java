package org.statehub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@code @TestProfile} that is only settings: the configuration it overrides and the test resources it starts
 * (e.g. {@link PostgresTestResource} and a stand-in service). A test's profile extends it with a constructor that
 * names both.
 */
public abstract class SettingsProfile implements QuarkusTestProfile {

    private final Map<String, String> settings;
    private final List<TestResourceEntry> resources;

    @SafeVarargs
    protected SettingsProfile(
            Map<String, String> settings, Class<? extends QuarkusTestResourceLifecycleManager>... resources) {
        this.settings = settings;
        this.resources = Arrays.stream(resources).map(TestResourceEntry::new).toList();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return settings;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return resources;
    }
}
