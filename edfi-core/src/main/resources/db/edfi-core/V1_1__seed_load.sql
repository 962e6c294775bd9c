-- Data sets loaded once at first start (e.g. the standard Ed-Fi descriptors): a restart loads nothing again,
-- and an item an administrator deleted on purpose is not brought back.
CREATE TABLE seed_load (
    name       TEXT        PRIMARY KEY,
    items      INTEGER     NOT NULL,
    loaded_at  TIMESTAMPTZ NOT NULL
);
