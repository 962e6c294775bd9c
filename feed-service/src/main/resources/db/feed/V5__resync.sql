-- Resync jobs: compare the source (a fresh snapshot), the identity map and the hub, and repair the hub.
CREATE TABLE resync_job (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id   TEXT        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    resource        TEXT,                   -- null: every resource of the connection
    status          TEXT        NOT NULL,   -- 'running', 'succeeded', 'failed'
    phase           TEXT        NOT NULL,   -- 'source', 'target', 'compare', 'done'
    run_id          BIGINT,
    done            BIGINT      NOT NULL DEFAULT 0,
    total           BIGINT      NOT NULL DEFAULT 0,
    requested_by    TEXT,
    started_at      TIMESTAMPTZ NOT NULL,
    heartbeat_at    TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    report          JSONB,
    error           TEXT
);
CREATE INDEX resync_job_connection ON resync_job (connection_id, id DESC);
CREATE UNIQUE INDEX resync_job_one_running ON resync_job (connection_id) WHERE status = 'running';

-- What the hub holds for the connection's LEA, as a resync read it.
CREATE TABLE resync_target (
    job_id          BIGINT  NOT NULL REFERENCES resync_job (id) ON DELETE CASCADE,
    resource        TEXT    NOT NULL,
    natural_key     TEXT    NOT NULL,
    key_values      JSONB   NOT NULL,
    target_id       TEXT    NOT NULL,
    body            JSONB   NOT NULL,   -- as served, without id, _etag and _lastModifiedDate
    PRIMARY KEY (job_id, resource, natural_key)
);
