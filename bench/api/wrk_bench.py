#!/usr/bin/env python3
"""Issue 11's throughput bars with wrk against a real `fabrica serve` on loopback.

  1. GET /api/v1/health, 2 threads, 64 connections, DURATION s  (bar >= 10,000 requests/s, zero errors)
  2. GET /api/v1/schemas with a token, the same                   (bar >= 2,000 requests/s, zero errors)
  3. the server's RSS before, between and after                   (flat afterwards)
  4. GET /api/v1/health again while a long generation job runs    (bar: p99 <= 50 ms)

The storage is a fresh SQLite file (or --database URL) with one admin and the shop example stored twenty
times, so /schemas answers a real page.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PASSWORD = "Bench-quartz-Lantern-7"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def call(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
        return response.status, (json.loads(text) if text else {})


def wrk(url, duration, token=None):
    command = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    requests = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        match = re.search(pattern, out)
        if match:
            errors += sum(int(g) for g in match.groups())
    latency = {}
    for name in ("50%", "99%"):
        match = re.search(rf"\s{re.escape(name)}\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(match.group(1)), match.group(2)
        latency[name] = value / 1000.0 if unit == "us" else value * 1000.0 if unit == "s" else value
    return requests, errors, latency


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--example", required=True, help="examples/shop.fabrica.json")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--database", help="storage URL (default: a fresh SQLite file)")
    parser.add_argument("--job-rows", type=int, default=200000, help="customers of the long job")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="fabrica-wrk-")
    database = args.database or f"sqlite:{scratch}/storage.sqlite"
    env = dict(os.environ, HOME=scratch, XDG_DATA_HOME=f"{scratch}/data", XDG_CONFIG_HOME=f"{scratch}/config")
    subprocess.run([args.fabrica, "users", "add", "bench", "--admin", "--email", "bench@example.com",
                    "--password-stdin", "--database", database], input=PASSWORD + "\n", text=True,
                   check=True, env=env, capture_output=True)
    for i in range(20):
        copy = f"{scratch}/shop{i}.fabrica.json"
        with open(args.example) as source:
            document = json.load(source)
        document["schema"]["name"] = f"shop {i}"
        with open(copy, "w") as target:
            json.dump(document, target)
        subprocess.run([args.fabrica, "import", copy, "--database", database], check=True, env=env,
                       capture_output=True)

    port = free_port()
    server = subprocess.Popen([args.fabrica, "serve", "--listen", f"127.0.0.1:{port}", "--database", database],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/health")
                break
            except OSError:
                time.sleep(0.1)
        status, login = call(base, "POST", "/auth/login", body={"username": "bench", "password": PASSWORD})
        token = login["token"]
        _, schemas = call(base, "GET", "/schemas", token)
        print(f"server pid {server.pid}, {schemas['total']} schemas stored, RSS {rss_mb(server.pid):.1f} MB")

        rss = [rss_mb(server.pid)]
        health = wrk(base + "/health", args.duration)
        rss.append(rss_mb(server.pid))
        listing = wrk(base + "/schemas", args.duration, token)
        rss.append(rss_mb(server.pid))
        again = wrk(base + "/health", args.duration)
        rss.append(rss_mb(server.pid))
        print(f"GET /health         {health[0]:10.0f} req/s  errors {health[1]}  p50 {health[2]['50%']:.2f} ms  "
              f"p99 {health[2]['99%']:.2f} ms   (bar >= 10,000 req/s)")
        print(f"GET /schemas (JWT)  {listing[0]:10.0f} req/s  errors {listing[1]}  p50 {listing[2]['50%']:.2f} ms  "
              f"p99 {listing[2]['99%']:.2f} ms   (bar >= 2,000 req/s)")
        print(f"GET /health again   {again[0]:10.0f} req/s  errors {again[1]}")
        print("server RSS MB: start {:.1f}, after health {:.1f}, after schemas {:.1f}, after health again {:.1f}"
              .format(*rss))

        # A long job: the shop stored as a run in storage (the slowest target), health measured meanwhile.
        schema_id = schemas["items"][0]["id"]
        time.sleep(1.0)  # wrk's 64 connections close first (the server caps connections per address at 64)
        status, run = call(base, "POST", f"/schemas/{schema_id}/runs", token,
                           {"seed": 7, "rowsPerTable": args.job_rows, "target": {"kind": "stored"}})
        run_id = run["id"]
        time.sleep(1.0)
        _, state = call(base, "GET", f"/runs/{run_id}", token)
        during = wrk(base + "/health", min(args.duration, 15))
        _, after = call(base, "GET", f"/runs/{run_id}", token)
        print(f"during run {run_id} ({state['status']} -> {after['status']}, rows {after.get('rowsDone')}): "
              f"GET /health {during[0]:.0f} req/s, errors {during[1]}, p99 {during[2]['99%']:.2f} ms (bar <= 50 ms)")
        call(base, "DELETE", f"/runs/{run_id}", token)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
