package org.statehub.feed.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.feed.domain.DataErrorEntry;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.domain.StudentErrors;
import org.statehub.feed.pipeline.Puller;

/** The data-error queue as the admin API reads and changes it. */
public interface ErrorQueue {

    List<DataErrorEntry> list(ErrorQuery query) throws SQLException;

    Optional<DataErrorEntry> find(long id) throws SQLException;

    /** Students with open errors, of one LEA and/or school or all, the longest waiting first (at most 5,000). */
    List<StudentErrors> students(Long leaId, Long schoolId) throws SQLException;

    /** Archives the open ones of {@code ids}; how many. */
    int archive(List<Long> ids, String by, String resolution) throws SQLException;

    /** Queues again the refused changes of the open rejections among {@code ids}; how many. */
    int resendRejected(List<Long> ids) throws SQLException;

    /** The records of the open held errors among {@code ids}, by connection. */
    Map<String, List<Puller.HeldRecord>> heldRecords(List<Long> ids) throws SQLException;

    /** The records a connection's open unmapped-code errors hold (at most 100,000). */
    List<Puller.HeldRecord> heldByUnmappedCodes(String connectionId) throws SQLException;
}
