-- School years (decision 0020, part 5, step 19; docs/FEEDS.md, "School years"): with HUB_YEAR_INSTANCES=school-year
-- a record is published to each year its scope-year rule selects, so what a run staged, what the identity map
-- holds and what the outbox sends are per record and year. 0 is "no year": a deployment without years has only
-- that, and behaves as before. A staged record whose years follow its student's enrollments waits as -1 until the
-- diff gives it its years; an attendance event keeps the years its date allows (candidate_years) meanwhile.
ALTER TABLE staged_record ADD COLUMN school_year INTEGER NOT NULL DEFAULT 0,
                          ADD COLUMN candidate_years INTEGER[];
ALTER TABLE staged_record DROP CONSTRAINT staged_record_pkey,
                          ADD PRIMARY KEY (run_id, resource, source_id, school_year);

ALTER TABLE identity_map ADD COLUMN school_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE identity_map DROP CONSTRAINT identity_map_pkey,
                         ADD PRIMARY KEY (connection_id, resource, source_id, school_year);

ALTER TABLE outbox ADD COLUMN school_year INTEGER NOT NULL DEFAULT 0;
