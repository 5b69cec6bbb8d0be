#!/usr/bin/env python3
"""The API export bar of issue 11: the shop workload (BENCH.md) downloaded through
GET /api/v1/runs/{id}/export?format=csv with curl to /dev/null, against `fabrica generate` to files, and the
server's peak RSS (VmHWM of /proc/PID/status).

A throw-away storage (SQLite, in --work) gets an admin and the shop schema; `fabrica serve` runs on a free
loopback port; one "files" run (files made when downloaded) is queued and finished, then exported --rounds
times. Medians of wall time; the export's bytes are checked once against the files generate writes.
Bars: export wall <= 1.2 x generate wall, server peak RSS <= 100 MB.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

PASSWORD = "bench-Quartz-lantern-7"


def timed(command, env):
    """Runs command under /usr/bin/time; returns (wall s, user+sys s, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name] + command, check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, user, system, rss_kb = timing.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024.0


def proc_status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as response:
        return json.loads(response.read() or b"{}")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000, help="N: customers; orders are 3N")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out", "api"))
    args = parser.parse_args()
    n = args.rows
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ, HOME=os.path.join(work, "home"), XDG_CONFIG_HOME=os.path.join(work, "home/config"),
               XDG_DATA_HOME=os.path.join(work, "home/data"), LANG="C.UTF-8")
    env.pop("QT_LOGGING_RULES", None)
    storage = "sqlite:" + os.path.join(work, "storage.sqlite")
    fabrica = args.fabrica

    def run(*command, stdin=None):
        subprocess.run([fabrica, *command], check=True, env=env, input=stdin, text=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    run("db", "migrate", "--database", storage)
    run("users", "add", "bench", "--admin", "--email", "bench@example.com", "--password-stdin", "--database", storage,
        stdin=PASSWORD + "\n")
    run("import", args.schema, "--database", storage, "--user", "bench")

    server = subprocess.Popen([fabrica, "serve", "--listen", "127.0.0.1:0", "--database", storage, "--workers", "1"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        while port is None:
            line = server.stdout.readline()
            if not line:
                sys.exit("fabrica serve stopped before it listened")
            match = re.search(r":(\d+)/api/v1", line)
            port = match and int(match.group(1))
        base = f"http://127.0.0.1:{port}/api/v1"
        token = request("POST", base + "/auth/login", body={"username": "bench", "password": PASSWORD})["token"]
        schema = request("GET", base + "/schemas", token)["items"][0]["id"]
        run_json = request("POST", f"{base}/schemas/{schema}/runs", token,
                           {"seed": 42, "rows": {"customers": n, "orders": 3 * n}, "target": {"kind": "files"}})
        while run_json["status"] not in ("finished", "failed", "cancelled"):
            time.sleep(0.05)
            run_json = request("GET", f"{base}/runs/{run_json['id']}", token)
        if run_json["status"] != "finished":
            sys.exit(f"the run ended {run_json['status']}: {run_json.get('error')}")
        url = f"{base}/runs/{run_json['id']}/export?format=csv"
        curl = ["curl", "-sS", "--fail", "-o", "/dev/null", "-H", "Authorization: Bearer " + token, url]
        out = os.path.join(work, "generated")
        generate = [fabrica, "generate", args.schema, "--out", out, "--format", "csv", "--quiet", "--seed", "42",
                    "--rows", f"customers={n}", "--rows", f"orders={3 * n}"]

        # The export's bytes, once: the ZIP's entries are generate's files.
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(generate, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        archive = os.path.join(work, "export.zip")
        subprocess.run(curl[:4] + [archive] + curl[5:], check=True)
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
            for name in names:
                h = hashlib.sha256()
                with z.open(name) as entry:  # reading to the end checks the CRC
                    for block in iter(lambda: entry.read(1 << 20), b""):
                        h.update(block)
                if h.hexdigest() != sha256_file(os.path.join(out, name)):
                    sys.exit(f"{name}: the export differs from fabrica generate's file")
        export_mb = os.path.getsize(archive) / 1e6
        os.remove(archive)

        results = {"generate": [], "export": []}
        server_cpu = []
        for _ in range(args.rounds):
            shutil.rmtree(out, ignore_errors=True)
            results["generate"].append(timed(generate, env))
            shutil.rmtree(out, ignore_errors=True)
            before = proc_cpu(server.pid)
            results["export"].append(timed(curl, env))
            server_cpu.append(proc_cpu(server.pid) - before)
        peak = proc_status(server.pid, "VmHWM")
        rss = proc_status(server.pid, "VmRSS")
    finally:
        server.terminate()
        server.wait(timeout=60)
    shutil.rmtree(os.path.join(work, "generated"), ignore_errors=True)

    generate_wall = statistics.median(r[0] for r in results["generate"])
    export_wall = statistics.median(r[0] for r in results["export"])
    print(f"\nShop workload, N = {n:,} ({4 * n:,} rows; ZIP of {', '.join(names)}, {export_mb:.0f} MB), "
          f"medians of {args.rounds} rounds:\n")
    print("| what | wall s | CPU s | peak RSS MB | ratio |")
    print("|---|---|---|---|---|")
    print(f"| fabrica generate to files | {generate_wall:.3f} | "
          f"{statistics.median(r[1] for r in results['generate']):.2f} | "
          f"{max(r[2] for r in results['generate']):.0f} | 1.00 |")
    print(f"| GET /runs/{{id}}/export?format=csv, curl to /dev/null | {export_wall:.3f} | "
          f"server {statistics.median(server_cpu):.2f} + curl {statistics.median(r[1] for r in results['export']):.2f} | "
          f"server {peak:.0f} (now {rss:.0f}) | **{export_wall / generate_wall:.2f}** (bar: 1.2) |")
    print(f"\nServer peak RSS (VmHWM) {peak:.0f} MB (bar: 100 MB); export bytes = generate's files: yes")
    ok = export_wall <= 1.2 * generate_wall and peak <= 100
    print("bars: " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
