package org.statehub.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The district the simulator serves at start and after a reset, and its API key. */
@ConfigMapping(prefix = "sim")
public interface SimulatorConfig {

    /** Random seed of the district ({@code SIM_SEED}); the same seed gives the same district. */
    @WithDefault("42")
    long seed();

    /** Number of students generated, 1..200,000 ({@code SIM_STUDENTS}). */
    @WithDefault("1000")
    int students();

    /** The LEA's education organization id ({@code SIM_LEA_ID}); schools are leaId * 1000 + n. */
    @WithDefault("255901")
    int leaId();

    /** School year by its ending year, 2025 meaning 2024-2025 ({@code SIM_SCHOOL_YEAR}). */
    @WithDefault("2025")
    int schoolYear();

    /** Ed-Fi extension projects whose members the district also serves ({@code SIM_EXTENSIONS}: none, or sample). */
    Optional<java.util.List<String>> extensions();

    /** When set, /vendor and /templates need the header {@code X-API-Key} with this value ({@code SIM_API_KEY}). */
    Optional<String> apiKey();
}
