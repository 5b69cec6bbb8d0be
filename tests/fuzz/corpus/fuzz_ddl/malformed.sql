CREATE TABLE broken (id int, total numeric(10,2);
CREATE TABLE (x int);
INSERT INTO t VALUES ('unterminated);
