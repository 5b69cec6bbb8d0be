#!/usr/bin/python3
"""Check the JSON Schema of Fabrica's schema file format against good and broken files.

    check_json_schema.py SCHEMA EXAMPLES_DIR INVALID_DIR

- SCHEMA must itself be a valid JSON Schema (draft 2020-12 metaschema);
- every *.fabrica.json in EXAMPLES_DIR must validate (each error is printed with its JSON path);
- every *.json in INVALID_DIR must be rejected (the first reason is printed);
- each directory must hold at least one such file.

Prints one line per file and ends with "N passed, M failed"; exits 0 only when M is 0.
Needs python3-jsonschema 4.x (Debian's /usr/bin/python3 has 4.10).
"""
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError, best_match
except ImportError as e:  # pragma: no cover - environment problem, not a test failure
    print(f"error: python3-jsonschema is required ({e})", file=sys.stderr)
    sys.exit(2)


def json_path(error):
    """The instance location of a validation error as a JSONPath ($.schema.tables[0].name)."""
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def path_key(error):
    """Sort key putting errors in document order (indexes compared as numbers)."""
    return [(0, part, "") if isinstance(part, int) else (1, 0, part) for part in error.absolute_path]


def shorten(message, limit=200):
    """Messages of 'not' and 'enum' failures quote whole subschemas; keep lines readable."""
    return message if len(message) <= limit else message[: limit - 3] + "..."


def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main(argv):
    if len(argv) != 4:
        print("usage: check_json_schema.py SCHEMA EXAMPLES_DIR INVALID_DIR", file=sys.stderr)
        return 2
    schema_path, examples_dir, invalid_dir = Path(argv[1]), Path(argv[2]), Path(argv[3])
    passed = failed = 0

    def result(ok, label, details=()):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(f"{'PASS' if ok else 'FAIL'} {label}")
        for line in details:
            print(f"    {line}")

    # The schema itself.
    validator = None
    try:
        schema = load_json(schema_path)
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        result(True, f"{schema_path}: valid draft 2020-12 schema")
    except (OSError, ValueError) as e:
        result(False, f"{schema_path}: cannot read: {e}")
    except SchemaError as e:
        result(False, f"{schema_path}: not a valid JSON Schema: {e.message} at {json_path(e)}")

    # Good files: every one must validate.
    examples = sorted(examples_dir.glob("*.fabrica.json")) if examples_dir.is_dir() else []
    if not examples:
        result(False, f"{examples_dir}: no *.fabrica.json files")
    for path in examples:
        if validator is None:
            result(False, f"{path}: not checked (no usable schema)")
            continue
        try:
            instance = load_json(path)
        except (OSError, ValueError) as e:
            result(False, f"{path}: cannot read: {e}")
            continue
        errors = sorted(validator.iter_errors(instance), key=path_key)
        result(not errors, f"{path}: {'valid' if not errors else f'{len(errors)} error(s)'}",
               [f"{json_path(e)}: {shorten(e.message)}" for e in errors])

    # Broken files: every one must be rejected.
    broken = sorted(invalid_dir.glob("*.json")) if invalid_dir.is_dir() else []
    if not broken:
        result(False, f"{invalid_dir}: no *.json files")
    for path in broken:
        if validator is None:
            result(False, f"{path}: not checked (no usable schema)")
            continue
        try:
            instance = load_json(path)
        except (OSError, ValueError) as e:
            # Broken files must break the format, not JSON syntax: otherwise they test nothing.
            result(False, f"{path}: not JSON, so it proves nothing about the schema: {e}")
            continue
        errors = list(validator.iter_errors(instance))
        if errors:
            first = best_match(errors)
            result(True, f"{path}: rejected ({json_path(first)}: {shorten(first.message)})")
        else:
            result(False, f"{path}: accepted, but it should be rejected")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
