-- conflict-service: potential duplicate students (different studentUniqueIds, probably one person), found among
-- the students replicated from student-service (replica_item, edfi-core). See docs/CONFLICTS.md.

-- The detection job reads the replicated students in change-version order.
CREATE INDEX replica_item_students_version ON replica_item (change_version) WHERE resource = 'students';

-- Each replicated student as the matcher sees it, computed from one replica state (change_version). Removed with
-- the replicated student (a delete at student-service).
CREATE TABLE student_profile (
    resource           TEXT    NOT NULL DEFAULT 'students' CHECK (resource = 'students'),
    id                 UUID    PRIMARY KEY,           -- the student's id at student-service
    student_unique_id  TEXT    NOT NULL,
    first_name         TEXT,
    middle_name        TEXT,
    last_surname       TEXT,
    birth_date         DATE,
    sex                TEXT,                           -- FEMALE, MALE, OTHER or NULL (unknown)
    folded_first_name  TEXT    NOT NULL,               -- what name frequencies count
    surname_parts      TEXT[]  NOT NULL,
    change_version     BIGINT  NOT NULL,               -- the replica state this was computed from
    FOREIGN KEY (resource, id) REFERENCES replica_item (resource, id) ON DELETE CASCADE
);
CREATE INDEX student_profile_unique_id ON student_profile (student_unique_id);

-- Blocking keys (org.statehub.conflict.matching.BlockingKeys): a student is compared only with students sharing one.
CREATE TABLE student_block (
    key         TEXT NOT NULL,
    student_id  UUID NOT NULL REFERENCES student_profile (id) ON DELETE CASCADE,
    PRIMARY KEY (key, student_id)
);
CREATE INDEX student_block_student ON student_block (student_id);

-- How many students have each folded first name (kind F) and surname part (kind S), and in all (kind T, name ''):
-- agreement on a common name weighs less. Kept by a trigger, so a cascaded delete counts too.
CREATE TABLE name_count (
    kind   CHAR(1) NOT NULL,
    name   TEXT    NOT NULL,
    count  BIGINT  NOT NULL,
    PRIMARY KEY (kind, name)
);

CREATE FUNCTION student_profile_count_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE name_count SET count = count - 1
         WHERE (kind = 'F' AND name = OLD.folded_first_name) OR (kind = 'S' AND name = ANY (OLD.surname_parts))
            OR (kind = 'T' AND name = '');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO name_count (kind, name, count)
            SELECT 'F', NEW.folded_first_name, 1
            UNION ALL SELECT DISTINCT 'S', part, 1 FROM unnest(NEW.surname_parts) part
            UNION ALL SELECT 'T', '', 1
        ON CONFLICT (kind, name) DO UPDATE SET count = name_count.count + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER student_profile_count_names AFTER INSERT OR UPDATE OR DELETE ON student_profile
    FOR EACH ROW EXECUTE FUNCTION student_profile_count_names();

-- A pair of students that are probably one person: the worklist item. student_a < student_b (as text). A
-- dismissed pair stays dismissed whatever either student becomes (it is never raised again).
CREATE TABLE duplicate_pair (
    id             BIGSERIAL    PRIMARY KEY,
    student_a      UUID         NOT NULL,
    student_b      UUID         NOT NULL,
    unique_id_a    TEXT         NOT NULL,             -- kept current, for authorization and after a delete
    unique_id_b    TEXT         NOT NULL,
    score          NUMERIC(4,3) NOT NULL,
    evidence       JSONB        NOT NULL,             -- the matcher's field comparisons, in a/b order
    state          TEXT         NOT NULL CHECK (state IN ('open', 'dismissed', 'closed')),
    first_seen     TIMESTAMPTZ  NOT NULL,
    last_scored    TIMESTAMPTZ  NOT NULL,
    state_changed  TIMESTAMPTZ  NOT NULL,
    CHECK (student_a::text < student_b::text),
    UNIQUE (student_a, student_b)
);
CREATE INDEX duplicate_pair_b ON duplicate_pair (student_b);
CREATE INDEX duplicate_pair_worklist ON duplicate_pair (state, score DESC, id);
CREATE INDEX duplicate_pair_unique_a ON duplicate_pair (unique_id_a);
CREATE INDEX duplicate_pair_unique_b ON duplicate_pair (unique_id_b);

-- What happened to each pair, by whom: raised, closed and reopened by the detection job (actor
-- 'conflict-service'), dismissed by an administrator (the token's subject) with a note.
CREATE TABLE duplicate_event (
    id       BIGSERIAL    PRIMARY KEY,
    pair_id  BIGINT       NOT NULL REFERENCES duplicate_pair (id),
    at       TIMESTAMPTZ  NOT NULL,
    actor    TEXT         NOT NULL,
    action   TEXT         NOT NULL,
    note     TEXT,
    score    NUMERIC(4,3)
);
CREATE INDEX duplicate_event_pair ON duplicate_event (pair_id, id);

-- How far the detection job has read the replicated students (student-service change versions).
CREATE TABLE detection_watermark (
    name            TEXT        PRIMARY KEY,
    change_version  BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
