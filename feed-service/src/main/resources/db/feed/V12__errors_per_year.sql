-- The data-error queue and run counts by school year (decision 0020, step 19; docs/FEEDS.md, "School years"): a change
-- the hub refuses in one year is an open error of that record and year, so a record refused in 2027 and accepted in
-- 2026 shows one open error, of 2027. 0 is "no year": held records (refused before any year is known) and a deployment
-- without years.
ALTER TABLE data_error ADD COLUMN school_year INTEGER NOT NULL DEFAULT 0;
DROP INDEX data_error_open;
CREATE UNIQUE INDEX data_error_open ON data_error (connection_id, resource, source_id, kind, school_year)
    WHERE state = 'open';

-- A run's upserts, deletes and key changes per school year ({"2026": {"upserts": 3, ...}}); null without years.
ALTER TABLE feed_run ADD COLUMN years JSONB;
