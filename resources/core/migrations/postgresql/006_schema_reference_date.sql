-- Version 6: a schema's reference date (YYYY-MM-DD; '' = unset), the day its generated data treats as today,
-- so default date windows stay put however long the schema is kept. Text like locale: the file format's
-- form, read back by the same code on both dialects.
ALTER TABLE schemas ADD COLUMN reference_date text NOT NULL DEFAULT ''
