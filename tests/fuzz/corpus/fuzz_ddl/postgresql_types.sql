CREATE TYPE mood AS ENUM ('happy', 'it''s sad');
CREATE DOMAIN pos AS numeric(12,2) NOT NULL CONSTRAINT c CHECK ((VALUE >= (0)::numeric));
CREATE TABLE t (m mood, p pos, c character varying(3) CHECK (((c)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))));
CREATE UNIQUE INDEX i ON t USING btree (m, p) WHERE p > 0;
COMMENT ON COLUMN t.m IS E'how\'s it';
