\restrict abc
SET statement_timeout = 0;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RETURN NEW; END; $fn$;
CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; END;
COPY t (a, b) FROM stdin;
1	x;y
\.
/* outer /* nested */ still */ ALTER TABLE t ALTER COLUMN a SET DEFAULT nextval('s'::regclass);
\unrestrict abc
