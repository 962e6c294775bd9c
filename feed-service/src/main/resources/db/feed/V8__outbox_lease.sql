-- Delivery holds the rows it sends by a lease instead of an open transaction (docs/FEEDS.md, "Publishing";
-- decision 0016): a short transaction claims a batch by writing its claim token and claimed-until time and commits,
-- the hub is called with no transaction open, and a second short transaction writes the outcomes of the rows the
-- token still holds. A lease that runs out (its instance died) makes the rows due again; a live deliverer renews
-- its lease while it waits for the hub.
ALTER TABLE outbox ADD COLUMN claim_token UUID, ADD COLUMN claimed_until TIMESTAMPTZ;
-- renewals and outcomes find a claim's rows by its token; only claimed rows are in the index
CREATE INDEX outbox_claim ON outbox (claim_token) WHERE claim_token IS NOT NULL;
