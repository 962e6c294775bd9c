-- Copying a school year's carried items into another year (docs/decisions/0020, part 5, step 20): one row per year
-- copied into, kept in the service's own schema (not per year), so an administrator reads the job's progress while it
-- runs and after. state: running, succeeded or failed; resources: per resource {"copied": n, "present": m} (present:
-- the year had an item of the key already, left as it was); errors: problem details. heartbeat_at moves while the
-- job works, so a job whose process died can be started again.
CREATE TABLE year_copy (
    school_year   TEXT        PRIMARY KEY,
    from_year     TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    resources     JSONB       NOT NULL DEFAULT '{}',
    errors        JSONB       NOT NULL DEFAULT '[]',
    started_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    finished_at   TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
