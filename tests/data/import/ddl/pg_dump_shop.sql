--
-- PostgreSQL database dump
--

\restrict 11FWNamxNMKDyX0fUAArghE4sotqNX04fec2Agz5dG1QCFNtibgX5VxhQ2J1yQ7

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: audit; Type: SCHEMA; Schema: -; Owner: fabrica
--

CREATE SCHEMA audit;


ALTER SCHEMA audit OWNER TO fabrica;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: Mood; Type: TYPE; Schema: public; Owner: fabrica
--

CREATE TYPE public."Mood" AS ENUM (
    'happy',
    'it''s complicated'
);


ALTER TYPE public."Mood" OWNER TO fabrica;

--
-- Name: money_range; Type: TYPE; Schema: public; Owner: fabrica
--

CREATE TYPE public.money_range AS RANGE (
    subtype = numeric,
    multirange_type_name = public.money_multirange
);


ALTER TYPE public.money_range OWNER TO fabrica;

--
-- Name: order_status; Type: TYPE; Schema: public; Owner: fabrica
--

CREATE TYPE public.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'cancelled'
);


ALTER TYPE public.order_status OWNER TO fabrica;

--
-- Name: positive_amount; Type: DOMAIN; Schema: public; Owner: fabrica
--

CREATE DOMAIN public.positive_amount AS numeric(12,2) NOT NULL
	CONSTRAINT positive_amount_check CHECK ((VALUE >= (0)::numeric));


ALTER DOMAIN public.positive_amount OWNER TO fabrica;

--
-- Name: rating; Type: DOMAIN; Schema: public; Owner: fabrica
--

CREATE DOMAIN public.rating AS smallint
	CONSTRAINT rating_range CHECK (((VALUE >= 1) AND (VALUE <= 5)));


ALTER DOMAIN public.rating OWNER TO fabrica;

--
-- Name: us_postal_code; Type: DOMAIN; Schema: public; Owner: fabrica
--

CREATE DOMAIN public.us_postal_code AS text
	CONSTRAINT us_postal_code_check CHECK ((VALUE ~ '^\d{5}$'::text));


ALTER DOMAIN public.us_postal_code OWNER TO fabrica;

--
-- Name: add_numbers(integer, integer); Type: FUNCTION; Schema: public; Owner: fabrica
--

CREATE FUNCTION public.add_numbers(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT a + b; $$;


ALTER FUNCTION public.add_numbers(a integer, b integer) OWNER TO fabrica;

--
-- Name: invoice_number_seq; Type: SEQUENCE; Schema: public; Owner: fabrica
--

CREATE SEQUENCE public.invoice_number_seq
    START WITH 1000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.invoice_number_seq OWNER TO fabrica;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE TABLE public.orders (
    id integer NOT NULL,
    user_id bigint NOT NULL,
    status public.order_status DEFAULT 'pending'::public.order_status NOT NULL,
    invoice_number integer DEFAULT nextval('public.invoice_number_seq'::regclass),
    total numeric(12,2) DEFAULT 0 NOT NULL,
    discount_pct numeric(5,2),
    placed_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    note text DEFAULT ''::text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT orders_discount_pct_check CHECK (((discount_pct > (0)::numeric) AND (discount_pct <= (100)::numeric))),
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
);


ALTER TABLE public.orders OWNER TO fabrica;

--
-- Name: order_count(bigint); Type: FUNCTION; Schema: public; Owner: fabrica
--

CREATE FUNCTION public.order_count(uid bigint) RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT count(*) AS count
    FROM public.orders
   WHERE (orders.user_id = order_count.uid);
END;


ALTER FUNCTION public.order_count(uid bigint) OWNER TO fabrica;

--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: fabrica
--

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now(); -- a ';' inside a dollar-quoted body
    RETURN NEW;
END;
$$;


ALTER FUNCTION public.touch_updated_at() OWNER TO fabrica;

--
-- Name: Event Log; Type: TABLE; Schema: audit; Owner: fabrica
--

CREATE TABLE audit."Event Log" (
    "ID" bigint NOT NULL,
    happened_at timestamp with time zone DEFAULT now() NOT NULL,
    "user" bigint,
    action text NOT NULL,
    details jsonb,
    CONSTRAINT "Event Log_action_check" CHECK ((action = ANY (ARRAY['login'::text, 'logout'::text])))
);


ALTER TABLE audit."Event Log" OWNER TO fabrica;

--
-- Name: Event Log_ID_seq; Type: SEQUENCE; Schema: audit; Owner: fabrica
--

ALTER TABLE audit."Event Log" ALTER COLUMN "ID" ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit."Event Log_ID_seq"
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: order_items; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE TABLE public.order_items (
    order_id integer NOT NULL,
    line_no smallint NOT NULL,
    product_id integer NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    CONSTRAINT order_items_price_check CHECK ((unit_price >= (0)::numeric)),
    CONSTRAINT order_items_quantity_check CHECK ((quantity > 0)),
    CONSTRAINT order_items_quantity_check1 CHECK ((quantity <= 1000))
);


ALTER TABLE public.order_items OWNER TO fabrica;

--
-- Name: order_totals; Type: VIEW; Schema: public; Owner: fabrica
--

CREATE VIEW public.order_totals AS
 SELECT o.id,
    sum(((i.quantity)::numeric * i.unit_price)) AS total
   FROM (public.orders o
     JOIN public.order_items i ON ((i.order_id = o.id)))
  GROUP BY o.id;


ALTER TABLE public.order_totals OWNER TO fabrica;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: fabrica
--

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: products; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE TABLE public.products (
    id integer NOT NULL,
    sku text NOT NULL,
    name text NOT NULL,
    price public.positive_amount,
    weight_kg real,
    stars public.rating,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT products_status_check CHECK ((status = ANY (ARRAY['active'::text, 'retired'::text]))),
    CONSTRAINT products_weight_kg_check CHECK (((weight_kg >= (0.01)::double precision) AND (weight_kg <= (1000)::double precision)))
);


ALTER TABLE public.products OWNER TO fabrica;

--
-- Name: products_id_seq; Type: SEQUENCE; Schema: public; Owner: fabrica
--

ALTER TABLE public.products ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.products_id_seq
    START WITH 100
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: session_cache; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE UNLOGGED TABLE public.session_cache (
    token uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id bigint,
    payload jsonb
);


ALTER TABLE public.session_cache OWNER TO fabrica;

--
-- Name: shipments; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE TABLE public.shipments (
    order_id integer,
    line_no smallint,
    carrier character varying(20),
    shipped_on date,
    delivered_on date,
    CONSTRAINT shipments_carrier_check CHECK (((carrier)::text = ANY ((ARRAY['ups'::character varying, 'dhl'::character varying, 'fedex'::character varying])::text[]))),
    CONSTRAINT shipments_check CHECK ((delivered_on >= shipped_on))
);


ALTER TABLE public.shipments OWNER TO fabrica;

--
-- Name: users; Type: TABLE; Schema: public; Owner: fabrica
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email public.citext NOT NULL,
    "DisplayName" character varying(80) COLLATE pg_catalog."C",
    first_name character varying(50) NOT NULL,
    last_name character varying(50),
    age integer,
    score double precision DEFAULT '-1.5'::numeric,
    mood public."Mood",
    tags text[] DEFAULT '{}'::text[],
    matrix integer[],
    nicknames text[],
    created_at timestamp(3) with time zone DEFAULT now() NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'utc'::text),
    balance numeric(10,2) DEFAULT 0,
    flags bit varying(8),
    bio text DEFAULT 'It''s me,
	the author'::text,
    country character(2) DEFAULT 'US'::bpchar,
    login_count integer DEFAULT 0 NOT NULL,
    postal_code public.us_postal_code,
    wake_up time(0) with time zone,
    trial interval day to second,
    CONSTRAINT users_age_check CHECK (((age >= 0) AND (age <= 150))),
    CONSTRAINT users_balance_check CHECK ((balance > ('-100'::integer)::numeric)),
    CONSTRAINT users_country_check CHECK ((country = ANY (ARRAY['US'::bpchar, 'CA'::bpchar, 'MX'::bpchar]))),
    CONSTRAINT users_login_count_check CHECK ((0 <= login_count))
);


