#!/usr/bin/env python3
"""Issue 12's relations bar: a schema using relations costs at most 10 % more time than the same schema
without them.

One table of rentals (timestamps, dates, numbers, enums), generated twice through the real `fabrica generate`
to CSV: once plain, once with every relation kind on the same columns (return_date after rental_date,
hire_date 18..60 years after birth_date, updated_at after created_at, total = quantity * unit_price *
(1 - discount), status weighted by country): a stress case, 5 of its 13 columns are relations. Then the
hr example (examples/hr.fabrica.json, whose employees have hire_date after birth_date and termination_date
after hire_date) with and without its relations, employees scaled to --rows / 4. Rounds alternate; prints
Markdown tables of medians and the ratios. Usage: relations.py --fabrica PATH [--rows N] [--rounds R]
[--threads T]
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time


def columns(relations):
    def col(name, type_, constraints=None, relation=None):
        c = dict(constraints or {})
        if relations and relation:
            c.update(relation)
        return {"name": name, "type": type_, "constraints": c}

    return [
        col("id", "sequence", {"primaryKey": True}),
        col("rental_date", "timestamp", {"min": "2020-01-01T00:00:00", "max": "2025-12-31T23:59:59"}),
        col("return_date", "timestamp", {"min": "2020-01-01T00:00:00", "max": "2026-01-31T23:59:59", "nullPercent": 5},
            {"after": {"column": "rental_date", "min": 1, "max": 10, "unit": "days"}}),
        col("birth_date", "date", {"min": "1950-01-01", "max": "2000-12-31", "format": "dd.MM.yyyy"}),
        col("hire_date", "date", {"min": "1970-01-01", "max": "2026-12-31"},
            {"after": {"column": "birth_date", "min": 18, "max": 60, "unit": "years"}}),
        col("created_at", "timestamptz", {"min": "2020-01-01T00:00:00Z", "max": "2025-12-31T23:59:59Z"}),
        # The same exponential shape in both runs: as the column's own distribution, or as the gap's.
        col("updated_at", "timestamptz", {"min": "2020-01-01T00:00:00Z", "max": "2026-01-31T23:59:59Z"}
            if relations else {"min": "2020-01-01T00:00:00Z", "max": "2026-01-31T23:59:59Z",
                               "distribution": {"name": "exponential"}},
            {"after": {"column": "created_at", "max": 72, "unit": "hours", "distribution": {"name": "exponential"}}}),
        col("quantity", "integer", {"min": 1, "max": 50}),
        col("unit_price", "decimal", {"min": 0.5, "max": 999.99, "scale": 2}),
        col("discount", "decimal", {"min": 0, "max": 0.3, "scale": 3}),
        col("total", "decimal", {"min": 0, "max": 50000, "scale": 2, "precision": 14},
            {"formula": "quantity * unit_price * (1 - discount)"}),
        col("country", "enum", {"values": ["DE", "US", "FR", "ES", "GB"]}),
        col("status", "enum", {"values": ["new", "paid", "shipped", "returned"], "weights": [10, 20, 60, 10]},
            {"weightsBy": {"column": "country", "weights": {"DE": [5, 15, 75, 5], "US": [20, 30, 40, 10]}}}),
    ]


def schema_file(path, relations, rows):
    with open(path, "w") as f:
        json.dump({"format": "fabrica-schema", "version": 1,
                   "schema": {"name": "rentals", "tables": [{"name": "rentals", "rows": rows, "columns": columns(relations)}]}}, f)
    return path


HERE = os.path.dirname(os.path.abspath(__file__))


def without_relations(document):
    for table in document["schema"]["tables"]:
        for column in table["columns"]:
            for key in ("after", "formula", "weightsBy"):
                column.get("constraints", {}).pop(key, None)
    return document


def compare(fabrica, label, plain, related, extra, rounds, threads, out):
    walls = {"plain": [], "relations": []}
    cpus = {"plain": [], "relations": []}
    for _ in range(rounds):
        for name, path in (("plain", plain), ("relations", related)):
            shutil.rmtree(out, ignore_errors=True)
            wall, cpu = measure([fabrica, "generate", path, "--out", out, "--format", "csv",
                                 "--threads", str(threads)] + extra)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wa, wb = statistics.median(walls["plain"]), statistics.median(walls["relations"])
    ca, cb = statistics.median(cpus["plain"]), statistics.median(cpus["relations"])
    print(f"| {label}, {threads} threads, CSV | median wall s | median CPU s |")
    print("|---|---|---|")
    print(f"| without relations | {wa:.3f} | {ca:.3f} |")
    print(f"| with relations | {wb:.3f} | {cb:.3f} |")
    print(f"\nRelations cost {100 * (cb / ca - 1):+.1f} % CPU time, {100 * (wb / wa - 1):+.1f} % wall time "
          f"(bar: at most +10 %).\n")


def measure(command):
    """Wall and CPU seconds (user + system) of one run; on a shared machine CPU time is the steadier one."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    fabrica = os.path.abspath(args.fabrica)
    work = tempfile.mkdtemp(prefix="fabrica-relations-")
    try:
        plain = schema_file(os.path.join(work, "plain.fabrica.json"), False, args.rows)
        related = schema_file(os.path.join(work, "relations.fabrica.json"), True, args.rows)
        out = os.path.join(work, "out")
        compare(fabrica, f"{args.rows:,} rentals (after x3, formula, weightsBy)", plain, related, [],
                args.rounds, args.threads, out)
        with open(os.path.join(HERE, "..", "examples", "hr.fabrica.json")) as f:
            hr = json.load(f)
        hr_related = os.path.join(work, "hr.fabrica.json")
        with open(hr_related, "w") as f:
            json.dump(hr, f)
        hr_plain = os.path.join(work, "hr-plain.fabrica.json")
        with open(hr_plain, "w") as f:
            json.dump(without_relations(hr), f)
        employees = max(args.rows // 4, 1)
        compare(fabrica, f"hr example, {employees:,} employees", hr_plain, hr_related,
                ["--rows", f"employees={employees}"], args.rounds, args.threads, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
