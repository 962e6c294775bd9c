-- State rules per connection: schools and calendars the state excludes from reporting.
ALTER TABLE connection ADD COLUMN excluded_school_ids BIGINT[] NOT NULL DEFAULT '{}';
ALTER TABLE connection ADD COLUMN excluded_calendar_codes TEXT[] NOT NULL DEFAULT '{}';
