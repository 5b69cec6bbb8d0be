-- Version 6: a schema's reference date (YYYY-MM-DD; '' = unset), the day its generated data treats as today,
-- so default date windows stay put however long the schema is kept.
ALTER TABLE schemas ADD COLUMN reference_date TEXT NOT NULL DEFAULT ''
