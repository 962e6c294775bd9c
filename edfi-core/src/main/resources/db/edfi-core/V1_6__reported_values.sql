-- What each education organization last reported of an item that several organizations write and that is kept as
-- one record (students: each LEA sends its own first name, last name and birth date of the same studentUniqueId,
-- and the document keeps the last write). A write by a client scoped to exactly one education organization
-- records its body here under that organization; conflict-service follows these rows (GET
-- /data/v3/ed-fi/{resource}/reports, by change version) to find LEAs that disagree about a student.
CREATE TABLE reported_value (
    resource                   TEXT        NOT NULL,
    natural_key                TEXT        NOT NULL,  -- as in document.natural_key
    education_organization_id  BIGINT      NOT NULL,  -- the reporting organization (the token's one organization)
    client_id                  TEXT        NOT NULL,  -- the client that reported it
    body                       JSONB,                 -- the item as that organization last sent it; null once deleted
    change_version             BIGINT      NOT NULL,  -- from next_change_version(), like every change
    reported_at                TIMESTAMPTZ NOT NULL,  -- when this body was first reported by the organization
    PRIMARY KEY (resource, natural_key, education_organization_id)
);
CREATE INDEX reported_value_version ON reported_value (resource, change_version);
