package org.statehub.feed.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.SisConnection;

/** A pipeline that answers what it is told and records what it was asked. */
class FakePipeline implements Pipeline {

    final List<String> asked = new ArrayList<>();
    Puller.Decision decision = Puller.Decision.NOT_FOUND;
    Optional<Long> started = Optional.of(11L);
    Optional<Puller.PushResult> retried = Optional.empty();

    FakePipeline deciding(Puller.Decision decision) {
        this.decision = decision;
        return this;
    }

    @Override
    public Optional<Long> startPull(SisConnection connection, RunTrigger trigger) {
        asked.add("pull " + connection.id() + " " + trigger);
        return started;
    }

    @Override
    public Optional<Long> startResync(
            SisConnection connection, String resource, Integer schoolYear, String requestedBy) {
        asked.add("resync " + connection.id() + " " + resource + " " + requestedBy
                + (schoolYear == null ? "" : " " + schoolYear));
        return started;
    }

    @Override
    public Optional<Puller.PushResult> push(
            SisConnection connection, String resource, List<ObjectNode> records, List<String> deletedSourceIds) {
        asked.add("push " + connection.id() + " " + resource + " " + records.size() + " " + deletedSourceIds);
        return retried;
    }

    @Override
    public Puller.Decision decide(long runId, boolean approve, String by) {
        asked.add(runId + " " + approve + " " + by);
        return decision;
    }

    @Override
    public Optional<Puller.PushResult> retry(SisConnection connection, List<Puller.HeldRecord> records) {
        asked.add("retry " + connection.id() + " " + records.size());
        return retried;
    }
}
