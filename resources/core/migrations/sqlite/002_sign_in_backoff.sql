-- Version 2: failed sign-ins are counted per account and slow further attempts down.
ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0
;
ALTER TABLE users ADD COLUMN locked_until TEXT
