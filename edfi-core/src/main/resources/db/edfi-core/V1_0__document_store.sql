-- The Ed-Fi document store every service shares the shape of (each in its own schema).
-- One row per resource item: the client's JSON as JSONB, with the natural key extracted for upserts.
-- Query by example is a JSONB containment test served by one GIN index over every document.

CREATE SEQUENCE change_version_seq;

CREATE TABLE document (
    sid             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order: keyset paging
    id              UUID        NOT NULL UNIQUE,                      -- the public id (32 hex on the wire)
    resource        TEXT        NOT NULL,                             -- catalog key, e.g. 'students'
    natural_key     TEXT        NOT NULL,                             -- canonical JSON array of the key values
    body            JSONB       NOT NULL,                             -- as sent, without nulls and read-only members
    change_version  BIGINT      NOT NULL,
    last_modified   TIMESTAMPTZ NOT NULL,
    CONSTRAINT document_natural_key UNIQUE (resource, natural_key)
);

CREATE INDEX document_body ON document USING GIN (body jsonb_path_ops);
CREATE INDEX document_change_version ON document (resource, change_version);
CREATE INDEX document_paging ON document (resource, sid);

-- Tombstones for /deletes: the natural-key values of every deleted item.
CREATE TABLE deleted_document (
    change_version  BIGINT      PRIMARY KEY,
    id              UUID        NOT NULL,
    resource        TEXT        NOT NULL,
    key_values      JSONB       NOT NULL,
    deleted_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX deleted_document_resource ON deleted_document (resource, change_version);

-- Natural-key changes for /keyChanges.
CREATE TABLE key_change (
    change_version  BIGINT      PRIMARY KEY,
    id              UUID        NOT NULL,
    resource        TEXT        NOT NULL,
    old_key_values  JSONB       NOT NULL,
    new_key_values  JSONB       NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX key_change_resource ON key_change (resource, change_version);
