-- Version 5: a stored schema has a revision, raised by every change, so a client that read revision N can
-- write "only if it is still N" (the REST API's ETag and If-Match) and two editors never overwrite each
-- other unseen. Tables, columns and samples are now updated in place and keep their ids; AUTOINCREMENT makes
-- sure a deleted schema's, table's, column's or sample's id is never given to a new one, so an id a client
-- kept can never name something else.
-- SQLite adds AUTOINCREMENT only by rebuilding a table (see 004): foreign keys are off around the step and
-- checked before it commits; ids are copied, so every reference stays.
CREATE TABLE schemas_v5 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
)
;
INSERT INTO schemas_v5 (id, user_id, name, description, locale, created)
    SELECT id, user_id, name, description, locale, created FROM schemas
;
DROP TABLE schemas
;
ALTER TABLE schemas_v5 RENAME TO schemas
;
CREATE UNIQUE INDEX schemas_user_name ON schemas (user_id, name)
;
CREATE TABLE schema_tables_v5 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    row_count INTEGER NOT NULL DEFAULT 0 CHECK (row_count >= 0),
    position INTEGER NOT NULL
)
;
INSERT INTO schema_tables_v5 (id, schema_id, name, description, row_count, position)
    SELECT id, schema_id, name, description, row_count, position FROM schema_tables
;
DROP TABLE schema_tables
;
ALTER TABLE schema_tables_v5 RENAME TO schema_tables
;
CREATE UNIQUE INDEX schema_tables_schema_name ON schema_tables (schema_id, name)
;
CREATE TABLE columns_v5 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_id INTEGER NOT NULL REFERENCES schema_tables (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    data_type TEXT NOT NULL,
    constraints TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
)
;
INSERT INTO columns_v5 (id, table_id, name, data_type, constraints, description, position)
    SELECT id, table_id, name, data_type, constraints, description, position FROM columns
;
DROP TABLE columns
;
ALTER TABLE columns_v5 RENAME TO columns
;
CREATE UNIQUE INDEX columns_table_name ON columns (table_id, name)
;
CREATE TABLE sample_data_v5 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    column_id INTEGER NOT NULL REFERENCES columns (id) ON DELETE CASCADE,
    value TEXT NOT NULL
)
;
INSERT INTO sample_data_v5 (id, column_id, value) SELECT id, column_id, value FROM sample_data
;
DROP TABLE sample_data
;
ALTER TABLE sample_data_v5 RENAME TO sample_data
;
CREATE INDEX sample_data_column ON sample_data (column_id)
