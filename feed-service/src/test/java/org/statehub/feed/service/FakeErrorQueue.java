package org.statehub.feed.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.feed.domain.DataErrorEntry;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.domain.StudentErrors;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ErrorQueue;

/** A queue that answers fixed held records and counts, and records what it was asked. */
class FakeErrorQueue implements ErrorQueue {

    final List<Object> asked = new ArrayList<>();
    final Map<String, List<Puller.HeldRecord>> held = new LinkedHashMap<>();
    int archived;
    int resent;

    @Override
    public List<DataErrorEntry> list(ErrorQuery query) {
        asked.add(query);
        return List.of();
    }

    @Override
    public Optional<DataErrorEntry> find(long id) {
        return Optional.empty();
    }

    @Override
    public List<StudentErrors> students(Long leaId, Long schoolId) {
        return List.of();
    }

    @Override
    public int archive(List<Long> ids, String by, String resolution) {
        asked.add(by + ": " + resolution);
        return archived;
    }

    @Override
    public int resendRejected(List<Long> ids) {
        return resent;
    }

    @Override
    public Map<String, List<Puller.HeldRecord>> heldRecords(List<Long> ids) {
        return held;
    }

    @Override
    public List<Puller.HeldRecord> heldByUnmappedCodes(String connectionId) {
        return held.getOrDefault(connectionId, List.of());
    }
}
