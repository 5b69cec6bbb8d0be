-- A trading company in the spirit of Northwind (PostgreSQL): short varchar columns everywhere, a
-- self-referencing employee hierarchy and composite primary keys made of foreign keys.

CREATE TABLE categories (
    category_id smallint NOT NULL PRIMARY KEY,
    category_name character varying(15) NOT NULL,
    description text
);

CREATE TABLE region (
    region_id smallint NOT NULL PRIMARY KEY,
    region_description character varying(50) NOT NULL
);

CREATE TABLE territories (
    territory_id character varying(20) NOT NULL PRIMARY KEY,
    territory_description character varying(50) NOT NULL,
    region_id smallint NOT NULL REFERENCES region (region_id)
);

CREATE TABLE shippers (
    shipper_id smallint NOT NULL PRIMARY KEY,
    company_name character varying(40) NOT NULL,
    phone character varying(24)
);

CREATE TABLE suppliers (
    supplier_id smallint NOT NULL PRIMARY KEY,
    company_name character varying(40) NOT NULL,
    contact_name character varying(30),
    contact_title character varying(30),
    address character varying(60),
    city character varying(15),
    region character varying(15),
    postal_code character varying(10),
    country character varying(15),
    phone character varying(24),
    fax character varying(24),
    homepage text
);

CREATE TABLE customers (
    customer_id character varying(5) NOT NULL PRIMARY KEY,
    company_name character varying(40) NOT NULL,
    contact_name character varying(30),
    contact_title character varying(30),
    address character varying(60),
    city character varying(15),
    region character varying(15),
    postal_code character varying(10),
    country character varying(15),
    phone character varying(24),
    fax character varying(24)
);

CREATE TABLE employees (
    employee_id smallint NOT NULL PRIMARY KEY,
    last_name character varying(20) NOT NULL,
    first_name character varying(10) NOT NULL,
    title character varying(30),
    title_of_courtesy character varying(25),
    birth_date date,
    hire_date date,
    address character varying(60),
    city character varying(15),
    region character varying(15),
    postal_code character varying(10),
    country character varying(15),
    home_phone character varying(24),
    extension character varying(4),
    notes text,
    reports_to smallint REFERENCES employees (employee_id),
    photo_path character varying(255)
);

CREATE TABLE employee_territories (
    employee_id smallint NOT NULL REFERENCES employees (employee_id),
    territory_id character varying(20) NOT NULL REFERENCES territories (territory_id),
    PRIMARY KEY (employee_id, territory_id)
);

CREATE TABLE products (
    product_id smallint NOT NULL PRIMARY KEY,
    product_name character varying(40) NOT NULL,
    supplier_id smallint REFERENCES suppliers (supplier_id),
    category_id smallint REFERENCES categories (category_id),
    quantity_per_unit character varying(20),
    unit_price numeric(10,2) DEFAULT 0 CHECK (unit_price >= 0),
    units_in_stock smallint DEFAULT 0 CHECK (units_in_stock >= 0),
    units_on_order smallint DEFAULT 0 CHECK (units_on_order >= 0),
    reorder_level smallint DEFAULT 0 CHECK (reorder_level >= 0),
    discontinued integer NOT NULL
);

CREATE TABLE orders (
    order_id smallint NOT NULL PRIMARY KEY,
    customer_id character varying(5) REFERENCES customers (customer_id),
    employee_id smallint REFERENCES employees (employee_id),
    order_date date,
    required_date date,
    shipped_date date,
    ship_via smallint REFERENCES shippers (shipper_id),
    freight numeric(8,2) DEFAULT 0,
    ship_name character varying(40),
    ship_address character varying(60),
    ship_city character varying(15),
    ship_region character varying(15),
    ship_postal_code character varying(10),
    ship_country character varying(15)
);

CREATE TABLE order_details (
    order_id smallint NOT NULL REFERENCES orders (order_id),
    product_id smallint NOT NULL REFERENCES products (product_id),
    unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
    quantity smallint NOT NULL CHECK (quantity > 0),
    discount real NOT NULL CHECK (discount >= 0 AND discount <= 1),
    PRIMARY KEY (order_id, product_id)
);
