package org.statehub.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and layer rules of docs/ARCHITECTURE.md ("Modules and layers"), checked over the main classes of every
 * module. The services are separate processes that talk over HTTP, so a dependency of one service's code on another's
 * is a design error even where the build would let it compile.
 */
class ArchitectureTest {

    /** The root package of each deployable service. */
    private static final List<String> SERVICES = List.of(
            "org.statehub.student",
            "org.statehub.enrollment",
            "org.statehub.gateway",
            "org.statehub.feed",
            "org.statehub.conflict",
            "org.statehub.simulator");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.statehub");
    }

    @Test
    void everyModuleIsImported() {
        // A rule over classes that were not imported holds vacuously: make sure each module is really seen.
        for (String root : List.of(
                "org.statehub.student",
                "org.statehub.enrollment",
                "org.statehub.gateway",
                "org.statehub.feed",
                "org.statehub.conflict",
                "org.statehub.simulator",
                "org.statehub.edfi.core",
                "org.statehub.edfi.contract",
                "org.statehub.http",
                "org.statehub.jdbc")) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
                    .as("classes of %s imported", root)
                    .isTrue();
        }
    }

    @Test
    void servicesNeverUseEachOthersCode() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream()
                    .filter(s -> !s.equals(service))
                    .map(s -> s + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("services talk to each other over HTTP only")
                    .check(classes);
        }
    }

    @Test
    void librariesKnowNoService() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.statehub.edfi..", "org.statehub.http..", "org.statehub.jdbc..", "org.statehub.testing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages(SERVICES))
                .because("the engine, the contract and the shared HTTP pieces serve every service alike")
                .check(classes);
    }

    @Test
    void theContractDependsOnNothingOfTheHub() {
        noClasses()
                .that()
                .resideInAPackage("org.statehub.edfi.contract..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.statehub.edfi.core..", "org.statehub.http..", "org.statehub.testing..")
                .because("edfi-contract is data and its readers, used by the engine, the gateway and the feed")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.statehub.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.statehub.edfi.core..")
                .because("hub-http sits under the engine, not on top of it")
                .check(classes);
    }

    @Test
    void theSimulatorKnowsNothingOfTheHub() {
        noClasses()
                .that()
                .resideInAPackage("org.statehub.simulator..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to the hub",
                        c -> c.getPackageName().startsWith("org.statehub.")
                                && !c.getPackageName().startsWith("org.statehub.simulator")))
                .because("it stands in for a SIS vendor, which knows only the vendor's own API")
                .check(classes);
    }

    @Test
    void theGatewayAndTheFeedDoNotRunTheEngine() {
        noClasses()
                .that()
                .resideInAnyPackage("org.statehub.gateway..", "org.statehub.feed..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.statehub.edfi.core..")
                .because("they reach Ed-Fi data over HTTP, as any client does")
                .check(classes);
    }

    @Test
    void theEngineUsesJaxRsOnlyInItsApiPackage() {
        noClasses()
                .that()
                .resideInAPackage("org.statehub.edfi.core..")
                .and()
                .resideOutsideOfPackage("org.statehub.edfi.core.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .because("the engine's services and stores know nothing of HTTP resources")
                .check(classes);
    }

    /**
     * Resources that still run SQL themselves, being moved behind stores (issue 16). The list only shrinks: a class
     * that leaves it may not come back, and no other class may join it.
     */
    private static final List<String> API_CLASSES_STILL_USING_SQL = List.of();

    @Test
    void apiPackagesUseNoSql() {
        noClasses()
                .that()
                .resideInAPackage("org.statehub..api..")
                .and(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are not yet moved behind a store",
                        c -> !API_CLASSES_STILL_USING_SQL.contains(c.getName().split("\\$")[0])))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..")
                .because("an api package parses, calls a service and maps its outcome; SQL lives in stores")
                .check(classes);
    }

    @Test
    void theListOfApiClassesUsingSqlOnlyShrinks() {
        for (String name : API_CLASSES_STILL_USING_SQL) {
            boolean exists = classes.contain(name);
            boolean usesSql = exists
                    && classes.get(name).getDirectDependenciesFromSelf().stream()
                            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("java.sql")
                                    || d.getTargetClass().getPackageName().startsWith("javax.sql"));
            org.assertj.core.api.Assertions.assertThat(usesSql)
                    .as("%s no longer uses SQL (or is gone): take it off API_CLASSES_STILL_USING_SQL", name)
                    .isTrue();
        }
    }

    @Test
    void storesKnowNoHttpResource() {
        noClasses()
                .that()
                .resideInAnyPackage("org.statehub..store..", "org.statehub..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.statehub..api..")
                .because("stores hold SQL only")
                .check(classes);
    }

    private static String[] packages(List<String> roots) {
        return roots.stream().map(r -> r + "..").toArray(String[]::new);
    }
}
