#!/usr/bin/env python3
"""Issue 15's cases: what a big schema costs before any row is written, and how fast a wide table is.

- 1,000 tables x 20 columns (a key, a foreign key, a third of the columns date/time types): `fabrica
  validate` (which also compiles the plan for generation) and `fabrica generate` of 100 rows per table;
- 100 tables x 19 date columns, once with a one-year range and once with 1900..2099: peak RSS must not
  depend on the range;
- a table of 40 mixed semantic columns (people, addresses, internet, finance, dates, JSON, patterns) next to
  the shop workload, same threads, same run: MB/s and the ratio.

Prints Markdown tables of medians. Usage: schema_cost.py --fabrica PATH [--rounds R] [--threads T]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MIXED = ["integer", "string", "timestamp", "email", "date", "decimal", "boolean", "timestamptz", "full_name",
         "time", "city", "date", "uuid", "timestamp", "phone"]
WIDE = ["first_name", "last_name", "full_name", "email", "phone", "street", "city", "postal_code", "country",
        "company_name", "job_title", "url", "domain", "ipv4", "user_agent", "iban", "credit_card", "amount",
        "currency_code", "date", "timestamp", "timestamptz", "json", "pattern", "uuid", "boolean", "integer",
        "decimal", "lorem_sentence", "enum", "username", "slug", "hex_color", "latitude", "longitude", "region",
        "building_number", "time", "bic"]


def schema_file(path, name, tables):
    with open(path, "w") as f:
        json.dump({"format": "fabrica-schema", "version": 1, "schema": {"name": name, "tables": tables}}, f)
    return path


def big_schema(path, tables=1000, columns=20):
    result = []
    for t in range(tables):
        cols = [{"name": "id", "type": "sequence", "constraints": {"primaryKey": True, "notNull": True}}]
        if t > 0:
            cols.append({"name": "parent_id", "type": "foreign_key", "constraints": {"references": f"table_{t // 2}.id"}})
        while len(cols) < columns:
            cols.append({"name": f"column_{len(cols)}", "type": MIXED[len(cols) % len(MIXED)]})
        result.append({"name": f"table_{t}", "rows": 100, "columns": cols})
    return schema_file(path, "big", result)


def dates_schema(path, low, high):
    result = []
    for t in range(100):
        cols = [{"name": f"d{c}", "type": "date", "constraints": {"min": low, "max": high}} for c in range(19)]
        result.append({"name": f"t{t}", "rows": 10, "columns": cols})
    return schema_file(path, "dates", result)


def wide_schema(path, rows):
    cols = [{"name": "id", "type": "sequence", "constraints": {"primaryKey": True, "notNull": True}}]
    for i, t in enumerate(WIDE):
        column = {"name": f"{t}_{i}", "type": t}
        if t == "json":
            column["constraints"] = {"fields": {"size": {"type": "integer", "constraints": {"min": 1, "max": 9}},
                                                "city": {"type": "city"}}}
        elif t == "pattern":
            column["constraints"] = {"pattern": "[A-Z]{3}-[0-9]{4}"}
        elif t == "enum":
            column["constraints"] = {"values": ["new", "active", "closed"], "weights": [5, 3, 2]}
        cols.append(column)
    return schema_file(path, "wide", [{"name": "people", "rows": rows, "columns": cols}])


def measure(command, cpu=False):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing.name] + command, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, rss_kb, user, system = timing.read().split()
    if cpu:
        return float(wall), int(rss_kb) / 1024.0, float(user) + float(system)
    return float(wall), int(rss_kb) / 1024.0


def medians(command, rounds, before=None):
    walls, rss = [], []
    for _ in range(rounds):
        if before:
            before()
        wall, peak = measure(command)
        walls.append(wall)
        rss.append(peak)
    return statistics.median(walls), max(rss)


def size_of(directory):
    total = 0
    for root, _, files in os.walk(directory):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rows", type=int, default=1_000_000, help="shop N (customers) and the wide table's rows / 2")
    args = parser.parse_args()
    fabrica = os.path.abspath(args.fabrica)
    work = tempfile.mkdtemp(prefix="fabrica-schema-cost-")
    try:
        big = big_schema(os.path.join(work, "big.fabrica.json"))
        out = os.path.join(work, "out")
        clear = lambda: shutil.rmtree(out, ignore_errors=True)
        print("| 1,000 tables x 20 columns | median s | peak RSS MB | bar |\n|---|---|---|---|")
        wall, rss = medians([fabrica, "validate", big], args.rounds)
        print(f"| fabrica validate (rules + compile for generation) | {wall:.2f} | {rss:.0f} | <= 0.3 s, <= 100 MB |")
        wall, rss = medians([fabrica, "generate", big, "--out", out, "--threads", str(args.threads)], args.rounds, clear)
        print(f"| fabrica generate, 100 rows per table (100,000 rows) | {wall:.2f} | {rss:.0f} | |")

        print("\n| 100 tables x 19 date columns | median s | peak RSS MB |\n|---|---|---|")
        for low, high in (("2024-01-01", "2024-12-31"), ("1900-01-01", "2099-12-31")):
            path = dates_schema(os.path.join(work, f"dates-{low}.fabrica.json"), low, high)
            wall, rss = medians([fabrica, "validate", path], args.rounds)
            print(f"| validate, range {low} .. {high} | {wall:.2f} | {rss:.0f} |")

        shop = os.path.join(HERE, "..", "examples", "shop.fabrica.json")
        n = args.rows
        shop_cmd = [fabrica, "generate", shop, "--out", out, "--threads", str(args.threads),
                    "--rows", f"customers={n}", "--rows", f"orders={3 * n}"]
        wide = wide_schema(os.path.join(work, "wide.fabrica.json"), n // 2)
        wide_cmd = [fabrica, "generate", wide, "--out", out, "--threads", str(args.threads)]
        # Shop and wide take turns, each after a sync, so that neither pays for the other's dirty pages and
        # drift on a shared machine hits both alike.
        runs = {"shop": (shop_cmd, 4 * n, [], [], [0]), "wide (40 columns)": (wide_cmd, n // 2, [], [], [0])}
        for _ in range(args.rounds):
            for name, (command, _, walls, cpus, size) in runs.items():
                clear()
                subprocess.run(["sync"], check=True)
                wall, _, cpu = measure(command, cpu=True)
                walls.append(wall)
                cpus.append(cpu)
                size[0] = size_of(out)
        rates, cpu_rates = {}, {}
        print(f"\n| {args.threads} threads | rows | MB | median wall s | MB/s | median CPU s (user + sys) | MB per CPU s |"
              "\n|---|---|---|---|---|---|---|")
        for name, (_, rows, walls, cpus, size) in runs.items():
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            rates[name] = size[0] / 1e6 / wall
            cpu_rates[name] = size[0] / 1e6 / cpu
            print(f"| {name} | {rows:,} | {size[0] / 1e6:.0f} | {wall:.2f} | {rates[name]:.0f} | {cpu:.2f} | "
                  f"{cpu_rates[name]:.0f} |")
        ratio = rates["wide (40 columns)"] / rates["shop"]
        cpu_ratio = cpu_rates["wide (40 columns)"] / cpu_rates["shop"]
        print(f"\nwide / shop MB/s: {ratio:.2f} (bar: >= 0.8); per CPU second: {cpu_ratio:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
