-- A preview (dry run) keeps what the pull would have published: counts and sample records per action.
ALTER TABLE feed_run ADD COLUMN preview JSONB;

-- The vendor values seen per descriptor and school year (0: undated records), counted by the latest run that
-- saw them: what a mapping screen shows next to the mappings.
CREATE TABLE code_seen (
    connection_id   TEXT        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    descriptor      TEXT        NOT NULL,
    vendor_code     TEXT        NOT NULL,
    school_year     INTEGER     NOT NULL,
    records         BIGINT      NOT NULL,
    last_run_id     BIGINT      NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (connection_id, descriptor, vendor_code, school_year)
);
