-- Ed-Fi API profiles (docs/decisions/0020, part 2; issue 17): the definitions a state administrator keeps, in the
-- ODS/API's profile XML, and the profiles assigned to each client. Profile names compare without regard to case,
-- as media types carry them in lower case.
CREATE TABLE profile (
    name_key    TEXT        PRIMARY KEY,   -- the name in lower case
    name        TEXT        NOT NULL,      -- as defined
    definition  TEXT        NOT NULL,      -- the <Profile> element, as sent
    resources   TEXT[]      NOT NULL,      -- the catalog keys of the resources it covers
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE client_profile (
    client_id   TEXT NOT NULL REFERENCES api_client ON DELETE CASCADE,
    name_key    TEXT NOT NULL REFERENCES profile,  -- a profile assigned to a client cannot be deleted
    PRIMARY KEY (client_id, name_key)
);
CREATE INDEX client_profile_profile ON client_profile (name_key);
