-- A trading company in the spirit of Northwind (SQLite): short varchar columns everywhere, a
-- self-referencing employee hierarchy and composite primary keys made of foreign keys.

CREATE TABLE categories (
    category_id INTEGER NOT NULL PRIMARY KEY,
    category_name varchar(15) NOT NULL,
    description text
);

CREATE TABLE region (
    region_id INTEGER NOT NULL PRIMARY KEY,
    region_description varchar(50) NOT NULL
);

CREATE TABLE territories (
    territory_id varchar(20) NOT NULL PRIMARY KEY,
    territory_description varchar(50) NOT NULL,
    region_id smallint NOT NULL REFERENCES region (region_id)
);

CREATE TABLE shippers (
    shipper_id INTEGER NOT NULL PRIMARY KEY,
    company_name varchar(40) NOT NULL,
    phone varchar(24)
);

CREATE TABLE suppliers (
    supplier_id INTEGER NOT NULL PRIMARY KEY,
    company_name varchar(40) NOT NULL,
    contact_name varchar(30),
    contact_title varchar(30),
    address varchar(60),
    city varchar(15),
    region varchar(15),
    postal_code varchar(10),
    country varchar(15),
    phone varchar(24),
    fax varchar(24),
    homepage text
);

CREATE TABLE customers (
    customer_id varchar(5) NOT NULL PRIMARY KEY,
    company_name varchar(40) NOT NULL,
    contact_name varchar(30),
    contact_title varchar(30),
    address varchar(60),
    city varchar(15),
    region varchar(15),
    postal_code varchar(10),
    country varchar(15),
    phone varchar(24),
    fax varchar(24)
);

CREATE TABLE employees (
    employee_id INTEGER NOT NULL PRIMARY KEY,
    last_name varchar(20) NOT NULL,
    first_name varchar(10) NOT NULL,
    title varchar(30),
    title_of_courtesy varchar(25),
    birth_date date,
    hire_date date,
    address varchar(60),
    city varchar(15),
    region varchar(15),
    postal_code varchar(10),
    country varchar(15),
    home_phone varchar(24),
    extension varchar(4),
    notes text,
    reports_to smallint REFERENCES employees (employee_id),
    photo_path varchar(255)
);

CREATE TABLE employee_territories (
    employee_id smallint NOT NULL REFERENCES employees (employee_id),
    territory_id varchar(20) NOT NULL REFERENCES territories (territory_id),
    PRIMARY KEY (employee_id, territory_id)
);

CREATE TABLE products (
    product_id INTEGER NOT NULL PRIMARY KEY,
    product_name varchar(40) NOT NULL,
    supplier_id smallint REFERENCES suppliers (supplier_id),
    category_id smallint REFERENCES categories (category_id),
    quantity_per_unit varchar(20),
    unit_price numeric(10,2) DEFAULT 0 CHECK (unit_price >= 0),
    units_in_stock smallint DEFAULT 0 CHECK (units_in_stock >= 0),
    units_on_order smallint DEFAULT 0 CHECK (units_on_order >= 0),
    reorder_level smallint DEFAULT 0 CHECK (reorder_level >= 0),
    discontinued integer NOT NULL
);

CREATE TABLE orders (
    order_id INTEGER NOT NULL PRIMARY KEY,
    customer_id varchar(5) REFERENCES customers (customer_id),
    employee_id smallint REFERENCES employees (employee_id),
    order_date date,
    required_date date,
    shipped_date date,
    ship_via smallint REFERENCES shippers (shipper_id),
    freight numeric(8,2) DEFAULT 0,
    ship_name varchar(40),
    ship_address varchar(60),
    ship_city varchar(15),
    ship_region varchar(15),
    ship_postal_code varchar(10),
    ship_country varchar(15)
);

CREATE TABLE order_details (
    order_id smallint NOT NULL REFERENCES orders (order_id),
    product_id smallint NOT NULL REFERENCES products (product_id),
    unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
    quantity smallint NOT NULL CHECK (quantity > 0),
    discount real NOT NULL CHECK (discount >= 0 AND discount <= 1),
    PRIMARY KEY (order_id, product_id)
);
