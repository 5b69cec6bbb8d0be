-- Fabrica storage, version 1 (SQLite). Statements are separated by lines holding only ";".
-- AUTOINCREMENT: a deleted user's id is never given to a new user, so an old token cannot match it.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    created TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    token_version INTEGER NOT NULL DEFAULT 0
)
;
CREATE UNIQUE INDEX users_username ON users (lower(username))
;
CREATE TABLE schemas (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
)
;
CREATE UNIQUE INDEX schemas_user_name ON schemas (user_id, name)
;
CREATE TABLE schema_tables (
    id INTEGER PRIMARY KEY,
    schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    row_count INTEGER NOT NULL DEFAULT 0 CHECK (row_count >= 0),
    position INTEGER NOT NULL
)
;
CREATE UNIQUE INDEX schema_tables_schema_name ON schema_tables (schema_id, name)
;
CREATE TABLE columns (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES schema_tables (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    data_type TEXT NOT NULL,
    constraints TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
)
;
CREATE UNIQUE INDEX columns_table_name ON columns (table_id, name)
;
CREATE TABLE sample_data (
    id INTEGER PRIMARY KEY,
    column_id INTEGER NOT NULL REFERENCES columns (id) ON DELETE CASCADE,
    value TEXT NOT NULL
)
;
CREATE INDEX sample_data_column ON sample_data (column_id)
;
CREATE TABLE generation_runs (
    id INTEGER PRIMARY KEY,
    schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seed TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled')),
    row_counts TEXT NOT NULL DEFAULT '{}'
)
;
CREATE INDEX generation_runs_schema ON generation_runs (schema_id)
;
CREATE INDEX generation_runs_user ON generation_runs (user_id)
;
CREATE TABLE generated_data (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES generation_runs (id) ON DELETE CASCADE,
    schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    row_index INTEGER NOT NULL,
    value TEXT
)
;
CREATE INDEX generated_data_run_row ON generated_data (run_id, table_name, row_index)
;
CREATE INDEX generated_data_schema ON generated_data (schema_id)
