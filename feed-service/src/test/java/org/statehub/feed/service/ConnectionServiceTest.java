package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.Started;
import org.statehub.feed.store.SisConnection;

/** Connections made, changed, pulled and resynced, with fake stores, hub and pipeline. */
class ConnectionServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A hub that makes clients (and remembers for whom), or is unavailable. */
    static final class FakeClients implements PublishingClients {
        final List<String> made = new ArrayList<>();
        boolean down;

        @Override
        public Client create(String displayName, long leaId) throws Unavailable {
            if (down) {
                throw new Unavailable("The hub could not make the connection's publishing client: down");
            }
            made.add(displayName + " @" + leaId);
            return new Client("client-" + made.size(), "secret");
        }
    }

    @Test
    void aNewConnectionGetsAPublishingClientForItsLeaAndIsStored() throws Exception {
        FakeConnections connections = new FakeConnections();
        FakeClients clients = new FakeClients();
        var outcome = new ConnectionService(connections, clients, new FakePipeline())
                .create(JSON.readTree(
                        "{\"localEducationAgencyId\":255901,\"vendor\":\"Acme\",\"baseUrl\":\"http://sis.example\"}"));
        SisConnection made = ((Outcome.Done<SisConnection>) outcome).value();
        assertThat(made.publishClientId()).isEqualTo("client-1");
        assertThat(made.nextPullAt()).isNotNull();
        assertThat(clients.made).containsExactly("feed-service Acme for LEA 255901 (" + made.id() + ") @255901");
        assertThat(connections.stored).containsKey(made.id());
    }

    @Test
    void anInvalidConnectionMakesNoClientAndAnUnreachableHubIsUnavailable() throws Exception {
        FakeConnections connections = new FakeConnections();
        FakeClients clients = new FakeClients();
        ConnectionService service = new ConnectionService(connections, clients, new FakePipeline());
        assertThat(service.create(JSON.readTree("{\"vendor\":\"Acme\"}"))).isInstanceOf(Outcome.Invalid.class);
        assertThat(clients.made).isEmpty();
        clients.down = true;
        assertThat(service.create(JSON.readTree(
                        "{\"localEducationAgencyId\":255901,\"vendor\":\"Acme\",\"baseUrl\":\"http://sis.example\"}")))
                .isEqualTo(
                        new Outcome.Unavailable<>("The hub could not make the connection's publishing client: down"));
        assertThat(connections.stored).isEmpty();
    }

    @Test
    void aChangeKeepsWhatItDoesNotMentionAndCannotMoveTheConnectionToAnotherLea() throws Exception {
        SisConnection old = FakeConnections.connection("a", "edfi-json");
        FakeConnections connections = new FakeConnections().with(old);
        ConnectionService service = new ConnectionService(connections, new FakeClients(), new FakePipeline());
        SisConnection changed =
                ((Outcome.Done<SisConnection>) service.change(old, JSON.readTree("{\"enabled\":false}"))).value();
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.vendor()).isEqualTo("Acme SIS");
        assertThat(changed.credentials()).isEqualTo(old.credentials());
        assertThat(changed.publishSecret()).isEqualTo("publisher-secret");
        assertThat(changed.createdAt()).isEqualTo(old.createdAt());
        assertThat(service.change(old, JSON.readTree("{\"localEducationAgencyId\":255902}")))
                .isInstanceOf(Outcome.Invalid.class);
        assertThat(connections.stored.get("a").enabled()).isFalse();
    }

    @Test
    void aPushConnectionIsNotPulledAndARunningPullIsAConflict() throws Exception {
        FakeConnections connections = new FakeConnections()
                .with(FakeConnections.connection("p", "push"))
                .with(FakeConnections.connection("a", "edfi-json"));
        FakePipeline pipeline = new FakePipeline();
        ConnectionService service = new ConnectionService(connections, new FakeClients(), pipeline);
        assertThat(service.pulled("p"))
                .isEqualTo(new Outcome.Conflict<>("This connection receives pushes; it has no source to read."));
        assertThat(service.pulled("x")).isEqualTo(new Outcome.NotFound<>("No connection has the id 'x'."));
        SisConnection a = connections.stored.get("a");
        assertThat(service.pull(a, true)).isEqualTo(new Outcome.Done<>(new Started.Run(11)));
        pipeline.started = Optional.empty();
        assertThat(service.pull(a, false))
                .isEqualTo(new Outcome.Conflict<>(
                        "A pull of this connection is already running; see /feed/v1/runs?connectionId=a."));
        assertThat(pipeline.asked).containsExactly("pull a PREVIEW", "pull a MANUAL");
    }

    @Test
    void aResyncIsOfAResourceTheConnectionTakes() throws Exception {
        SisConnection a = FakeConnections.connection("a", "edfi-json");
        FakePipeline pipeline = new FakePipeline();
        ConnectionService service = new ConnectionService(new FakeConnections().with(a), new FakeClients(), pipeline);
        assertThat(service.resync(a, "calendars", "admin"))
                .isEqualTo(new Outcome.Invalid<>(
                        java.util.Map.of("$.resource", List.of("The connection does not take 'calendars'."))));
        assertThat(service.resync(a, "students", "admin")).isEqualTo(new Outcome.Done<>(new Started.Resync(11)));
        assertThat(pipeline.asked).containsExactly("resync a students admin");
    }
}
