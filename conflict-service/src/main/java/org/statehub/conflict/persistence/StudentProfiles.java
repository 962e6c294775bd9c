package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.statehub.conflict.matching.NameFrequencies;
import org.statehub.conflict.matching.PreparedStudent;
import org.statehub.conflict.matching.StudentRecord;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * SQL over the matcher's own tables (V100__potential_duplicates.sql): student profiles, their blocking keys and
 * the name counts. The replica itself belongs to edfi-core.
 */
@Singleton
public final class StudentProfiles {

    /** The SELECT of a profile (its conditions follow on the next line). */
    private static final String PROFILES = """
            SELECT id, student_unique_id, first_name, middle_name, last_surname, birth_date, sex
            FROM student_profile
            """;

    /** A replicated student not matched in its current state yet. */
    public record Changed(UUID id, String body, long changeVersion) {}

    /** A member of a block. */
    private record Member(String key, UUID student) {}

    /** A row of name_count: a first name (F), a surname part (S) or the total (T). */
    private record NameCount(String kind, String name, long count) {}

    private static final Sql.Row<Changed> CHANGED = Rows.of(Changed.class);
    private static final Sql.Row<Member> MEMBER = Rows.of(Member.class);
    private static final Sql.Row<NameCount> NAME_COUNT = Rows.of(NameCount.class);

    /** The replicated students changed since {@code fromVersion} whose profile is missing or older. */
    public List<Changed> changedSince(Connection c, long fromVersion, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT r.id, r.body::text, r.change_version FROM replica_item r
                LEFT JOIN student_profile p ON p.id = r.id
                WHERE r.resource = 'students' AND r.change_version > ?
                AND (p.id IS NULL OR p.change_version < r.change_version)
                ORDER BY r.change_version, r.id LIMIT ?
                """, CHANGED, fromVersion, limit);
    }

    public long watermark(Connection c) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT change_version FROM detection_watermark WHERE name = 'students'",
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    public void setWatermark(Connection c, long changeVersion) throws SQLException {
        Sql.update(c, """
                INSERT INTO detection_watermark (name, change_version, updated_at)
                VALUES ('students', ?, clock_timestamp())
                ON CONFLICT (name) DO UPDATE SET change_version = EXCLUDED.change_version,
                    updated_at = EXCLUDED.updated_at
                """, changeVersion);
    }

    /** Stores the student's profile and replaces its blocking keys. */
    public void save(Connection c, UUID id, PreparedStudent student, long changeVersion, List<String> keys)
            throws SQLException {
        StudentRecord r = student.record();
        Sql.update(
                c,
                """
                INSERT INTO student_profile (id, student_unique_id, first_name, middle_name, last_surname, birth_date,
                    sex, folded_first_name, surname_parts, change_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET student_unique_id = EXCLUDED.student_unique_id,
                    first_name = EXCLUDED.first_name, middle_name = EXCLUDED.middle_name,
                    last_surname = EXCLUDED.last_surname, birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex,
                    folded_first_name = EXCLUDED.folded_first_name, surname_parts = EXCLUDED.surname_parts,
                    change_version = EXCLUDED.change_version""",
                id,
                r.studentUniqueId(),
                r.firstName(),
                r.middleName(),
                r.lastSurname(),
                r.birthDate(),
                r.sex() == null ? null : r.sex().name(),
                student.foldedFirstName(),
                Sql.array("text", student.lastParts()),
                changeVersion);
        Sql.update(c, "DELETE FROM student_block WHERE student_id = ?", id);
        Sql.update(c, """
                INSERT INTO student_block (key, student_id) SELECT k, ? FROM unnest(?::text[]) k
                ON CONFLICT DO NOTHING
                """, id, Sql.array("text", keys));
    }

    /**
     * The students sharing a block with these keys, reading at most {@code maxBlockSize + 1} members of each
     * block: a block with more is skipped whole (a giant block; the student's narrower keys cover it).
     */
    public Set<UUID> candidates(Connection c, List<String> keys, int maxBlockSize, UUID self) throws SQLException {
        Map<String, List<UUID>> blocks = new HashMap<>();
        for (Member m : Sql.list(c, """
                SELECT k.key, b.student_id FROM unnest(?::text[]) k(key)
                CROSS JOIN LATERAL (SELECT student_id FROM student_block s WHERE s.key = k.key LIMIT ?) b
                """, MEMBER, Sql.array("text", keys), maxBlockSize + 1)) {
            blocks.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.student());
        }
        Set<UUID> candidates = new LinkedHashSet<>();
        for (List<UUID> members : blocks.values()) {
            if (members.size() <= maxBlockSize) {
                candidates.addAll(members);
            }
        }
        candidates.remove(self);
        return candidates;
    }

    /** The profiles of these students (those that still exist), by id. */
    public Map<UUID, StudentRecord> load(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, StudentRecord> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (StudentRecord r :
                Sql.list(c, PROFILES + "WHERE id = ANY (?)", StudentProfiles::record, Sql.array("uuid", ids))) {
            found.put(UUID.fromString(r.id()), r);
        }
        return found;
    }

    static StudentRecord record(ResultSet rs) throws SQLException {
        Date birth = rs.getDate("birth_date");
        String sex = rs.getString("sex");
        return new StudentRecord(
                rs.getObject("id", UUID.class).toString(),
                rs.getString("student_unique_id"),
                rs.getString("first_name"),
                rs.getString("middle_name"),
                rs.getString("last_surname"),
                birth == null ? null : birth.toLocalDate(),
                sex == null ? null : StudentRecord.Sex.valueOf(sex));
    }

    /** The name counts of these students' names (a snapshot for one batch of comparisons). */
    public NameFrequencies frequencies(Connection c, Collection<PreparedStudent> students) throws SQLException {
        Set<String> firsts = new HashSet<>();
        Set<String> parts = new HashSet<>();
        for (PreparedStudent s : students) {
            firsts.add(s.foldedFirstName());
            parts.addAll(s.lastParts());
        }
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> surname = new HashMap<>();
        long total = 0;
        for (NameCount n : Sql.list(c, """
                SELECT kind, name, count FROM name_count
                WHERE (kind = 'F' AND name = ANY (?)) OR (kind = 'S' AND name = ANY (?)) OR (kind = 'T' AND name = '')
                """, NAME_COUNT, Sql.array("text", firsts), Sql.array("text", parts))) {
            switch (n.kind()) {
                case "F" -> first.put(n.name(), n.count());
                case "S" -> surname.put(n.name(), n.count());
                default -> total = n.count();
            }
        }
        return NameFrequencies.of(total, first, surname);
    }
}