ALTER TABLE public.users OWNER TO fabrica;

--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: fabrica
--

COMMENT ON TABLE public.users IS 'People who can sign in';


--
-- Name: COLUMN users.email; Type: COMMENT; Schema: public; Owner: fabrica
--

COMMENT ON COLUMN public.users.email IS 'Unique, case-insensitive';


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: fabrica
--

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.users_id_seq OWNER TO fabrica;

--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: fabrica
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Name: Event Log Event Log_pkey; Type: CONSTRAINT; Schema: audit; Owner: fabrica
--

ALTER TABLE ONLY audit."Event Log"
    ADD CONSTRAINT "Event Log_pkey" PRIMARY KEY ("ID");


--
-- Name: order_items order_items_pkey; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);


--
-- Name: products products_sku_key; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_sku_key UNIQUE (sku);


--
-- Name: session_cache session_cache_pkey; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.session_cache
    ADD CONSTRAINT session_cache_pkey PRIMARY KEY (token);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: orders_placed_at_idx; Type: INDEX; Schema: public; Owner: fabrica
--

CREATE INDEX orders_placed_at_idx ON public.orders USING btree (placed_at DESC);


--
-- Name: shipments_order_line_idx; Type: INDEX; Schema: public; Owner: fabrica
--

CREATE UNIQUE INDEX shipments_order_line_idx ON public.shipments USING btree (order_id, line_no);


--
-- Name: users_lower_email_idx; Type: INDEX; Schema: public; Owner: fabrica
--

CREATE UNIQUE INDEX users_lower_email_idx ON public.users USING btree (lower((email)::text));


--
-- Name: users users_touch; Type: TRIGGER; Schema: public; Owner: fabrica
--

CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: order_items order_items_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;


--
-- Name: order_items order_items_product_fk; Type: FK CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES public.products(id);


--
-- Name: orders orders_user_fk; Type: FK CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;


--
-- Name: session_cache session_cache_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.session_cache
    ADD CONSTRAINT session_cache_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: shipments shipments_order_id_line_no_fkey; Type: FK CONSTRAINT; Schema: public; Owner: fabrica
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_order_id_line_no_fkey FOREIGN KEY (order_id, line_no) REFERENCES public.order_items(order_id, line_no) MATCH FULL;


--
-- Name: TABLE order_totals; Type: ACL; Schema: public; Owner: fabrica
--

GRANT SELECT ON TABLE public.order_totals TO PUBLIC;


--
-- PostgreSQL database dump complete
--

\unrestrict 11FWNamxNMKDyX0fUAArghE4sotqNX04fec2Agz5dG1QCFNtibgX5VxhQ2J1yQ7

