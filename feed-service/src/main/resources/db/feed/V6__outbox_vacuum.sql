-- The outbox takes a district's records in one go and marks each delivered soon after: hundreds of thousands of
-- dead row versions whose entries stay in the pending-row indexes until a vacuum, and every claim and
-- lowest-rank probe walks them (measured: 100,061 heap fetches per probe of an outbox with nothing pending).
-- Vacuum it after every 10,000 changed rows instead of after a fifth of the table.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 10000,
                        autovacuum_analyze_scale_factor = 0.02);
