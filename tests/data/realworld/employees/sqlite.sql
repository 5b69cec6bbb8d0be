-- An employee database in the spirit of MySQL's "employees" sample (SQLite port): six tables, composite
-- primary keys over a foreign key and dates, a multi-column UNIQUE constraint, short varchars.
-- Loads as-is: sqlite3 employees.db < sqlite.sql

PRAGMA foreign_keys = ON;

CREATE TABLE employees (
    emp_no      INTEGER         NOT NULL,
    birth_date  DATE            NOT NULL,
    first_name  VARCHAR(14)     NOT NULL,
    last_name   VARCHAR(16)     NOT NULL,
    gender      CHAR(1)         NOT NULL CHECK (gender IN ('M', 'F')),
    hire_date   DATE            NOT NULL,
    PRIMARY KEY (emp_no)
);

CREATE TABLE departments (
    dept_no     CHAR(4)         NOT NULL,
    dept_name   VARCHAR(40)     NOT NULL UNIQUE,
    PRIMARY KEY (dept_no)
);

CREATE TABLE dept_manager (
    emp_no      INTEGER         NOT NULL REFERENCES employees (emp_no) ON DELETE CASCADE,
    dept_no     CHAR(4)         NOT NULL REFERENCES departments (dept_no) ON DELETE CASCADE,
    from_date   DATE            NOT NULL,
    to_date     DATE            NOT NULL,
    PRIMARY KEY (emp_no, dept_no),
    UNIQUE (dept_no, from_date)
);

CREATE TABLE dept_emp (
    emp_no      INTEGER         NOT NULL REFERENCES employees (emp_no) ON DELETE CASCADE,
    dept_no     CHAR(4)         NOT NULL REFERENCES departments (dept_no) ON DELETE CASCADE,
    from_date   DATE            NOT NULL,
    to_date     DATE            NOT NULL,
    PRIMARY KEY (emp_no, dept_no)
);

CREATE TABLE titles (
    emp_no      INTEGER         NOT NULL REFERENCES employees (emp_no) ON DELETE CASCADE,
    title       VARCHAR(50)     NOT NULL,
    from_date   DATE            NOT NULL,
    to_date     DATE,
    PRIMARY KEY (emp_no, title, from_date)
);

CREATE TABLE salaries (
    emp_no      INTEGER         NOT NULL REFERENCES employees (emp_no) ON DELETE CASCADE,
    salary      INTEGER         NOT NULL,
    from_date   DATE            NOT NULL,
    to_date     DATE            NOT NULL,
    PRIMARY KEY (emp_no, from_date)
);

CREATE INDEX dept_emp_dept_no_idx ON dept_emp (dept_no);
CREATE INDEX salaries_from_date_idx ON salaries (from_date);
