package org.statehub.enrollment.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.dataspace.StartupSeed;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.jdbc.Transactions;

/**
 * The state's own state education agency, a stateEducationAgencies item like any other: stored at start in every
 * data space from {@code state-education-agency.id} and {@code .name} when no item has that id yet, and left as
 * it is otherwise (a state administrator may have changed it through the API since). Starting again, or several
 * instances at once, stores it once.
 */
@ApplicationScoped
@RequiredArgsConstructor
public class StateEducationAgencySeed implements StartupSeed {

    private static final Logger LOG = Logger.getLogger(StateEducationAgencySeed.class);
    static final String CATEGORY = "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency";

    @ConfigProperty(name = "state-education-agency.id")
    private final long id;

    @ConfigProperty(name = "state-education-agency.name")
    private final String name;

    private final AgroalDataSource dataSource;
    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;

    /** Stores the state's SEA in the current data space when no item has its id. */
    @Override
    public void seed(Optional<String> space) throws SQLException {
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
            LOG.infof("State education agency %d (%s) stored%s", id, name, DataSpaces.named(space));
        }
    }
}
