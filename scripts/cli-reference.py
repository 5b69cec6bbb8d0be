#!/usr/bin/env python3
"""Writes docs/cli.md, the command-line reference, from the real `--help` texts of a fabrica binary.

Usage: scripts/cli-reference.py FABRICA [--check FILE]
Without --check it prints the reference; with it, it compares FILE with what it would print and exits 1
(with a diff) when they differ, so a test fails when the reference is stale. The help texts are taken in a
neutral environment (HOME=/home/you, English, no XDG overrides) so that the default paths they show are the
same on every machine, and "Usage: /path/to/fabrica" reads "Usage: fabrica".
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

INTRO = """# Command-line reference

`fabrica` without a command opens the window; with one it runs headless. This page is generated from the
binary's own `--help` texts by `scripts/cli-reference.py` (the test `cli_reference_current` fails when it is
stale), so it says exactly what the program says. Task-oriented guides: [generating](generating.md),
[importing](import.md), [storage and users](storage.md), [the REST API](api.md).

Exit status: 0 on success, non-zero when anything failed (a schema error, a failed load, …) or the command
line is wrong. Defaults shown as `/home/you/…` are the current user's.
"""


def help_text(binary, arguments):
    with tempfile.TemporaryDirectory() as home:
        env = {
            "HOME": "/home/you",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": home,
        }
        result = subprocess.run([binary] + arguments + ["--help"], env=env, capture_output=True, text=True)
    text = result.stdout if result.stdout.strip() else result.stderr
    text = re.sub(r"^Usage: \S*fabrica", "Usage: fabrica", text, flags=re.MULTILINE)
    return text.rstrip() + "\n"


def commands(top_help):
    names = []
    inside = False
    for line in top_help.splitlines():
        if line.startswith("Commands:"):
            inside = True
            continue
        if inside:
            match = re.match(r"^  ([a-z][a-z-]*)\s", line)
            if not match:
                if not line.strip():
                    break
                continue
            names.append(match.group(1))
    return names


def reference(binary):
    top = help_text(binary, [])
    parts = [INTRO, "## fabrica\n\n```text\n" + top + "```\n"]
    for name in commands(top):
        parts.append(f"## fabrica {name}\n\n```text\n" + help_text(binary, [name]) + "```\n")
    return "\n".join(parts)


def main():
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    text = reference(sys.argv[1])
    if len(sys.argv) == 2:
        sys.stdout.write(text)
        return 0
    with open(sys.argv[3], encoding="utf-8") as f:
        current = f.read()
    if current == text:
        print(f"{sys.argv[3]} is current")
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True), sys.argv[3],
                                               "generated"))
    print(f"\n{sys.argv[3]} is stale: run scripts/cli-reference.py build/app/fabrica > {sys.argv[3]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
