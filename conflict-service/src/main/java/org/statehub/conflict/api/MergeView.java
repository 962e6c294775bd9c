package org.statehub.conflict.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.statehub.conflict.domain.YearIds;
import org.statehub.conflict.merge.Merges;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.edfi.core.store.Ids;

/**
 * The API's view of a merge: who asked and who decided, where it stands, and (for one merge) the before-image,
 * the steps with their progress and the events.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MergeView(
        long id,
        Integer schoolYear,
        String state,
        String retiredStudentUniqueId,
        String survivorStudentUniqueId,
        Long duplicatePairId,
        String requestedBy,
        OffsetDateTime requestedAt,
        String decidedBy,
        OffsetDateTime decidedAt,
        OffsetDateTime mergedAt,
        String splitBy,
        OffsetDateTime splitRequestedAt,
        OffsetDateTime splitAt,
        String retiredStudentId,
        String survivorStudentId,
        String recreatedStudentId,
        String lastError,
        OffsetDateTime updatedAt,
        List<ItemView> beforeImage,
        List<StepView> steps,
        List<EventView> events) {

    /** One item as it was before the merge; {@code survivorItem}: the survivor's own item it collided with (kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemView(
            String resource,
            String id,
            String etag,
            JsonNode body,
            SurvivorItem survivorItem,
            OffsetDateTime recordedAt) {}

    record SurvivorItem(String id, JsonNode body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(
            String phase,
            int seq,
            String action,
            String resource,
            String itemId,
            String state,
            String progress,
            String copyId,
            String restoredId,
            int attempts,
            String lastError,
            OffsetDateTime doneAt) {}

    record EventView(OffsetDateTime at, String actor, String action, String note) {}

    static MergeView of(MergeRecords.Merge m, Merges.Detail detail, ObjectMapper mapper) {
        List<ItemView> image = null;
        List<StepView> steps = null;
        List<EventView> events = null;
        if (detail != null) {
            image = detail.beforeImage().stream()
                    .map(i -> new ItemView(
                            i.resource(),
                            id(i.itemId()),
                            i.etag(),
                            json(i.body(), mapper),
                            i.survivorItemId() == null
                                    ? null
                                    : new SurvivorItem(id(i.survivorItemId()), json(i.survivorBody(), mapper)),
                            i.recordedAt()))
                    .toList();
            Map<Long, MergePlans.Item> items = new HashMap<>();
            detail.beforeImage().forEach(i -> items.put(i.id(), i));
            steps = detail.steps().stream()
                    .map(s -> {
                        MergePlans.Item item = items.get(s.item());
                        return new StepView(
                                s.phase(),
                                s.seq(),
                                s.action(),
                                item == null ? null : item.resource(),
                                item == null ? null : id(item.itemId()),
                                s.state(),
                                s.progress(),
                                id(s.copyId()),
                                id(s.restoredId()),
                                s.attempts(),
                                s.lastError(),
                                s.doneAt());
                    })
                    .toList();
            events = detail.events().stream()
                    .map(e -> new EventView(e.at(), e.actor(), e.action(), e.note()))
                    .toList();
        }
        return new MergeView(
                m.id(),
                YearIds.schoolYear(m.id()),
                m.state(),
                m.retiredUniqueId(),
                m.survivorUniqueId(),
                m.pairId(),
                m.requestedBy(),
                m.requestedAt(),
                m.decidedBy(),
                m.decidedAt(),
                m.mergedAt(),
                m.splitBy(),
                m.splitRequestedAt(),
                m.splitAt(),
                id(m.retiredStudentId()),
                id(m.survivorStudentId()),
                id(m.recreatedStudentId()),
                m.lastError(),
                m.updatedAt(),
                image,
                steps,
                events);
    }

    private static String id(UUID id) {
        return id == null ? null : Ids.format(id);
    }

    private static JsonNode json(String text, ObjectMapper mapper) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
