-- An employee database in the spirit of MySQL's "employees" sample (PostgreSQL port): six tables,
-- composite primary keys over a foreign key and dates, a multi-column UNIQUE constraint, short varchars.
-- Loads as-is: psql -v ON_ERROR_STOP=1 -f postgresql.sql

CREATE TYPE employee_gender AS ENUM ('M', 'F');

CREATE TABLE employees (
    emp_no      integer         NOT NULL,
    birth_date  date            NOT NULL,
    first_name  varchar(14)     NOT NULL,
    last_name   varchar(16)     NOT NULL,
    gender      employee_gender NOT NULL,
    hire_date   date            NOT NULL,
    PRIMARY KEY (emp_no)
);

CREATE TABLE departments (
    dept_no     char(4)         NOT NULL,
    dept_name   varchar(40)     NOT NULL,
    PRIMARY KEY (dept_no),
    UNIQUE (dept_name)
);

CREATE TABLE dept_manager (
    emp_no      integer         NOT NULL,
    dept_no     char(4)         NOT NULL,
    from_date   date            NOT NULL,
    to_date     date            NOT NULL,
    FOREIGN KEY (emp_no)  REFERENCES employees (emp_no)    ON DELETE CASCADE,
    FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no, dept_no),
    -- one manager takes over a department on a given day
    UNIQUE (dept_no, from_date)
);

CREATE TABLE dept_emp (
    emp_no      integer         NOT NULL,
    dept_no     char(4)         NOT NULL,
    from_date   date            NOT NULL,
    to_date     date            NOT NULL,
    FOREIGN KEY (emp_no)  REFERENCES employees (emp_no)    ON DELETE CASCADE,
    FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no, dept_no)
);

CREATE TABLE titles (
    emp_no      integer         NOT NULL,
    title       varchar(50)     NOT NULL,
    from_date   date            NOT NULL,
    to_date     date,
    FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no, title, from_date)
);

CREATE TABLE salaries (
    emp_no      integer         NOT NULL,
    salary      integer         NOT NULL,
    from_date   date            NOT NULL,
    to_date     date            NOT NULL,
    FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no, from_date)
);

CREATE INDEX dept_emp_dept_no_idx ON dept_emp (dept_no);
CREATE INDEX salaries_from_date_idx ON salaries (from_date);
