-- A DVD rental store in the spirit of Sakila's SQLite port, written for Fabrica's tests: the store <->
-- staff cycle of NOT NULL foreign keys, a composite primary key of two foreign keys, a three-column UNIQUE
-- and a generated column. Load with `sqlite3 dvdrental.db < sqlite.sql`; PRAGMA foreign_keys = ON
-- enforces the keys afterwards.
PRAGMA foreign_keys = ON;

CREATE TABLE actor (
  actor_id INTEGER PRIMARY KEY,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE category (
  category_id INTEGER PRIMARY KEY,
  name VARCHAR(25) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE language (
  language_id INTEGER PRIMARY KEY,
  name CHAR(20) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE film (
  film_id INTEGER PRIMARY KEY,
  title VARCHAR(255) NOT NULL,
  description TEXT,
  release_year INTEGER CHECK (release_year BETWEEN 1901 AND 2155),
  language_id INTEGER NOT NULL REFERENCES language (language_id) ON UPDATE CASCADE,
  original_language_id INTEGER REFERENCES language (language_id) ON UPDATE CASCADE,
  rental_duration SMALLINT NOT NULL DEFAULT 3,
  rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
  length SMALLINT,
  replacement_cost DECIMAL(5,2) NOT NULL DEFAULT 19.99,
  rating VARCHAR(10) DEFAULT 'G' CHECK (rating IN ('G', 'PG', 'PG-13', 'R', 'NC-17')),
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  special_features TEXT,
  fulltext TEXT GENERATED ALWAYS AS (title || ' ' || coalesce(description, '')) STORED
);

CREATE TABLE film_actor (
  actor_id INTEGER NOT NULL REFERENCES actor (actor_id) ON UPDATE CASCADE,
  film_id INTEGER NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (actor_id, film_id)
);

CREATE TABLE film_category (
  film_id INTEGER NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE,
  category_id INTEGER NOT NULL REFERENCES category (category_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (film_id, category_id)
);

CREATE TABLE country (
  country_id INTEGER PRIMARY KEY,
  country VARCHAR(50) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE city (
  city_id INTEGER PRIMARY KEY,
  city VARCHAR(50) NOT NULL,
  country_id INTEGER NOT NULL REFERENCES country (country_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE address (
  address_id INTEGER PRIMARY KEY,
  address VARCHAR(50) NOT NULL,
  address2 VARCHAR(50),
  district VARCHAR(20) NOT NULL,
  city_id INTEGER NOT NULL REFERENCES city (city_id) ON UPDATE CASCADE,
  postal_code VARCHAR(10),
  phone VARCHAR(20) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- store and staff refer to each other, both NOT NULL: rows go in with the keys checked at COMMIT
-- (PRAGMA defer_foreign_keys) or with foreign_keys off, as sqlite3's .dump does.
CREATE TABLE store (
  store_id INTEGER PRIMARY KEY,
  manager_staff_id INTEGER NOT NULL UNIQUE REFERENCES staff (staff_id) ON UPDATE CASCADE,
  address_id INTEGER NOT NULL REFERENCES address (address_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE staff (
  staff_id INTEGER PRIMARY KEY,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  address_id INTEGER NOT NULL REFERENCES address (address_id) ON UPDATE CASCADE,
  email VARCHAR(50),
  store_id INTEGER NOT NULL REFERENCES store (store_id),
  active BOOLEAN NOT NULL DEFAULT 1,
  username VARCHAR(16) NOT NULL,
  password VARCHAR(40),
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE customer (
  customer_id INTEGER PRIMARY KEY,
  store_id INTEGER NOT NULL REFERENCES store (store_id) ON UPDATE CASCADE,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  email VARCHAR(50),
  address_id INTEGER NOT NULL REFERENCES address (address_id) ON UPDATE CASCADE,
  activebool BOOLEAN NOT NULL DEFAULT 1,
  create_date DATE NOT NULL DEFAULT CURRENT_DATE,
  last_update TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  active INTEGER
);

CREATE TABLE inventory (
  inventory_id INTEGER PRIMARY KEY,
  film_id INTEGER NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE,
  store_id INTEGER NOT NULL REFERENCES store (store_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE rental (
  rental_id INTEGER PRIMARY KEY,
  rental_date TIMESTAMP NOT NULL,
  inventory_id INTEGER NOT NULL REFERENCES inventory (inventory_id) ON UPDATE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customer (customer_id) ON UPDATE CASCADE,
  return_date TIMESTAMP,
  staff_id INTEGER NOT NULL REFERENCES staff (staff_id) ON UPDATE CASCADE,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (rental_date, inventory_id, customer_id)
);

CREATE TABLE payment (
  payment_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (customer_id),
  staff_id INTEGER NOT NULL REFERENCES staff (staff_id),
  rental_id INTEGER NOT NULL REFERENCES rental (rental_id),
  amount DECIMAL(5,2) NOT NULL,
  payment_date TIMESTAMP NOT NULL
);

CREATE INDEX idx_actor_last_name ON actor (last_name);
CREATE INDEX idx_fk_film_id ON film_actor (film_id);
CREATE INDEX idx_fk_inventory_id ON rental (inventory_id);
CREATE INDEX idx_store_id_film_id ON inventory (store_id, film_id);

