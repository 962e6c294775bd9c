package org.statehub.enrollment.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.jdbc.Transactions;

/**
 * The state's own state education agency, a stateEducationAgencies item like any other: stored at start from
 * {@code state-education-agency.id} and {@code .name} when no item has that id yet, and left as it is
 * otherwise (a state administrator may have changed it through the API since). Starting again, or several
 * instances at once, stores it once.
 */
@ApplicationScoped
public class StateEducationAgencySeed {

    private static final Logger LOG = Logger.getLogger(StateEducationAgencySeed.class);
    static final String CATEGORY = "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency";

    @ConfigProperty(name = "state-education-agency.id")
    long id;

    @ConfigProperty(name = "state-education-agency.name")
    String name;

    public void seed(
            @Observes StartupEvent event,
            AgroalDataSource dataSource,
            ResourceCatalog catalog,
            ObjectMapper mapper,
            DataSpaces spaces)
            throws SQLException {
        spaces.forEach(space -> seed(dataSource, catalog, mapper));
    }

    /** Stores the state's SEA in the current data space when no item has its id. */
    private void seed(AgroalDataSource dataSource, ResourceCatalog catalog, ObjectMapper mapper) throws SQLException {
        ResourceDefinition resource = catalog.find("stateEducationAgencies");
        ObjectNode body = mapper.createObjectNode();
        body.put("stateEducationAgencyId", id);
        body.put("nameOfInstitution", name);
        body.putArray("categories").addObject().put("educationOrganizationCategoryDescriptor", CATEGORY);
        String naturalKey = NaturalKeys.of(resource, body);
        int inserted = Transactions.inTransaction(
                dataSource,
                c -> new DocumentStore()
                        .insertMissing(
                                c,
                                List.of(new DocumentStore.UpsertItem(
                                        resource.key(), naturalKey, body.toString(), null))));
        if (inserted > 0) {
            LOG.infof("State education agency %d (%s) stored", id, name);
        }
    }
}
