-- A hand-written fixture in the style of sqlite3's .schema and .dump, with the hard cases of the DDL
-- importer. sqlite3 runs all of it but the sqlite_sequence line, which .schema prints and no one may create.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE COLLATE NOCASE, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, active BOOLEAN NOT NULL DEFAULT (1), karma INT DEFAULT -1);
INSERT INTO users VALUES(1,'Ada','ada@example.com','2024-01-02 03:04:05',1,10);
INSERT INTO users VALUES(2,'Bob O''Brien',NULL,'2024-02-03 00:00:00',0,-3);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE IF NOT EXISTS "orders" (
	"id"	INTEGER NOT NULL,
	"user_id"	INTEGER NOT NULL,
	"total"	REAL NOT NULL DEFAULT 0 CHECK("total" >= 0),
	"status"	TEXT NOT NULL DEFAULT 'new' CHECK("status" IN ('new', 'paid', 'void')),
	"placed_on"	TEXT DEFAULT (datetime('now')),
	PRIMARY KEY("id" AUTOINCREMENT),
	FOREIGN KEY("user_id") REFERENCES "users"("id") ON DELETE CASCADE
);
CREATE TABLE [order items] (
  [order id] INTEGER REFERENCES orders(id) ON DELETE CASCADE,
  `line` INT NOT NULL,
  qty UNSIGNED BIG INT CHECK (qty BETWEEN 1 AND 99),
  price NUMERIC(10,2),
  note,
  discount DEFAULT 0.0,
  PRIMARY KEY ([order id], line)
) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY ON CONFLICT REPLACE, value ANY) STRICT;
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind VARCHAR(20) NOT NULL CHECK (kind = 'click' OR kind = 'view'),
  at INTEGER NOT NULL,
  total_cents INTEGER GENERATED ALWAYS AS (at * 100) VIRTUAL
);
CREATE UNIQUE INDEX idx_users_email_name ON users(email COLLATE NOCASE, name DESC);
CREATE INDEX idx_orders_user ON orders(user_id);
CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE TRIGGER orders_audit AFTER INSERT ON orders
BEGIN
  UPDATE users SET karma = karma + CASE WHEN new.total > 100 THEN 2 ELSE 1 END WHERE id = new.user_id;
  INSERT INTO events (kind, at) VALUES ('view', 0);
END;
INSERT INTO "orders" ("id","user_id","total","status") VALUES (1,1,12.5,'paid');
COMMIT;
