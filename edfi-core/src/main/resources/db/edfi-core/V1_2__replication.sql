-- Change queries across resources (changedResources) read the change versions of every resource.
CREATE INDEX document_change_version_all ON document (change_version);
CREATE INDEX deleted_document_version ON deleted_document (change_version);

-- A replica of another service's items, fed by that service's change queries (edfi-core ReplicaConsumer).
CREATE TABLE replica_item (
    resource        TEXT   NOT NULL,  -- the source's resource, e.g. 'students'
    id              UUID   NOT NULL,  -- the source's id
    natural_key     TEXT   NOT NULL,  -- canonical JSON array, as in document.natural_key
    body            JSONB  NOT NULL,  -- the item as served (without id/_etag/_lastModifiedDate)
    change_version  BIGINT NOT NULL,  -- the source's change version of this state
    PRIMARY KEY (resource, id)
);
CREATE INDEX replica_item_key ON replica_item (resource, natural_key);
CREATE INDEX replica_item_body ON replica_item USING GIN (body jsonb_path_ops);

-- How far each source has been applied.
CREATE TABLE replication_watermark (
    source          TEXT        PRIMARY KEY,
    change_version  BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
