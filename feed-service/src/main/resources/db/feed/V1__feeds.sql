-- feed-service: SIS connections, code mappings, pulls (runs), their staged records, the identity map and the
-- outbox of changes to publish.

CREATE TABLE connection (
    id                  TEXT        PRIMARY KEY,
    local_education_agency_id BIGINT NOT NULL,
    vendor              TEXT        NOT NULL,
    base_url            TEXT        NOT NULL,
    format              TEXT        NOT NULL,           -- 'edfi-json'
    vendor_credentials  TEXT,                           -- encrypted (Secrets), never returned
    publish_client_id   TEXT,                           -- the hub API client this connection publishes with
    publish_secret      TEXT,                           -- encrypted
    schedule            TEXT        NOT NULL,           -- Quartz cron, e.g. '0 0 14,17 * * ?'
    time_zone           TEXT        NOT NULL,
    resources           TEXT[]      NOT NULL,
    school_years        INTEGER[]   NOT NULL,
    prefer_legal_names  BOOLEAN     NOT NULL DEFAULT TRUE,
    enabled             BOOLEAN     NOT NULL DEFAULT TRUE,
    next_pull_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

-- A vendor's code for a descriptor, per connection and school year (0 = every school year).
CREATE TABLE code_mapping (
    connection_id   TEXT    NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    descriptor      TEXT    NOT NULL,   -- e.g. 'SexDescriptor'
    vendor_code     TEXT    NOT NULL,
    school_year     INTEGER NOT NULL DEFAULT 0,
    uri             TEXT    NOT NULL,   -- e.g. 'uri://ed-fi.org/SexDescriptor#Female'
    PRIMARY KEY (connection_id, descriptor, vendor_code, school_year)
);

CREATE TABLE feed_run (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id   TEXT        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    trigger         TEXT        NOT NULL,   -- 'schedule', 'manual', 'push'
    status          TEXT        NOT NULL,   -- 'running', 'succeeded', 'failed'
    reason          TEXT,
    started_at      TIMESTAMPTZ NOT NULL,
    heartbeat_at    TIMESTAMPTZ NOT NULL,   -- a running pull touches it per page; a stale one was abandoned
    finished_at     TIMESTAMPTZ,
    records_read    BIGINT      NOT NULL DEFAULT 0,
    records_held    BIGINT      NOT NULL DEFAULT 0,
    upserts         BIGINT      NOT NULL DEFAULT 0,
    deletes         BIGINT      NOT NULL DEFAULT 0,
    key_changes     BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX feed_run_connection ON feed_run (connection_id, id DESC);
-- at most one pull of a connection at a time, whichever instance runs it
CREATE UNIQUE INDEX feed_run_one_running ON feed_run (connection_id) WHERE status = 'running';

-- What a pull read, mapped, before it is compared with the identity map (only when the whole pull succeeded).
CREATE TABLE staged_record (
    run_id          BIGINT  NOT NULL REFERENCES feed_run (id) ON DELETE CASCADE,
    resource        TEXT    NOT NULL,
    source_id       TEXT    NOT NULL,
    natural_key     TEXT,               -- null when held
    key_values      JSONB,              -- the natural-key values by name; null when held
    body            JSONB,              -- null when held
    content_hash    TEXT,
    held            BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (run_id, resource, source_id)
);

-- Records a pull could not send as they are (unmapped codes, invalid values), per run.
CREATE TABLE data_error (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          BIGINT      NOT NULL REFERENCES feed_run (id) ON DELETE CASCADE,
    connection_id   TEXT        NOT NULL,
    resource        TEXT        NOT NULL,
    source_id       TEXT,
    kind            TEXT        NOT NULL,   -- 'unmapped-code', 'invalid-record'
    message         TEXT        NOT NULL,
    record          JSONB,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_error_connection ON data_error (connection_id, id DESC);

-- Source record → what the hub holds for it: natural key, content hash of what was last published.
CREATE TABLE identity_map (
    connection_id   TEXT    NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    resource        TEXT    NOT NULL,
    source_id       TEXT    NOT NULL,
    natural_key     TEXT    NOT NULL,
    key_values      JSONB   NOT NULL,
    content_hash    TEXT    NOT NULL,
    target_id       TEXT,               -- the hub's id, once known
    updated_run_id  BIGINT  NOT NULL,
    PRIMARY KEY (connection_id, resource, source_id)
);

-- Changes to publish, written in the same transaction as the identity map, delivered in rank order.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          BIGINT      NOT NULL,
    connection_id   TEXT        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    rank            INTEGER     NOT NULL,   -- dependency order; deletes in reverse
    resource        TEXT        NOT NULL,
    source_id       TEXT        NOT NULL,
    operation       TEXT        NOT NULL,   -- 'upsert', 'delete', 'key-change'
    body            JSONB,                  -- upsert / key-change: the new body
    key_values      JSONB,                  -- delete / key-change: the old natural-key values
    status          TEXT        NOT NULL DEFAULT 'pending', -- 'pending', 'delivered', 'rejected'
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    outcome_status  INTEGER,
    outcome         TEXT,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (connection_id, rank, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_record ON outbox (connection_id, resource, source_id, id) WHERE status = 'pending';
CREATE INDEX outbox_run ON outbox (run_id);
