-- Version 5: a stored schema has a revision, raised by every change, so a client that read revision N can
-- write "only if it is still N" (the REST API's ETag and If-Match) and two editors never overwrite each
-- other unseen. Tables, columns and samples are now updated in place and keep their ids (identity columns
-- never give a deleted row's id to a new one). The row-level security policies of version 1 cover the new
-- column as they cover the row.
ALTER TABLE schemas ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision >= 1)
