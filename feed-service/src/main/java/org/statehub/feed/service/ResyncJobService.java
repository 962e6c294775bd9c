package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.ResyncJob;
import org.statehub.feed.store.ResyncReads;

/** Resync jobs as administrators see them. */
@Singleton
@RequiredArgsConstructor
public class ResyncJobService {

    private final ResyncReads jobs;

    public List<ResyncJob> jobs(String connectionId) throws SQLException {
        return jobs.jobs(connectionId);
    }

    public Outcome<ResyncJob> job(long id) throws SQLException {
        return Outcome.found(jobs.job(id), "No resync has the id " + id + ".");
    }
}
