#!/usr/bin/env python3
"""Validates real HTTP responses against the API's OpenAPI 3.1 document (for tests/tst_api_document.cpp).

Reads one JSON object on standard input:
  {"document": <the served OpenAPI document>,
   "cases": [{"method": "get", "path": "/schemas/{id}/preview", "status": 404,
              "headers": {"content-type": "..."}, "body": "<the body as text>"},
             {"component": "TooManyRequests", "status": 429, "headers": {...}, "body": "..."}, ...]}
A case names an operation (method and documented path) or, for answers that belong to no route (the socket
guard's before a request line arrives), a response under components/responses.

For each case: the status must be documented for the operation (for 405, on any operation of the path),
the documented required headers must be there, a body must come with a documented media type and validate
against its schema (JSON Schema 2020-12, date-time checked; a body of a media type other than JSON is checked
as one string), and a response documented without content must have no body. The document's own schemas are checked first. Prints one line per problem; exit 1 if any.
"""

import json
import re
import sys

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

format_checker = FormatChecker()


@format_checker.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or bool(DATE_TIME.match(value))


def resolve(document, value):
    """Follows a local $ref (a response, header or parameter object) to what it names."""
    seen = 0
    while isinstance(value, dict) and "$ref" in value and seen < 20:
        node = document
        for part in value["$ref"][2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        value, seen = node, seen + 1
    return value


def escape(part):
    return part.replace("~", "~0").replace("/", "~1")


def validator_for(document, pointer):
    """A validator of the schema at pointer, with the whole document as the root of its $refs."""
    root = dict(document)
    root["$ref"] = pointer
    return Draft202012Validator(root, format_checker=format_checker)


def check_document(document):
    problems = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            problems.append(f"components/schemas/{name} is not a valid schema: {error.message}")
    operation_ids = set()
    for path, item in document.get("paths", {}).items():
        if not path.startswith("/"):
            problems.append(f"path {path} does not start with /")
        declared = {p["name"] for p in map(lambda p: resolve(document, p), item.get("parameters", []))
                    if p.get("in") == "path"}
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            own = {p["name"] for p in map(lambda p: resolve(document, p), operation.get("parameters", []))
                   if p.get("in") == "path"}
            for name in re.findall(r"{([^}]+)}", path):
                if name not in declared | own:
                    problems.append(f"{where}: the path parameter {name} is not declared")
            operation_id = operation.get("operationId")
            if not operation_id:
                problems.append(f"{where}: no operationId")
            elif operation_id in operation_ids:
                problems.append(f"{where}: operationId {operation_id} is used twice")
            operation_ids.add(operation_id)
            if not operation.get("tags"):
                problems.append(f"{where}: no tags")
            if not any(code.startswith("2") for code in operation.get("responses", {})):
                problems.append(f"{where}: no success response")
    return problems


def check_case(document, case):
    status = str(case["status"])
    if "component" in case:
        where = f"components/responses/{case['component']}"
        response = document.get("components", {}).get("responses", {}).get(case["component"])
        pointer = f"#/components/responses/{escape(case['component'])}"
        if response is None:
            return [f"{where}: not in the document"]
    else:
        method, path = case["method"].lower(), case["path"]
        where = f"{method.upper()} {path} → {status}"
        item = document.get("paths", {}).get(path)
        if item is None:
            return [f"{where}: the path is not documented"]
        candidates = [method] if method in item else []
        if status == "405":
            candidates = [m for m in METHODS if m in item]
        if not candidates:
            return [f"{where}: the method is not documented"]
        response, pointer = None, None
        for candidate in candidates:
            responses = item[candidate].get("responses", {})
            key = status if status in responses else status[0] + "XX" if status[0] + "XX" in responses else (
                "default" if "default" in responses else None)
            if key is not None:
                response = responses[key]
                pointer = f"#/paths/{escape(path)}/{candidate}/responses/{escape(key)}"
                break
        if response is None:
            return [f"{where}: the status is not documented"]

    # A $ref'd response: validate against the target, so messages name the shared response.
    while isinstance(response, dict) and "$ref" in response:
        pointer = response["$ref"]
        response = resolve(document, response)

    problems = []
    headers = {name.lower(): value for name, value in case.get("headers", {}).items()}
    for name, header in response.get("headers", {}).items():
        header = resolve(document, header)
        if header.get("required") and name.lower() not in headers:
            problems.append(f"{where}: the header {name} is missing")
        elif name.lower() in headers and "schema" in header:
            value = headers[name.lower()]
            if header["schema"].get("type") == "integer" and value.isdigit():
                value = int(value)
            for error in Draft202012Validator(header["schema"]).iter_errors(value):
                problems.append(f"{where}: header {name}: {error.message}")

    body = case.get("body", "")
    content = response.get("content", {})
    if not content:
        if body:
            problems.append(f"{where}: a body, though the document says there is none: {body[:200]}")
        return problems
    if not body:
        return problems + [f"{where}: no body, though the document describes one"]
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in content:
        return problems + [f"{where}: Content-Type {media!r} is not documented ({', '.join(content)})"]
    if media == "application/json" or media.endswith("+json"):
        try:
            instance = json.loads(body)
        except ValueError as error:
            return problems + [f"{where}: the body is not JSON ({error})"]
    else:
        instance = body  # text (the metrics): its schema describes a string
    schema_pointer = f"{pointer}/content/{escape(media)}/schema"
    for error in sorted(validator_for(document, schema_pointer).iter_errors(instance),
                        key=lambda e: list(e.absolute_path)):
        at = "/".join(str(part) for part in error.absolute_path) or "(the body)"
        problems.append(f"{where}: {at}: {error.message}")
    return problems


def main():
    request = json.load(sys.stdin)
    document = request["document"]
    problems = check_document(document)
    for case in request.get("cases", []):
        problems += check_case(document, case)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
