package org.statehub.testing;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.security.Strategy;

/**
 * The scope matrix over every authorization strategy (docs/decisions/0020, step 13): for each strategy the engine
 * implements, and the combinations it combines (relationship strategies with OR, namespace and ownership with AND), a
 * claim set of the test's own granting every action with those strategies on every domain ({@code Matrix-...},
 * registered in the {@link TestDirectory}) is given to each client of the fixture (inside, below, outside and above
 * the items' organizations, and the client that created some of them), and {@link ScopeMatrix} compares every way to
 * reach every item (GET by id and by example, collections with {@code Total-Count} from a change version,
 * POST/PUT/DELETE, {@code /deletes}, {@code /keyChanges}, {@code changedResources} over the fixture's window) with
 * what {@link ScopeOracle} says the documented rule gives.
 */
public final class StrategyMatrix {

    /** Every strategy alone, and the combinations the engine combines. */
    public static final List<List<Strategy>> COMBINATIONS = combinations();

    /** The domains a matrix claim set grants every action on (every resource of the hub is below one). */
    private static final List<String> DOMAINS = List.of(
            "edFiTypes",
            "systemDescriptors",
            "managedDescriptors",
            "educationOrganizations",
            "people",
            "relationshipBasedData",
            "primaryRelationships");

    private static final List<String> ACTIONS = List.of("Create", "Read", "Update", "Delete", "ReadChanges");

    /** A fixture item: the data path it is served under, the item as the matrix knows it, its securable facts. */
    private record Cell(String base, ScopeMatrix.Item item, ScopeOracle.Securable securable) {}

    /** A tombstone or key change of the fixture, with the organizations it recorded. */
    private record Record(
            String base,
            boolean delete,
            ScopeMatrix.Change change,
            ScopeOracle.Securable securable,
            Set<Long> audience) {}

    private final ScopeOracle oracle;
    private final long since;
    private final List<ScopeOracle.Client> clients = new ArrayList<>();
    private final List<Cell> cells = new ArrayList<>();
    private final List<Record> records = new ArrayList<>();
    private final Map<String, long[]> windows = new LinkedHashMap<>();
    private int checks;
    private int cellCount;

    /** A matrix over what was written after change version {@code since}, with {@code oracle}'s facts. */
    public StrategyMatrix(ScopeOracle oracle, long since) {
        this.oracle = oracle;
        this.since = since;
    }

