#!/usr/bin/env python3
"""Turns the OpenAPI document (docs/openapi.yaml) into the JSON the server answers, at build time.

Usage: yaml_to_json.py SOURCE.yaml OUTPUT.json

Fails (exit 1, "FILE:LINE:COLUMN: message" on stderr) on malformed YAML, a key given twice in one mapping
(YAML would silently keep the last one), a document that is not an OpenAPI 3.1 object with paths, and a
local $ref that points to nothing.
"""

import json
import sys

try:
    import yaml
except ImportError:
    sys.exit("yaml_to_json.py: PyYAML is missing; install the Debian package python3-yaml")


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and keeps every scalar key a string (JSON's only kind)."""


def construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is not a string (quote it)", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} occurs twice in this mapping", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
# Dates and times stay text, as JSON has no such type (YAML would turn 2024-05-01 into a date).
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_str)


def pointer(document, ref):
    """The value a local JSON pointer (#/a/b) names, or None."""
    value = document
    for part in ref[2:].split("/") if ref != "#" else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def dangling_refs(document):
    """Every local $ref that names nothing, with where it is."""
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith("#") and pointer(document, ref) is None:
                found.append(f"{where}: $ref {ref} points to nothing")
            for key, item in value.items():
                walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}/{index}")

    walk(document, "#")
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, output = sys.argv[1], sys.argv[2]
    try:
        with open(source, encoding="utf-8") as file:
            document = yaml.load(file, Loader=StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        print(f"{where}: error: {error.problem or error.context}", file=sys.stderr)
        return 1
    except (OSError, yaml.YAMLError) as error:
        print(f"{source}: error: {error}", file=sys.stderr)
        return 1

    problems = []
    if not isinstance(document, dict):
        problems.append("the document is not a mapping")
    else:
        if not str(document.get("openapi", "")).startswith("3.1."):
            problems.append('"openapi" must be 3.1.x')
        if not isinstance(document.get("paths"), dict):
            problems.append('"paths" is missing')
        problems += dangling_refs(document)
    if problems:
        for problem in problems:
            print(f"{source}: error: {problem}", file=sys.stderr)
        return 1

    with open(output, "w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False, indent=1)
        file.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
