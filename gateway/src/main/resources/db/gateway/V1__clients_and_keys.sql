-- API clients (vendor applications and state systems) and the gateway's token signing keys.
CREATE TABLE api_client (
    client_id                   TEXT        PRIMARY KEY,
    display_name                TEXT        NOT NULL,
    secret_hash                 TEXT        NOT NULL,   -- PBKDF2, never the secret itself
    claim_set                   TEXT        NOT NULL,   -- SISVendor, StateSystemReader, StateAdmin
    education_organization_ids  BIGINT[]    NOT NULL DEFAULT '{}',
    namespace_prefixes          TEXT[]      NOT NULL DEFAULT '{}',
    created_at                  TIMESTAMPTZ NOT NULL,
    secret_rotated_at           TIMESTAMPTZ NOT NULL,
    revoked_at                  TIMESTAMPTZ
);

CREATE TABLE signing_key (
    kid          TEXT        PRIMARY KEY,
    private_key  TEXT        NOT NULL,   -- PKCS#8, base64
    public_key   TEXT        NOT NULL,   -- X.509 SubjectPublicKeyInfo, base64
    created_at   TIMESTAMPTZ NOT NULL
);
