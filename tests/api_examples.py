#!/usr/bin/env python3
"""Runs the examples of docs/api.md for real (CTest api_examples).

Usage: api_examples.py --fabrica BINARY --source REPOSITORY

Makes a fresh SQLite storage with `fabrica users add` (the administrator ada) and `fabrica import` (the shop
example), starts `fabrica serve` on a free loopback port, and runs every ```sh block that follows an
`<!-- example -->` comment, in order, in one bash session (so TOKEN and API carry over), with
127.0.0.1:8080 replaced by the server's address. A curl configuration writes each call's HTTP status to
stderr; every call of a block must answer 2xx, or the statuses its comment lists in order
(`<!-- example: status=401 -->`), and the block must exit 0. Then the server must stop cleanly on SIGTERM.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PASSWORD = "correct-horse-battery-42"  # docs/api.md signs in as ada with it
DOC_ADDRESS = "127.0.0.1:8080"
MARKER = re.compile(r"^<!--\s*example(?::\s*(?P<options>.*?))?\s*-->\s*$")
STATUS_LINE = re.compile(r"^HTTP-STATUS (\d{3})$")


def examples(doc_path):
    """(line, expected statuses or None, code) of every marked ```sh block."""
    lines = open(doc_path, encoding="utf-8").read().splitlines()
    found = []
    i = 0
    while i < len(lines):
        match = MARKER.match(lines[i].strip())
        i += 1
        if not match:
            continue
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines) or lines[i].strip() != "```sh":
            sys.exit(f"{doc_path}:{i}: an example comment must come right before a ```sh block")
        start = i + 1
        end = start
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        expected = None
        options = match.group("options") or ""
        for option in options.split():
            name, _, value = option.partition("=")
            if name != "status" or not value:
                sys.exit(f"{doc_path}:{start - 1}: unknown example option {option!r}")
            expected = [int(code) for code in value.split(",")]
        found.append((start, expected, "\n".join(lines[start:end])))
        i = end + 1
    return found


def run(command, env, stdin=None):
    result = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fabrica", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    for tool in ("bash", "curl", "jq", "zip", "unzip"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (Debian: {tool}); docs/api.md's examples use it")
    doc = os.path.join(args.source, "docs", "api.md")
    blocks = examples(doc)
    if len(blocks) < 5:
        sys.exit(f"{doc}: only {len(blocks)} runnable examples found; is the marker spelt <!-- example -->?")

    work = tempfile.mkdtemp(prefix="fabrica-api-examples-")
    home = os.path.join(work, "home")
    os.makedirs(home)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_LOGGING", "FABRICA_"))}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_DATA_HOME=os.path.join(home, "data"),
               CURL_HOME=home, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    # Every call's status on stderr, where it does not disturb what the examples pipe into jq.
    with open(os.path.join(home, ".curlrc"), "w", encoding="utf-8") as curlrc:
        curlrc.write('write-out = "%{stderr}HTTP-STATUS %{http_code}\\n"\n')

    storage = f"sqlite:{os.path.join(work, 'storage.sqlite')}"
    run([args.fabrica, "users", "add", "ada", "--admin", "--email", "ada@example.com", "--password-stdin",
         "--database", storage], env, stdin=PASSWORD + "\n")
    run([args.fabrica, "import", os.path.join(args.source, "examples", "shop.fabrica.json"), "--user", "ada",
         "--database", storage], env)

    server = subprocess.Popen([args.fabrica, "serve", "--listen", "127.0.0.1:0", "--database", storage], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failures = []
    try:
        address = None
        deadline = time.monotonic() + 30
        while address is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            match = re.search(r"http://(127\.0\.0\.1:\d+)/api/v1", line)
            address = match.group(1) if match else None
        if address is None:
            server.kill()
            sys.exit("fabrica serve did not say where it listens:\n" + server.stderr.read())

        script = ["set -euo pipefail"]
        for number, (line, _, code) in enumerate(blocks):
            marker = f"echo '@@ example {number}' >&2; echo '@@ example {number}'"
            script += [marker, code.replace(DOC_ADDRESS, address)]
        script.append("echo '@@ done' >&2")
        result = subprocess.run(["bash", "-c", "\n".join(script)], env=env, cwd=args.source,
                                capture_output=True, text=True, timeout=300)

        # Split stderr and stdout by example.
        def split(text):
            parts, current = {}, None
            for row in text.splitlines():
                if row.startswith("@@ example "):
                    current = int(row.split()[2])
                    parts[current] = []
                elif row == "@@ done":
                    current = "done"
                elif current is not None and current != "done":
                    parts[current].append(row)
            return parts

        errors, outputs = split(result.stderr), split(result.stdout)
        for number, (line, expected, code) in enumerate(blocks):
            where = f"{doc}:{line}"
            if number not in errors:
                failures.append(f"{where}: did not run (an earlier example stopped the session)")
                continue
            statuses = [int(m.group(1)) for m in map(STATUS_LINE.match, errors[number]) if m]
            others = [row for row in errors[number] if not STATUS_LINE.match(row)]
            problem = None
            if not statuses:
                problem = "made no HTTP call"
            elif expected is None and any(not 200 <= status < 300 for status in statuses):
                problem = f"answered {statuses}, expected 2xx"
            elif expected is not None and statuses != expected:
                problem = f"answered {statuses}, expected {expected}"
            last = number == max(errors)
            if last and result.returncode != 0 and "@@ done" not in result.stderr:
                problem = (problem + "; " if problem else "") + f"exited with {result.returncode}"
            status = "FAIL" if problem else "ok"
            print(f"{status:4} {where}: {statuses}" + (f": {problem}" if problem else ""))
            if problem:
                failures.append(f"{where}: {problem}\n--- code\n{code}\n--- stdout\n" +
                                "\n".join(outputs.get(number, [])) + "\n--- stderr\n" + "\n".join(others))
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            failures.append("fabrica serve did not stop within 30 s of SIGTERM")
    log = server.stderr.read()
    if server.returncode != 0:
        failures.append(f"fabrica serve exited with {server.returncode}:\n{log}")
    shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(blocks)} examples, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