    private static List<List<Strategy>> combinations() {
        List<List<Strategy>> all = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            all.add(List.of(strategy));
        }
        all.add(List.of(Strategy.RelationshipsWithEdOrgsOnly, Strategy.RelationshipsWithPeopleOnly));
        all.add(List.of(Strategy.RelationshipsWithEdOrgsOnly, Strategy.RelationshipsWithStudentsOnly));
        all.add(List.of(Strategy.RelationshipsWithEdOrgsAndPeople, Strategy.CreatorUntilRelated));
        all.add(List.of(Strategy.RelationshipsWithPeopleOnly, Strategy.CreatorUntilRelated));
        all.add(List.of(Strategy.RelationshipsWithEdOrgsOnly, Strategy.OwnershipBased));
        all.add(List.of(Strategy.RelationshipsWithEdOrgsAndPeople, Strategy.OwnershipBased));
        all.add(List.of(Strategy.NoFurtherAuthorizationRequired, Strategy.OwnershipBased));
        all.add(List.of(Strategy.NoFurtherAuthorizationRequired, Strategy.NamespaceBased));
        all.add(List.of(Strategy.RelationshipsWithEdOrgsAndPeople, Strategy.NamespaceBased));
        return List.copyOf(all);
    }

    /** The claim set's name for {@code strategies}: {@code Matrix-} and their names joined by {@code +}. */
    public static String name(List<Strategy> strategies) {
        return "Matrix-" + strategies.stream().map(Strategy::name).collect(Collectors.joining("+"));
    }

    /** The Admin API JSON of the claim set granting every action with {@code strategies} on every domain. */
    public static String claimSet(List<Strategy> strategies) {
        String actions = ACTIONS.stream()
                .map(action -> "{\"name\":\"" + action + "\",\"enabled\":true}")
                .collect(Collectors.joining(","));
        String names = strategies.stream()
                .map(strategy -> "{\"authStrategyName\":\"" + strategy.name() + "\"}")
                .collect(Collectors.joining(","));
        String overrides = ACTIONS.stream()
                .map(action -> "{\"actionName\":\"" + action + "\",\"authorizationStrategies\":[" + names + "]}")
                .collect(Collectors.joining(","));
        return "{\"name\":\"" + name(strategies) + "\",\"resourceClaims\":["
                + DOMAINS.stream()
                        .map(domain -> "{\"name\":\"" + domain + "\",\"actions\":[" + actions
                                + "],\"authorizationStrategyOverridesForCRUD\":[" + overrides + "]}")
                        .collect(Collectors.joining(","))
                + "]}";
    }

    public StrategyMatrix client(ScopeOracle.Client client) {
        clients.add(client);
        return this;
    }

    /**
     * Creates fixture items ({@code POST}, 201 or 200 expected) as the client of {@code as} (e.g.
     * {@code given().auth().oauth2(token)}) under the data path {@code base}.
     */
    public Writer as(RequestSpecification as, String base) {
        return new Writer(as, base);
    }

    /** What {@link #as} returns: a writer of fixture items. */
    @RequiredArgsConstructor
    public final class Writer {
        private final RequestSpecification as;
        private final String base;

        /** Creates the item and adds it to the matrix; its id. */
        public String item(String resource, String body, Map<String, String> byExample, ScopeOracle.Securable facts) {
            String id = ScopeMatrix.create(as, base, resource, body);
            String label = resource + " " + byExample + (facts.creator() == null ? "" : " (creator's)");
            cells.add(new Cell(base, new ScopeMatrix.Item(label, resource, id, body, byExample, Set.of()), facts));
            return id;
        }
    }

    /**
     * Creates an item with the test's default token and deletes it: a tombstone of the fixture, which keeps the
     * organizations that saw the item when it was deleted.
     */
    public StrategyMatrix tombstone(String base, String resource, String body, ScopeOracle.Securable facts) {
        Set<Long> audience = oracle.audience(facts);
        ScopeMatrix.Change change = ScopeMatrix.createdAndDeleted(base, resource, body, Set.of());
        records.add(new Record(base, true, change, facts, audience));
        return this;
    }

    /** A key change of the fixture's item {@code id} (made by the test), described by {@code label}. */
    public StrategyMatrix keyChanged(
            String base, String label, String resource, String id, ScopeOracle.Securable facts) {
        ScopeMatrix.Change change = new ScopeMatrix.Change(label, resource, id, Set.of());
        records.add(new Record(base, false, change, facts, oracle.audience(facts)));
        return this;
    }

    /**
     * The items of {@code base} written after {@link #since} up to {@code upTo}, with nothing else of the service in
     * between: checked by {@code changedResources} too.
     */
    public StrategyMatrix window(String base, long upTo) {
        windows.put(base, new long[] {since, upTo});
        return this;
    }

    /** Answers compared by the last {@link #assertNoLeaks}. */
    public int checks() {
        return checks;
    }

    /** Cells (strategy combination x client x item or record) of the last {@link #assertNoLeaks}. */
    public int cells() {
        return cellCount;
    }

    /**
     * Runs the matrix of every combination; fails with one line per leak or miss (prefixed by the claim set), or when
     * no more than {@code moreChecksThan} answers were compared.
     */
    public void assertNoLeaks(int moreChecksThan) {
        checks = 0;
        cellCount = 0;
        List<String> findings = new ArrayList<>();
        for (List<Strategy> strategies : COMBINATIONS) {
            findings.addAll(run(strategies));
        }
        System.out.println("Strategy matrix: " + COMBINATIONS.size() + " claim sets x " + clients.size()
                + " clients x " + (cells.size() + records.size()) + " items and records = " + cellCount + " cells, "
                + checks + " answers compared, " + findings.size() + " findings");
        if (!findings.isEmpty()) {
            throw new AssertionError(findings.size() + " of " + checks + " strategy-matrix checks failed:\n  "
                    + String.join("\n  ", findings));
        }
        if (checks <= moreChecksThan) {
            throw new AssertionError(
                    "only " + checks + " strategy-matrix checks ran, expected more than " + moreChecksThan);
        }
    }

    private List<String> run(List<Strategy> strategies) {
        String name = name(strategies);
        TestDirectory.claimSet(claimSet(strategies));
        Set<String> bases = new LinkedHashSet<>();
        cells.forEach(cell -> bases.add(cell.base()));
        records.forEach(record -> bases.add(record.base()));
        List<String> findings = new ArrayList<>();
        for (String base : bases) {
            ScopeMatrix matrix = new ScopeMatrix(base, since);
            for (ScopeOracle.Client client : clients) {
                matrix.client(
                        client.name(),
                        TestTokens.token(
                                client.clientId(),
                                name,
                                List.copyOf(client.organizations()),
                                client.namespacePrefixes(),
                                1800));
            }
            List<ScopeMatrix.Item> items = new ArrayList<>();
            for (Cell cell : cells) {
                if (cell.base().equals(base)) {
                    ScopeMatrix.Item item = cell.item();
                    items.add(new ScopeMatrix.Item(
                            item.label(),
                            item.resource(),
                            item.id(),
                            item.body(),
                            item.byExample(),
                            seers(client -> oracle.reaches(strategies, cell.securable(), client))));
                }
            }
            long[] window = windows.get(base);
            if (window == null) {
                items.forEach(matrix::item);
            } else {
                matrix.written(window[0], window[1], items);
            }
            for (Record record : records) {
                if (record.base().equals(base)) {
                    ScopeMatrix.Change change = record.change();
                    ScopeMatrix.Change seen = new ScopeMatrix.Change(
                            change.label(),
                            change.resource(),
                            change.id(),
                            seers(client ->
                                    oracle.seesRecord(strategies, record.securable(), record.audience(), client)));
                    if (record.delete()) {
                        matrix.deleted(seen);
                    } else {
                        matrix.keyChanged(seen);
                    }
                }
            }
            matrix.findings().forEach(finding -> findings.add(name + "  " + finding));
            checks += matrix.checks();
        }
        cellCount += clients.size() * (cells.size() + records.size());
        return findings;
    }

    private Set<String> seers(java.util.function.Predicate<ScopeOracle.Client> sees) {
        return clients.stream().filter(sees).map(ScopeOracle.Client::name).collect(Collectors.toSet());
    }
}
