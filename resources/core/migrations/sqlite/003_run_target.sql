-- Version 3: a run records where its data went (stored rows, files, a database) and how many bytes it wrote,
-- so the runs view shows every generation of a stored schema, not only the stored ones.
ALTER TABLE generation_runs ADD COLUMN target TEXT NOT NULL DEFAULT 'storage'
;
ALTER TABLE generation_runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0
