-- conflict-service: conflicts between LEAs that report one student (same studentUniqueId) with different values.
-- Names and birth date come from what each organization reported to student-service (its students/reports);
-- sex, races, Hispanic/Latino ethnicity, English learner and homeless status from each organization's SEOA
-- (replicated). See docs/CONFLICTS.md.

-- What each education organization last reported of a student (followed from student-service).
CREATE TABLE student_report (
    student_unique_id          TEXT        NOT NULL,
    education_organization_id  BIGINT      NOT NULL,
    client_id                  TEXT        NOT NULL,
    body                       JSONB       NOT NULL,
    reported_at                TIMESTAMPTZ NOT NULL,
    change_version             BIGINT      NOT NULL,   -- student-service's change version of this report
    PRIMARY KEY (student_unique_id, education_organization_id)
);

-- How far each followed source has been read: 'reports' (student-service's change versions of reports) and
-- 'seoa' (the SEOA replica's change versions already checked).
CREATE TABLE conflict_watermark (
    name            TEXT   PRIMARY KEY,
    change_version  BIGINT NOT NULL
);

-- Students whose reports changed, to be checked by the next detection run.
CREATE TABLE conflict_check (
    student_unique_id  TEXT PRIMARY KEY
);

-- One row per student and field that ever disagreed: open (LEAs disagree now), resolved (an administrator chose
-- a value; raised again only when a value that was not competing then is reported), closed (the disagreement went
-- away by itself).
CREATE TABLE lea_conflict (
    id                    BIGSERIAL   PRIMARY KEY,
    student_unique_id     TEXT        NOT NULL,
    field                 TEXT        NOT NULL,
    state                 TEXT        NOT NULL CHECK (state IN ('open', 'resolved', 'closed')),
    competing             JSONB       NOT NULL,   -- [{value, educationOrganizationId, reportedAt, source}], as now
    resolved_value        JSONB,                  -- the value chosen at the last resolution
    values_at_resolution  JSONB,                  -- the distinct (normalized) values competing then
    first_seen            TIMESTAMPTZ NOT NULL,
    last_changed          TIMESTAMPTZ NOT NULL,
    state_changed         TIMESTAMPTZ NOT NULL,
    UNIQUE (student_unique_id, field)
);
CREATE INDEX lea_conflict_worklist ON lea_conflict (state, first_seen, id);

-- Everything that happened to a conflict: raised, changed, closed, reopened, resolved (who, when, what, note).
CREATE TABLE lea_conflict_event (
    id           BIGSERIAL   PRIMARY KEY,
    conflict_id  BIGINT      NOT NULL REFERENCES lea_conflict (id),
    at           TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,            -- a client id, or 'conflict-service' for the detection job
    action       TEXT        NOT NULL,
    note         TEXT,
    details      JSONB
);
CREATE INDEX lea_conflict_event_conflict ON lea_conflict_event (conflict_id, id);

-- The detection job finds the SEOAs changed since its watermark (a student's SEOAs it finds by
-- replica_item_auth_student, edfi-core V1_4).
CREATE INDEX replica_item_seoa_version ON replica_item (change_version)
    WHERE resource = 'studentEducationOrganizationAssociations';
