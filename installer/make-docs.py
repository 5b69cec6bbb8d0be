#!/usr/bin/env python3
"""Builds the packaged documents that are made from files of the repository (installer/CMakeLists.txt).

Usage:
  make-docs.py manpage CLI_MD VERSION DATE OUT.1.gz   fabrica(1), from docs/cli.md
  make-docs.py gzip FILE OUT.gz                        FILE compressed as Debian wants it
  make-docs.py debian-changelog VERSION MAINTAINER DATE OUT.gz

The man page is made from docs/cli.md, the reference generated from the binary's own --help texts (the test
cli_reference_current keeps it current), so the page says what the program says without running the
binary at build time. Everything is compressed with gzip -9n: no name, no time stamp (Debian policy 12.3 and
12.7; lintian checks both), so the same sources give the same bytes.
"""
import email.utils
import gzip
import io
import re
import sys
from datetime import datetime, timezone


def write_gzip(path, data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def roff(text):
    """Text as troff shows it: backslashes, hyphens (minus signs, so options can be copied) and non-ASCII
    characters escaped, and no line starting with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def help_blocks(cli_md):
    """(command, help text) for every "## fabrica …" section of docs/cli.md, in order."""
    blocks = []
    for match in re.finditer(r"^## (fabrica[a-z -]*)\n\n```text\n(.*?)^```", cli_md, re.S | re.M):
        blocks.append((match.group(1).strip(), match.group(2).rstrip("\n")))
    return blocks


def manpage(cli_md, version, date):
    blocks = help_blocks(cli_md)
    if len(blocks) < 2 or blocks[0][0] != "fabrica":
        raise SystemExit("make-docs.py: docs/cli.md has no help texts (## fabrica … with a text block)")
    out = [
        '.TH FABRICA 1 "%s" "Fabrica %s" "User Commands"' % (date, version),
        # No hyphenation and a ragged right edge: commands and paths stay whole.
        ".nh",
        ".ad l",
        ".SH NAME",
        "fabrica \\- generate realistic synthetic test data from database schemas",
        ".SH SYNOPSIS",
        ".B fabrica",
        ".RI [ FILE ]",
        ".br",
        ".B fabrica",
        ".I COMMAND",
        ".RI [ OPTIONS ]",
        ".SH DESCRIPTION",
        "Fabrica generates realistic synthetic test data from database schemas: it writes a schema's",
        "tables as CSV, JSON Lines or SQL files, or loads them straight into PostgreSQL or MariaDB, and the",
        "same seed always gives the same data.",
        ".PP",
        "Without a command",
        ".B fabrica",
        "opens its window (and the",
        ".I FILE",
        "given, a",
        ".I *.fabrica.json",
        "schema); with a command it runs without a window.",
        ".B fabrica serve",
        "runs the REST API.",
        ".PP",
        "The sections below are the program's own",
        ".B \\-\\-help",
        "texts.",
        ".SH OVERVIEW",
        ".nf",
        roff(blocks[0][1]),
        ".fi",
        ".SH COMMANDS",
    ]
    for name, text in blocks[1:]:
        out += ['.SS "%s"' % roff(name), ".nf", roff(text), ".fi"]
    out += [
        ".SH ENVIRONMENT",
        ".TP",
        ".B FABRICA_DATABASE",
        "Fabrica's storage as a URL",
        "(\\fBsqlite:\\fP\\fIFILE\\fP or \\fBpostgresql://\\fP\\fIuser\\fP\\fB@\\fP\\fIhost\\fP\\fB/\\fP\\fIdb\\fP);",
        "wins over the storage chosen in the window.",
        ".TP",
        '.BR PGPASSWORD ", " PGPASSFILE',
        "Read by libpq for PostgreSQL passwords, as",
        ".BR psql (1)",
        "does.",
        ".TP",
        ".B MYSQL_PWD",
        "The password of a MariaDB or MySQL target without one in its URL.",
        ".SH FILES",
        ".TP",
        ".I ~/.local/share/Fabrica/fabrica/fabrica.sqlite",
        "The default storage: users, stored schemas and runs.",
        ".TP",
        ".I /usr/share/fabrica/examples/",
        "Example schemas (shop, blog, hr).",
        ".TP",
        ".I /usr/share/fabrica/fabrica.conf",
        "An example configuration for",
        '.BR "fabrica serve \\-\\-config" ;',
        "the systemd units, nginx, Prometheus and Kubernetes samples are beside it.",
        ".TP",
        ".I /usr/share/doc/fabrica/",
        "The user guide: getting started, concepts, the schema format, data types, the REST API,",
        "operations, backups, security, troubleshooting.",
        ".SH EXIT STATUS",
        "0 on success; non\\-zero when anything failed (a schema error, a failed load, ...) or the command",
        "line is wrong.",
        ".SH EXAMPLES",
        ".nf",
        roff("fabrica validate /usr/share/fabrica/examples/shop.fabrica.json\n"
             "fabrica generate /usr/share/fabrica/examples/shop.fabrica.json --rows customers=100 \\\n"
             "    --rows orders=300 --format csv --out shop-data/\n"
             "fabrica serve --config /etc/fabrica/fabrica.conf"),
        ".fi",
        ".SH SEE ALSO",
        ".BR pg_dump (1),",
        ".BR psql (1)",
    ]
    return ("\n".join(out) + "\n").encode("utf-8")


def debian_changelog(version, maintainer, date):
    when = datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    text = (
        "fabrica (%s) unstable; urgency=medium\n\n"
        "  * Built with CPack (scripts/package.sh); upstream changes: changelog.gz.\n\n"
        " -- %s  %s\n" % (version, maintainer, email.utils.format_datetime(when))
    )
    return text.encode("utf-8")


def main(argv):
    if len(argv) == 6 and argv[1] == "manpage":
        with open(argv[2], encoding="utf-8") as f:
            write_gzip(argv[5], manpage(f.read(), argv[3], argv[4]))
    elif len(argv) == 4 and argv[1] == "gzip":
        with open(argv[2], "rb") as f:
            write_gzip(argv[3], f.read())
    elif len(argv) == 6 and argv[1] == "debian-changelog":
        write_gzip(argv[5], debian_changelog(argv[2], argv[3], argv[4]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
