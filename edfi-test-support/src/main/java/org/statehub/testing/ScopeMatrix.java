package org.statehub.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;

/**
 * The scope matrix of relationship-based authorization, over HTTP: every client against every item of a fixture,
 * for each way to reach it (the collection, {@code Total-Count}, GET by id, GET by example with the item's key,
 * POST and PUT of the item as it is, DELETE, {@code /deletes}, {@code /keyChanges} and
 * {@code /changeQueries/v1/changedResources}), plus writes that must be refused. Each item says which clients
 * see it; a client that sees it may also write it. {@link #findings()} lists every answer that differs: a
 * <em>leak</em> (a client reached what it should not) or a <em>miss</em> (a client was refused what it should
 * reach), one readable line each.
 */
@RequiredArgsConstructor
public final class ScopeMatrix {

    /** An item of the fixture: its resource, id, body as written, the query that finds it, who sees it. */
    public record Item(
            String label, String resource, String id, String body, Map<String, String> byExample, Set<String> seenBy) {}

    /** A tombstone or key change of the fixture and who sees it. */
    public record Change(String label, String resource, String id, Set<String> seenBy) {}

    /** A write that must be refused with 403. */
    public record Refused(String client, String method, String path, String body, String what) {}

    /** A window of change versions in which exactly {@code items} were written. */
    public record Window(long min, long max, List<Item> items) {}

    /** The data path, e.g. {@code /data/v3/ed-fi/}. */
    private final String base;
    /** The change version before the fixture was written (collections and change queries are read from there on). */
    private final long since;

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<Item> items = new ArrayList<>();
    private final List<Change> deletes = new ArrayList<>();
    private final List<Change> keyChanges = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private int checks;

    /**
     * Creates an item of the fixture ({@code POST base + resource} with the test's default token; 201 expected) and
     * describes it for the matrix: its label names the resource and the query that finds it.
     */
    public static Item created(
            String base, String resource, String body, Map<String, String> byExample, Set<String> seenBy) {
        return new Item(resource + " " + byExample, resource, create(base, resource, body), body, byExample, seenBy);
    }

    /** Creates an item and deletes it again (204 expected): a tombstone of the fixture. */
    public static Change createdAndDeleted(String base, String resource, String body, Set<String> seenBy) {
        String id = create(base, resource, body);
        given().delete(base + resource + "/" + id).then().statusCode(204);
        return new Change("deleted " + resource + " " + body.replaceAll("\\s+", ""), resource, id, seenBy);
    }

    /** {@code POST base + resource} with the test's default token: the item's id (201, or 200 if there as it is). */
    public static String create(String base, String resource, String body) {
        return create(given(), base, resource, body);
    }

    /** {@code POST base + resource} as {@code as} (e.g. {@code given().auth().oauth2(token)}): the item's id. */
    public static String create(RequestSpecification as, String base, String resource, String body) {
        Response response = as.contentType(ContentType.JSON).body(body).post(base + resource);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError(
                    "POST " + resource + " answered " + response.statusCode() + ": " + response.asString());
        }
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The service's newest change version: what a fixture's {@code since} is read from. */
    public static long newestChangeVersion() {
        return given().get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("newestChangeVersion");
    }

