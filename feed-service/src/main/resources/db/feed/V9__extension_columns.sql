-- A csv-templates connection's extension columns (decision 0020, step 6; docs/FEEDS.md): per resource, template
-- columns and the members under _ext.{project} they fill.
ALTER TABLE connection ADD COLUMN extension_columns jsonb NOT NULL DEFAULT '{}';
