-- A resync by school year (decision 0020, step 19; docs/FEEDS.md, "Resync"): with HUB_YEAR_INSTANCES=school-year a
-- resync reads what the hub holds in each year the connection publishes to (/{year}/data/v3/...) and compares each
-- year on its own. 0 is "no year" (a deployment without years has only that).
ALTER TABLE resync_target ADD COLUMN school_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resync_target DROP CONSTRAINT resync_target_pkey,
                          ADD PRIMARY KEY (job_id, resource, natural_key, school_year);

-- school_year: the one year the job was asked to repair (null: every year the connection publishes to);
-- school_years: the years it compares (null without years); year_now: the year it is reading the hub of.
ALTER TABLE resync_job ADD COLUMN school_year INTEGER,
                       ADD COLUMN school_years INTEGER[],
                       ADD COLUMN year_now INTEGER;