    /**
     * The ids a change query ({@code path}, e.g. {@code /data/v3/ed-fi/students/deletes}) lists after change version
     * {@code since} to the client with {@code token}.
     */
    public static List<String> changeIds(String token, String path, long since) {
        return given().auth()
                .oauth2(token)
                .queryParam("minChangeVersion", since + 1)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class);
    }

    public ScopeMatrix client(String name, String token) {
        tokens.put(name, token);
        return this;
    }

    public ScopeMatrix item(Item item) {
        items.add(item);
        return this;
    }

    /**
     * {@code items}, written after change version {@code after} up to {@code upTo} and nothing else in between: each
     * item is checked, and the window by {@code changedResources}.
     */
    public ScopeMatrix written(long after, long upTo, List<Item> items) {
        items.forEach(this::item);
        windows.add(new Window(after + 1, upTo, items));
        return this;
    }

    public ScopeMatrix deleted(Change change) {
        deletes.add(change);
        return this;
    }

    public ScopeMatrix keyChanged(Change change) {
        keyChanges.add(change);
        return this;
    }

    public ScopeMatrix refused(Refused write) {
        refused.add(write);
        return this;
    }

    /** How many answers were compared. */
    public int checks() {
        return checks;
    }

    /** Runs every check (the refused writes first, so that a write that got through shows in the reads too). */
    public List<String> findings() {
        findings.clear();
        checks = 0;
        for (Refused write : refused) {
            RequestSpecification request = as(write.client());
            if (write.body() != null) {
                request.contentType(ContentType.JSON).body(write.body());
            }
            Response response = request.request(write.method(), write.path());
            expect(
                    response.statusCode() == 403,
                    "LEAK",
                    write.client(),
                    write.method() + " " + write.path() + " (" + write.what() + ")",
                    response.statusCode() + ", expected 403");
        }
        Set<String> resources = new LinkedHashSet<>();
        items.forEach(item -> resources.add(item.resource()));
        deletes.forEach(change -> resources.add(change.resource()));
        keyChanges.forEach(change -> resources.add(change.resource()));
        for (String client : tokens.keySet()) {
            for (String resource : resources) {
                collection(client, resource);
                changes(client, resource, "deletes", deletes);
                changes(client, resource, "keyChanges", keyChanges);
            }
            for (Item item : items) {
                single(client, item);
            }
            for (Window window : windows) {
                changedResources(client, window);
            }
        }
        return List.copyOf(findings);
    }

    /**
     * Runs every check: fails with one line per finding when there is any, and when no more than
     * {@code moreChecksThan} answers were compared (a fixture that lost its items would find nothing).
     */
    public void assertNoLeaks(int moreChecksThan) {
        List<String> found = findings();
        if (!found.isEmpty()) {
            throw new AssertionError(
                    found.size() + " of " + checks + " scope checks failed:\n  " + String.join("\n  ", found));
        }
        if (checks <= moreChecksThan) {
            throw new AssertionError("only " + checks + " scope checks ran, expected more than " + moreChecksThan);
        }
    }

    private void collection(String client, String resource) {
        Set<String> seen = new TreeSet<>();
        String token = null;
        int pages = 0;
        do {
            RequestSpecification request =
                    as(client).queryParam("minChangeVersion", since).queryParam("pageSize", 500);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            Response page = request.get(base + resource);
            if (page.statusCode() != 200) {
                expect(false, "MISS", client, "GET " + resource, page.statusCode() + ", expected 200");
                return;
            }
            seen.addAll(page.jsonPath().getList("id", String.class));
            token = page.header("Next-Page-Token");
        } while (token != null && ++pages < 100);
        Response counted = as(client)
                .queryParam("minChangeVersion", since)
                .queryParam("totalCount", true)
                .queryParam("limit", 0)
                .get(base + resource);
        expect(
                String.valueOf(seen.size()).equals(counted.header("Total-Count")),
                "LEAK",
                client,
                "GET " + resource + "?totalCount=true",
                "Total-Count " + counted.header("Total-Count") + ", but the collection has " + seen.size());
        for (Item item : items) {
            if (item.resource().equals(resource)) {
                expectListed(client, "GET " + resource + " (collection)", seen, item.label(), item.id(), item.seenBy());
            }
        }
    }

    private void single(String client, Item item) {
        String path = base + item.resource() + "/" + item.id();
        expectStatus(
                client, item, "GET " + item.resource() + "/{id}", "", as(client).get(path), 200);

        boolean sees = item.seenBy().contains(client);
        RequestSpecification example = as(client).queryParam("totalCount", true);
        item.byExample().forEach(example::queryParam);
        Response found = example.get(base + item.resource());
        int expected = sees ? 1 : 0;
        int listed = found.statusCode() == 200 ? found.jsonPath().getList("id").size() : -1;
        expect(
                listed == expected && String.valueOf(expected).equals(found.header("Total-Count")),
                sees ? "MISS" : "LEAK",
                client,
                "GET " + item.resource() + "?" + item.byExample(),
                item.label() + ": " + listed + " items, Total-Count " + found.header("Total-Count") + ", expected "
                        + expected);

        expectStatus(
                client,
                item,
                "POST " + item.resource(),
                " as it is",
                as(client).contentType(ContentType.JSON).body(item.body()).post(base + item.resource()),
                200);
        expectStatus(
                client,
                item,
                "PUT " + item.resource() + "/{id}",
                " as it is",
                as(client).contentType(ContentType.JSON).body(item.body()).put(path),
                204);
        // a wrong If-Match: an authorized DELETE answers 412 and deletes nothing, a refused one 403
        expectStatus(
                client,
                item,
                "DELETE " + item.resource() + "/{id}",
                "",
                as(client).header("If-Match", "\"0\"").delete(path),
                412);
    }

    /**
     * {@code response} to {@code request} of {@code item}: {@code whenSeen} for a client that sees the item, 403 for
     * any other; {@code as} says how the item was sent (after its label in the finding).
     */
    private void expectStatus(String client, Item item, String request, String as, Response response, int whenSeen) {
        boolean sees = item.seenBy().contains(client);
        int wanted = sees ? whenSeen : 403;
        expect(
                response.statusCode() == wanted,
                sees ? "MISS" : "LEAK",
                client,
                request,
                item.label() + as + ": " + response.statusCode() + ", expected " + wanted);
    }

    /** The fixture's item or change {@code id} is among the {@code listed} ids exactly when the client sees it. */
    private void expectListed(
            String client,
            String request,
            java.util.Collection<String> listed,
            String label,
            String id,
            Set<String> seenBy) {
        boolean sees = seenBy.contains(client);
        expect(
                listed.contains(id) == sees,
                sees ? "MISS" : "LEAK",
                client,
                request,
                label + (sees ? " is missing" : " is listed"));
    }

    /**
     * {@code /deletes} or {@code /keyChanges}: the expected changes listed for those who see them only, and no
     * change of a fixture item that is not expected (e.g. a key change where none was made).
     */
    private void changes(String client, String resource, String kind, List<Change> expected) {
        Response response = as(client)
                .queryParam("minChangeVersion", since)
                .queryParam("limit", 500)
                .queryParam("totalCount", true)
                .get(base + resource + "/" + kind);
        if (response.statusCode() != 200) {
            expect(false, "MISS", client, "GET " + resource + "/" + kind, response.statusCode() + ", expected 200");
            return;
        }
        List<String> ids = response.jsonPath().getList("id", String.class);
        expect(
                String.valueOf(ids.size()).equals(response.header("Total-Count")),
                "LEAK",
                client,
                "GET " + resource + "/" + kind,
                "Total-Count " + response.header("Total-Count") + ", but " + ids.size() + " listed");
        for (Change change : expected) {
            if (change.resource().equals(resource)) {
                expectListed(client, "GET " + resource + "/" + kind, ids, change.label(), change.id(), change.seenBy());
            }
        }
        for (Item item : items) {
            if (item.resource().equals(resource)
                    && expected.stream().noneMatch(change -> change.id().equals(item.id()))) {
                expect(
                        !ids.contains(item.id()),
                        "LEAK",
                        client,
                        "GET " + resource + "/" + kind,
                        item.label() + " is listed, but it was not changed that way");
            }
        }
    }

    private void changedResources(String client, Window window) {
        Set<String> expected = new TreeSet<>();
        for (Item item : window.items()) {
            if (item.seenBy().contains(client)) {
                expected.add(item.resource());
            }
        }
        Response response = as(client)
                .queryParam("minChangeVersion", window.min())
                .queryParam("maxChangeVersion", window.max())
                .get("/changeQueries/v1/changedResources");
        Set<String> named =
                response.statusCode() == 200 ? new TreeSet<>(response.jsonPath().getList("$", String.class)) : Set.of();
        Set<String> leaked = new TreeSet<>(named);
        leaked.removeAll(expected);
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(named);
        String what = "GET /changeQueries/v1/changedResources?minChangeVersion=" + window.min() + "&maxChangeVersion="
                + window.max();
        expect(leaked.isEmpty(), "LEAK", client, what, "names " + leaked);
        expect(
                missed.isEmpty() && response.statusCode() == 200,
                "MISS",
                client,
                what,
                response.statusCode() + ", lacks " + missed);
    }

    private RequestSpecification as(String client) {
        String token = tokens.get(client);
        if (token == null) {
            throw new IllegalArgumentException("Unknown client " + client);
        }
        return given().auth().oauth2(token);
    }

    private void expect(boolean holds, String kind, String client, String request, String detail) {
        checks++;
        if (!holds) {
            findings.add(kind + "  " + client + "  " + request + ": " + detail);
        }
    }
}
