-- The data-error queue: one open error per record and kind, seen again by later runs (last seen, occurrences)
-- until the record goes through (resolved), or an administrator archives it. Rejections by the hub are errors
-- too. The LEA, school and student are kept for filtering.
ALTER TABLE data_error ADD COLUMN local_education_agency_id BIGINT;
ALTER TABLE data_error ADD COLUMN school_id BIGINT;
ALTER TABLE data_error ADD COLUMN student_unique_id TEXT;
ALTER TABLE data_error ADD COLUMN code TEXT;
ALTER TABLE data_error ADD COLUMN state TEXT NOT NULL DEFAULT 'open';    -- 'open', 'resolved', 'archived'
ALTER TABLE data_error ADD COLUMN last_seen TIMESTAMPTZ;
ALTER TABLE data_error ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1;
ALTER TABLE data_error ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE data_error ADD COLUMN closed_by TEXT;
ALTER TABLE data_error ADD COLUMN resolution TEXT;
ALTER TABLE data_error ADD COLUMN outbox_id BIGINT;                       -- a rejection: the refused change
UPDATE data_error SET last_seen = created_at, code = kind;
ALTER TABLE data_error ALTER COLUMN last_seen SET NOT NULL;
-- a run may record its errors without a run id of its own (a retry of a rejection)
ALTER TABLE data_error ALTER COLUMN run_id DROP NOT NULL;
CREATE UNIQUE INDEX data_error_open ON data_error (connection_id, resource, source_id, kind) WHERE state = 'open';
CREATE INDEX data_error_queue ON data_error (state, local_education_agency_id, created_at);

-- Weekdays after `since` up to and including `until` (the age of an error in business days).
CREATE FUNCTION business_days(since DATE, until DATE) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
    SELECT count(*)::int FROM generate_series(since + 1, until, interval '1 day') d WHERE extract(isodow FROM d) < 6
$$;
