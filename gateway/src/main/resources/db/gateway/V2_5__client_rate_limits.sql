-- A client's own rate limit at the gateway (issue 15 item 12); a client without a row has the gateway's default
-- (gateway.rate-limit-per-second and gateway.rate-limit-burst).
CREATE TABLE client_rate_limit (
    client_id   TEXT        PRIMARY KEY REFERENCES api_client (client_id),
    per_second  INTEGER     NOT NULL CHECK (per_second BETWEEN 1 AND 100000),
    burst       INTEGER     NOT NULL CHECK (burst BETWEEN 1 AND 1000000 AND burst >= per_second),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
