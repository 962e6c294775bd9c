package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
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

/**
 * SQL over the matcher's own tables (V100__potential_duplicates.sql): student profiles, their blocking keys and
 * the name counts. The replica itself belongs to edfi-core.
 */
@Singleton
public final class StudentProfiles {

    private static final String PROFILE_COLUMNS =
            "id, student_unique_id, first_name, middle_name, last_surname," + " birth_date, sex";

    /** A replicated student not matched in its current state yet. */
    public record Changed(UUID id, String body, long changeVersion) {}

    /** The replicated students changed since {@code fromVersion} whose profile is missing or older. */
    public List<Changed> changedSince(Connection c, long fromVersion, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.body::text, r.change_version FROM replica_item r"
                + " LEFT JOIN student_profile p ON p.id = r.id"
                + " WHERE r.resource = 'students' AND r.change_version > ?"
                + " AND (p.id IS NULL OR p.change_version < r.change_version)"
                + " ORDER BY r.change_version, r.id LIMIT ?")) {
            ps.setLong(1, fromVersion);
            ps.setInt(2, limit);
            List<Changed> changed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(new Changed(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)));
                }
            }
            return changed;
        }
    }

    public long watermark(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT change_version FROM detection_watermark WHERE name = 'students'")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    public void setWatermark(Connection c, long changeVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO detection_watermark (name, change_version, updated_at) VALUES ('students', ?, clock_timestamp())"
                        + " ON CONFLICT (name) DO UPDATE SET change_version = EXCLUDED.change_version,"
                        + " updated_at = EXCLUDED.updated_at")) {
            ps.setLong(1, changeVersion);
            ps.executeUpdate();
        }
    }

    /** Stores the student's profile and replaces its blocking keys. */
    public void save(Connection c, UUID id, PreparedStudent student, long changeVersion, List<String> keys)
            throws SQLException {
        StudentRecord r = student.record();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO student_profile (id, student_unique_id, first_name, middle_name, last_surname, birth_date,"
                        + " sex, folded_first_name, surname_parts, change_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET student_unique_id = EXCLUDED.student_unique_id,"
                        + " first_name = EXCLUDED.first_name, middle_name = EXCLUDED.middle_name,"
                        + " last_surname = EXCLUDED.last_surname, birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex,"
                        + " folded_first_name = EXCLUDED.folded_first_name, surname_parts = EXCLUDED.surname_parts,"
                        + " change_version = EXCLUDED.change_version")) {
            ps.setObject(1, id);
            ps.setString(2, r.studentUniqueId());
            ps.setString(3, r.firstName());
            ps.setString(4, r.middleName());
            ps.setString(5, r.lastSurname());
            ps.setDate(6, r.birthDate() == null ? null : Date.valueOf(r.birthDate()));
            ps.setString(7, r.sex() == null ? null : r.sex().name());
            ps.setString(8, student.foldedFirstName());
            ps.setArray(9, c.createArrayOf("text", student.lastParts().toArray()));
            ps.setLong(10, changeVersion);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM student_block WHERE student_id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO student_block (key, student_id) SELECT k, ? FROM unnest(?::text[]) k ON CONFLICT DO NOTHING")) {
            ps.setObject(1, id);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The students sharing a block with these keys, reading at most {@code maxBlockSize + 1} members of each
     * block: a block with more is skipped whole (a giant block; the student's narrower keys cover it).
     */
    public Set<UUID> candidates(Connection c, List<String> keys, int maxBlockSize, UUID self) throws SQLException {
        Map<String, List<UUID>> blocks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.key, b.student_id FROM unnest(?::text[]) k(key)"
                + " CROSS JOIN LATERAL (SELECT student_id FROM student_block s WHERE s.key = k.key LIMIT ?) b")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setInt(2, maxBlockSize + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blocks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                }
            }
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
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + PROFILE_COLUMNS + " FROM student_profile WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StudentRecord r = record(rs);
                    found.put(UUID.fromString(r.id()), r);
                }
            }
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
        long[] total = new long[1];
        try (PreparedStatement ps =
                c.prepareStatement("SELECT kind, name, count FROM name_count WHERE (kind = 'F' AND name = ANY (?))"
                        + " OR (kind = 'S' AND name = ANY (?)) OR (kind = 'T' AND name = '')")) {
            Array a = c.createArrayOf("text", firsts.toArray());
            Array b = c.createArrayOf("text", parts.toArray());
            ps.setArray(1, a);
            ps.setArray(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "F" -> first.put(rs.getString(2), rs.getLong(3));
                        case "S" -> surname.put(rs.getString(2), rs.getLong(3));
                        default -> total[0] = rs.getLong(3);
                    }
                }
            }
        }
        return new NameFrequencies() {
            @Override
            public long total() {
                return total[0];
            }

            @Override
            public long firstNameCount(String folded) {
                return first.getOrDefault(folded, 0L);
            }

            @Override
            public long surnamePartCount(String part) {
                return surname.getOrDefault(part, 0L);
            }
        };
    }
}
