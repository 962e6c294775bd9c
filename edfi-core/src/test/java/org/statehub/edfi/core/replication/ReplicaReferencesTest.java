package org.statehub.edfi.core.replication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/** A failure of the local database while a reference is checked is that failure, not "the owner is unreachable". */
class ReplicaReferencesTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.load();

    /** A connection whose every statement fails with {@code state}. */
    private static Connection failing(String state) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("refused", state);
                });
    }

    @Test
    void aDataErrorOfTheLocalDatabaseIsRaisedForTheApiToMapNotReportedAsAnUnreachableOwner() throws Exception {
        ResourceDefinition seoa = CATALOG.find("studentEducationOrganizationAssociations");
        ReferenceDeclaration declaration = seoa.references().stream()
                .filter(r -> r.path().toString().equals("$.educationOrganizationReference"))
                .findFirst()
                .orElseThrow();
        ReferenceTarget via = declaration.targets().stream()
                .filter(t -> t.resource().equals("schools"))
                .findFirst()
                .orElseThrow();
        ReplicaConsumer consumer = new ReplicaConsumer(
                "enrollment-service",
                null,
                Set.of("schools"),
                CATALOG,
                null,
                0,
                new org.statehub.edfi.core.service.SkippedRecords());
        ReplicaReferences references = new ReplicaReferences(List.of(consumer), CATALOG);

        assertThatThrownBy(() -> references.resolve(
                        failing("22P05"),
                        CATALOG.find("schools"),
                        via,
                        new ObjectMapper().readTree("{\"educationOrganizationId\": 255901001}")))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("22P05");
    }
}
