-- Who read or wrote which student records (FERPA audits): one row per request that touched them.
CREATE TABLE access_audit (
    entry           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    accessed_at     TIMESTAMPTZ NOT NULL,
    client_id       TEXT        NOT NULL,
    correlation_id  TEXT,
    method          TEXT        NOT NULL,
    resource        TEXT        NOT NULL,
    item_ids        UUID[]      NOT NULL,
    status          INTEGER     NOT NULL
);
CREATE INDEX access_audit_client ON access_audit (client_id, accessed_at);
CREATE INDEX access_audit_time ON access_audit (accessed_at);
CREATE INDEX access_audit_items ON access_audit USING GIN (item_ids);
