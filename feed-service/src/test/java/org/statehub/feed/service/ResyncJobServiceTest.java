package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.ResyncJob;
import org.statehub.feed.store.ResyncReads;

class ResyncJobServiceTest {

    static final ResyncJob JOB = new ResyncJob(
            4, "c", null, null, "running", "source", null, null, 1, 2, "admin", null, null, null, null, null, null,
            null);

    @Test
    void aJobIsShownByIdAndAnUnknownOneIsNotFound() throws Exception {
        ResyncJobService service = new ResyncJobService(new ResyncReads() {
            @Override
            public List<ResyncJob> jobs(String connectionId) {
                return List.of(JOB);
            }

            @Override
            public Optional<ResyncJob> job(long id) {
                return id == 4 ? Optional.of(JOB) : Optional.empty();
            }
        });
        assertThat(service.job(4)).isEqualTo(new Outcome.Done<>(JOB));
        assertThat(service.job(5)).isEqualTo(new Outcome.NotFound<>("No resync has the id 5."));
        assertThat(service.jobs(null)).containsExactly(JOB);
    }
}
