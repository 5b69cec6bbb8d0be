#!/usr/bin/env python3
"""Runs the BENCH.md workload through fabrica and the reference programs; prints a Markdown table.

Each configuration runs --rounds times, the configurations taking turns and each run after a sync (so no run
pays for another's dirty pages); the table shows medians of wall time and of CPU time (user + sys), and the
largest peak RSS (from /usr/bin/time). Fabrica syncs its files before it renames them into place, so the
limit's wall time includes a `sync -d` of its files (BENCH.md: compare like with like). Fabrica's output is
checked with the reference validate.py, and the SHA-256 of every output file must be the same for 1 and 2
threads.
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(command, cwd=None):
    """Runs command under /usr/bin/time; returns (wall seconds, peak RSS in MB, CPU seconds: user + sys)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing.name] + command, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, rss_kb, user, system = timing.read().split()
    return float(wall), int(rss_kb) / 1024.0, float(user) + float(system)


def digest(directory):
    result = {}
    for name in sorted(os.listdir(directory)):
        h = hashlib.sha256()
        with open(os.path.join(directory, name), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        result[name] = h.hexdigest()
    return result


def size_of(directory):
    return sum(os.path.getsize(os.path.join(directory, n)) for n in os.listdir(directory))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "bench"))
    parser.add_argument("--rows", type=int, default=1_000_000, help="N: customers; orders are 3N")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--faker", action="store_true", help="also run @faker-js/faker (slow)")
    parser.add_argument("--rss10m", action="store_true", help="also measure fabrica's peak RSS at N = 10M")
    parser.add_argument("--work", default=os.path.join(HERE, "out"))
    args = parser.parse_args()

    shared = os.path.abspath(args.shared)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    n = args.rows
    rows = 4 * n

    limit = os.path.join(work, "limit")
    subprocess.run(["g++", "-O2", "-std=c++17", "-pthread", "-o", limit, os.path.join(shared, "limit.cpp")],
                   check=True)

    def fabrica(threads, out):
        shutil.rmtree(out, ignore_errors=True)
        return [args.fabrica, "generate", args.schema, "--out", out, "--format", "csv", "--quiet",
                "--threads", str(threads), "--rows", f"customers={n}", "--rows", f"orders={3 * n}"]

    def reference(threads, out):
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out, exist_ok=True)
        # Synced like fabrica's files, inside the timed command.
        return ["sh", "-c", '"$0" "$@" && sync -d "$2"/*', limit, str(n), out, str(threads),
                os.path.join(shared, "data")]

    configurations = [
        ("fabrica", 1, fabrica), ("fabrica", 2, fabrica),
        ("limit", 1, reference), ("limit", 2, reference),
    ]
    results = {}
    outputs = {}
    runs = {(name, threads): ([], [], []) for name, threads, _ in configurations}
    for _ in range(args.rounds):
        for name, threads, command in configurations:
            out = os.path.join(work, f"{name}-{threads}")
            line = command(threads, out)
            subprocess.run(["sync"], check=True)
            wall, peak, cpu = measure(line)
            walls, cpus, rss = runs[(name, threads)]
            walls.append(wall)
            cpus.append(cpu)
            rss.append(peak)
            outputs[(name, threads)] = out
    for key, (walls, cpus, rss) in runs.items():
        results[key] = (statistics.median(walls), max(rss), size_of(outputs[key]), statistics.median(cpus))

    if args.faker:
        scratch = os.path.join(work, "faker")
        if not os.path.isdir(os.path.join(scratch, "node_modules")):
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.copytree(shared, scratch, ignore=shutil.ignore_patterns("data", "*.cpp", "*.py"))
            subprocess.run(["npm", "install", "--silent"], cwd=scratch, check=True)
        out = os.path.join(work, "faker-out")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        wall, peak, cpu = measure(["node", "faker_gen.mjs", str(n), out], cwd=scratch)
        results[("faker", 1)] = (wall, peak, size_of(out), cpu)

    same = digest(outputs[("fabrica", 1)]) == digest(outputs[("fabrica", 2)])
    check = subprocess.run([sys.executable, os.path.join(shared, "validate.py"), outputs[("fabrica", 2)], str(n)],
                           capture_output=True, text=True)

    print(f"\nShop workload, N = {n:,} ({rows:,} rows), CSV, medians of {args.rounds} rounds\n")
    print("| program | threads | wall s | rows/s | MB/s | CPU s | peak RSS MB | × limit wall | × limit CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (name, threads), (wall, peak, size, cpu) in results.items():
        base = results.get(("limit", threads), results[("limit", 1)])
        print(f"| {name} | {threads} | {wall:.3f} | {rows / wall / 1e6:.2f}M | {size / wall / 1e6:.0f} | {cpu:.2f} | "
              f"{peak:.0f} | {wall / base[0]:.2f} | {cpu / base[3]:.2f} |")
    print(f"\nSHA-256 of fabrica's files, 1 vs 2 threads: {'identical' if same else 'DIFFERENT'}")
    print(f"validate.py on fabrica's output: {(check.stdout + check.stderr).strip()}")

    if args.rss10m:
        out = os.path.join(work, "fabrica-10m")
        command = fabrica(2, out)
        command[command.index(f"customers={n}")] = f"customers={10 * n}"
        command[command.index(f"orders={3 * n}")] = f"orders={30 * n}"
        wall, peak, _ = measure(command)
        shutil.rmtree(out, ignore_errors=True)
        base_rss = results[("fabrica", 2)][1]
        print(f"fabrica at N = {10 * n:,}: {wall:.2f} s, peak RSS {peak:.0f} MB "
              f"({(peak / base_rss - 1) * 100:+.1f}% vs N = {n:,})")
    for (name, threads), out in outputs.items():
        shutil.rmtree(out, ignore_errors=True)
    return 0 if same and check.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
