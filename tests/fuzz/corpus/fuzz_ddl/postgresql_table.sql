CREATE TABLE IF NOT EXISTS public."Orders" (id bigserial PRIMARY KEY, total numeric(10,2) NOT NULL DEFAULT 0 CHECK (total >= 0), status text CHECK (status IN ('a','b')), tags text[] DEFAULT '{}'::text[]);
ALTER TABLE ONLY public."Orders" ADD CONSTRAINT o_fk FOREIGN KEY (id) REFERENCES public.x(id) ON DELETE CASCADE DEFERRABLE;
