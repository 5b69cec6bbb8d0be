#!/usr/bin/env python3
"""Writing the BENCH.md workload into PostgreSQL: Fabrica against PostgreSQL's own load; prints a Markdown table.

Runs against a PostgreSQL server given by --url (bench/run.sh --pg starts a throw-away cluster with
scripts/pg.sh). Each round, in a fresh database made for it (not timed), and alternating so that drift of a
shared machine hits both alike:

- reference: the CSV files Fabrica wrote (once, before the rounds, into a world-readable directory, since the
  server process reads them) loaded by PostgreSQL itself, as BENCH.md describes it: the two tables created
  without keys, server-side `COPY … FROM '/path' (FORMAT csv, HEADER true)`, then the keys added, all in one
  transaction, sent by psql. Two variants: the keys BENCH.md names (primary keys and the foreign key), and
  every key the schema declares (also UNIQUE (email)), which is what Fabrica builds;
- fabrica: `fabrica generate SCHEMA --to postgresql://…/db --threads T` (generation included).

Wall times are medians of --rounds rounds; a CHECKPOINT before each timed run keeps one run's WAL out of the
next. The table and Fabrica's row counts and constraints are checked after the last round.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def psql_path():
    found = shutil.which("psql")
    if found:
        return found
    versions = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(v) if v.isdigit() else 0)
    return f"/usr/lib/postgresql/{versions[-1]}/bin/psql"


class Server:
    def __init__(self, url):
        self.url = url
        parts = urllib.parse.urlsplit(url)
        self.base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.admin_db = parts.path.lstrip("/") or "postgres"
        self.psql = psql_path()

    def url_of(self, database):
        return f"{self.base}/{database}"

    def run(self, sql, database=None, capture=False):
        env = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
        result = subprocess.run([self.psql, self.url_of(database or self.admin_db), "-X", "-q", "-A", "-t",
                                 "-v", "ON_ERROR_STOP=1", "-c", sql],
                                env=env, check=True, capture_output=True, text=True)
        return result.stdout.strip() if capture else None

    def run_file(self, path, database):
        env = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
        subprocess.run([self.psql, self.url_of(database), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", path],
                       env=env, check=True, stdout=subprocess.DEVNULL)

    def fresh(self, database):
        self.run(f'DROP DATABASE IF EXISTS "{database}"')
        self.run(f'CREATE DATABASE "{database}"')
        self.run("CHECKPOINT")

    def drop(self, database):
        self.run(f'DROP DATABASE IF EXISTS "{database}"')


def reference_script(ddl_path, csv_dir, with_unique):
    """The reference load from Fabrica's own DDL (so the column types are the same): CREATE TABLE without the
    key lines, COPY from the CSV files, then the keys as ALTER TABLE, in one transaction."""
    with open(ddl_path, encoding="utf-8") as f:
        ddl = f.read()
    tables, keys, foreign = [], [], []
    for match in re.finditer(r'CREATE TABLE ("[^"]+") \((.*?)\n\);', ddl, re.S):
        name, body = match.group(1), match.group(2)
        columns = []
        for line in body.strip("\n").split("\n"):
            line = line.strip().rstrip(",")
            if line.startswith("PRIMARY KEY"):
                keys.append(f"ALTER TABLE {name} ADD {line};")
            elif line.startswith("UNIQUE"):
                if with_unique:
                    keys.append(f"ALTER TABLE {name} ADD {line};")
            else:
                columns.append(line)
        tables.append((name, columns))
    foreign = [line for line in ddl.split("\n") if line.startswith("ALTER TABLE ")]
    lines = ["BEGIN;"]
    for name, columns in tables:
        lines.append(f"CREATE TABLE {name} ({', '.join(columns)});")
    for name, _ in tables:
        path = os.path.join(csv_dir, name.strip('"') + ".csv")
        lines.append(f"COPY {name} FROM '{path}' WITH (FORMAT csv, HEADER true);")
    lines += keys + foreign + ["COMMIT;"]
    return "\n".join(lines) + "\n"


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--url", required=True, help="postgresql://user@host:port/db of a server to use")
    parser.add_argument("--rows", type=int, default=1_000_000, help="N: customers; orders are 3N")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args, _ = parser.parse_known_args()  # bench/run.sh passes the CSV benchmark's options too

    server = Server(args.url)
    n = args.rows
    rows = 4 * n
    sizes = ["--rows", f"customers={n}", "--rows", f"orders={3 * n}"]
    work = tempfile.mkdtemp(prefix="fabrica-bench-load-")
    os.chmod(work, 0o755)  # the server process reads the CSV files
    try:
        csv_dir = os.path.join(work, "csv")
        subprocess.run([args.fabrica, "generate", args.schema, "--out", csv_dir, "--quiet",
                        "--threads", str(args.threads)] + sizes, check=True)
        os.chmod(csv_dir, 0o755)
        for name in os.listdir(csv_dir):
            os.chmod(os.path.join(csv_dir, name), 0o644)
        ddl = os.path.join(work, "ddl.sql")
        subprocess.run([args.fabrica, "generate", args.schema, "--out", ddl, "--single-file", "--format", "sql",
                        "--quiet", "--rows", "customers=0", "--rows", "orders=0"], check=True)
        scripts = {}
        for variant, with_unique in (("pk-fk", False), ("all-keys", True)):
            path = os.path.join(work, f"reference-{variant}.sql")
            with open(path, "w", encoding="utf-8") as f:
                f.write(reference_script(ddl, csv_dir, with_unique))
            scripts[variant] = path

        walls = {"pk-fk": [], "all-keys": [], "fabrica": []}
        for round_ in range(args.rounds):
            for variant, script in scripts.items():
                database = f"bench_ref_{variant.replace('-', '_')}"
                server.fresh(database)
                walls[variant].append(timed([server.psql, server.url_of(database), "-X", "-q",
                                             "-v", "ON_ERROR_STOP=1", "-f", script]))
                server.drop(database)
            database = "bench_fabrica"
            server.fresh(database)
            walls["fabrica"].append(timed([args.fabrica, "generate", args.schema, "--to", server.url_of(database),
                                           "--quiet", "--threads", str(args.threads)] + sizes))
            if round_ + 1 < args.rounds:
                server.drop(database)
            print(f"round {round_ + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in walls.items()),
                  file=sys.stderr)

        counts = server.run("SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM orders)",
                            "bench_fabrica", capture=True)
        constraints = server.run("SELECT string_agg(c, ' ' ORDER BY c) FROM (SELECT conrelid::regclass::text "
                                 "|| ':' || contype::text AS c FROM pg_constraint WHERE contype IN ('p', 'u', 'f') "
                                 "AND convalidated AND connamespace = 'public'::regnamespace) k",
                                 "bench_fabrica", capture=True)
        server.drop("bench_fabrica")
        version = server.run("SHOW server_version", capture=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {k: statistics.median(v) for k, v in walls.items()}
    print(f"\nShop workload into PostgreSQL {version}, N = {n:,} ({rows:,} rows), one transaction each, "
          f"medians of {args.rounds} rounds\n")
    print("| program | keys built | wall s | rows/s | × reference (PK + FK) | × reference (all keys) |")
    print("|---|---|---|---|---|---|")
    labels = {
        "pk-fk": ("PostgreSQL `COPY FROM` CSV file, keys afterwards", "PK, FK"),
        "all-keys": ("PostgreSQL `COPY FROM` CSV file, keys afterwards", "PK, UNIQUE, FK"),
        "fabrica": (f"fabrica `--to postgresql://`, {args.threads} threads", "PK, UNIQUE, FK"),
    }
    for key, (label, keys) in labels.items():
        wall = median[key]
        print(f"| {label} | {keys} | {wall:.2f} | {rows / wall / 1e3:.0f}k | {wall / median['pk-fk']:.2f} | "
              f"{wall / median['all-keys']:.2f} |")
    expected_counts = f"{n} {3 * n}"
    expected_constraints = "customers:p customers:u orders:f orders:p"
    ok = counts == expected_counts and constraints == expected_constraints
    print(f"\nFabrica's database: rows {counts} (expected {expected_counts}), constraints {constraints} "
          f"({'OK' if ok else 'WRONG'})")
    print(f"Bar: fabrica ≤ 1.25 × the reference: {median['fabrica'] / median['pk-fk']:.2f} (PK + FK), "
          f"{median['fabrica'] / median['all-keys']:.2f} (all keys)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
