#!/usr/bin/python3
"""Check that Fabrica's translations are up to date and complete.

    check_translations.py TS_DIR SOURCE_DIR...

Run from the source root, with the environment variable LUPDATE naming Qt's lupdate (default: lupdate
on PATH, else /usr/lib/qt6/bin/lupdate). For the *.ts files in TS_DIR:

- lupdate runs over the SOURCE_DIRs into temporary copies of the .ts files (the committed files are
  never written); every text the code translates must already be in the committed file, and the
  committed file must hold nothing that lupdate would drop (then it is stale: run
  `cmake --build build --target update_translations`). Anything lupdate prints, such as
  "Cannot invoke tr() like this", fails the check;
- a file of the source language, English (fabrica_en.ts), holds only the plural texts: lupdate -pluralonly
  makes its copy, so "%n table(s)" can read "1 table" and "2 tables";
- every message must be finished and not empty, numerus messages must fill every plural form of the
  language, and each translation must hold the same %-placeholders as its source (%1..%99, %L1, %n, %Ln;
  the same multiset, so a dropped or doubled %1 fails).

Prints one line per problem and ends with "N passed, M failed"; exits 0 only when M is 0.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

# QString::arg() markers %1..%99 (optionally %L1), and %n / %Ln of tr()'s plural handling.
PLACEHOLDER = re.compile(r"%L?(?:[1-9][0-9]?|n)")


def find_lupdate():
    configured = os.environ.get("LUPDATE")
    if configured:
        return configured
    return shutil.which("lupdate") or "/usr/lib/qt6/bin/lupdate"


def text_of(element):
    """The text of a <source>, <translation> or <numerusform>; <byte value="x1b"/> stands for a
    character XML cannot hold."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "byte":
            value = child.get("value", "")
            parts.append(chr(int(value[1:], 16) if value.startswith("x") else int(value)))
        parts.append(child.tail or "")
    return "".join(parts)


class Message:
    def __init__(self, context, element):
        self.context = context
        self.source = text_of(element.find("source"))
        comment = element.find("comment")
        self.comment = text_of(comment) if comment is not None else ""
        self.numerus = element.get("numerus") == "yes"
        translation = element.find("translation")
        self.type = translation.get("type", "") if translation is not None else "unfinished"
        self.forms = []  # the texts a translator must fill: the translation, or each plural form
        if translation is not None:
            if self.numerus:
                self.forms = [variants(form) for form in translation.findall("numerusform")]
            else:
                self.forms = [variants(translation)]

    @property
    def key(self):
        return (self.context, self.source, self.comment)

    def label(self):
        comment = f" ({self.comment})" if self.comment else ""
        return f"[{self.context}] {shorten(self.source)!r}{comment}"


def variants(element):
    """A translation's texts: one, or one per <lengthvariant> when it has variants="yes"."""
    lengthvariants = element.findall("lengthvariant")
    if element.get("variants") == "yes" and lengthvariants:
        return [text_of(v) for v in lengthvariants]
    return [text_of(element)]


def shorten(text, limit=100):
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_ts(path):
    """(language, [Message]) of a .ts file; raises ET.ParseError or OSError."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = text_of(context.find("name"))
        messages.extend(Message(name, m) for m in context.findall("message"))
    return root.get("language", ""), messages


def run_lupdate(lupdate, arguments):
    """lupdate's return code and every line it printed."""
    try:
        done = subprocess.run([lupdate, *arguments], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        return None, [f"cannot run {lupdate}: {e}"]
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return done.returncode, lines


def plural_form_count(lupdate, language, workdir, cache={}):
    """How many plural forms lupdate gives the language (German: 2), by letting it write a probe."""
    if language not in cache:
        probe_dir = Path(workdir) / f"probe_{len(cache)}"
        probe_dir.mkdir()
        (probe_dir / "probe.cpp").write_text(
            'QString probe(int n) { return QCoreApplication::translate("Probe", "%n probe(s)", nullptr, n); }\n')
        ts = probe_dir / "probe.ts"
        arguments = ["-silent", "-locations", "none", str(probe_dir / "probe.cpp"), "-ts", str(ts)]
        if language:
            arguments[:0] = ["-target-language", language]
        code, _ = run_lupdate(lupdate, arguments)
        count = None
        if code == 0 and ts.exists():
            try:
                _, messages = read_ts(ts)
                count = len(messages[0].forms) if messages else None
            except ET.ParseError:
                count = None
        cache[language] = count
    return cache[language]


def problems_of(message, plural_forms):
    """What is wrong with one message's translation, as short phrases."""
    problems = []
    if message.type == "unfinished":
        problems.append("unfinished")
    if message.numerus and plural_forms is not None and len(message.forms) != plural_forms:
        problems.append(f"{len(message.forms)} plural form(s), the language has {plural_forms}")
    if not message.forms:
        problems.append("no translation")
    expected = collections.Counter(PLACEHOLDER.findall(message.source))
    for index, texts in enumerate(message.forms):
        where = f"plural form {index + 1}" if message.numerus else "translation"
        for text in texts:
            if not text.strip() and message.source.strip():
                problems.append(f"{where} is empty")
                continue
            found = collections.Counter(PLACEHOLDER.findall(text))
            if found != expected:
                missing = sorted((expected - found).elements())
                extra = sorted((found - expected).elements())
                details = []
                if missing:
                    details.append("lacks " + " ".join(missing))
                if extra:
                    details.append("adds " + " ".join(extra))
                problems.append(f"{where} {' and '.join(details)}: {shorten(text)!r}")
    # An empty numerus translation and "unfinished" say the same; keep the lines short.
    return list(dict.fromkeys(problems))


def main(argv):
    if len(argv) < 3:
        print("usage: check_translations.py TS_DIR SOURCE_DIR...", file=sys.stderr)
        return 2
    ts_dir = Path(argv[1])
    source_dirs = argv[2:]
    lupdate = find_lupdate()
    passed = failed = 0

    def result(ok, line):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {line}")

    ts_files = sorted(ts_dir.glob("*.ts")) if ts_dir.is_dir() else []
    if not ts_files:
        result(False, f"{ts_dir}: no *.ts files")
    for source_dir in source_dirs:
        if not Path(source_dir).is_dir():
            result(False, f"{source_dir}: not a directory")

    with tempfile.TemporaryDirectory(prefix="check_translations_") as workdir:
        # 1. Up to date: lupdate over the sources, into copies of the committed files.
        copies = []
        for i, path in enumerate(ts_files):
            copy = Path(workdir) / f"{i}_{path.name}"
            shutil.copyfile(path, copy)
            copies.append(copy)
        fresh = {}
        # The source language's file holds the plural texts only (lupdate -pluralonly); the others hold all.
        groups = [([], []), ([], ["-pluralonly"])]
        for path, copy in zip(ts_files, copies):
            groups[1 if path.name.endswith("_en.ts") else 0][0].append((path, copy))
        for pairs, extra in groups:
            if not pairs:
                continue
            code, lines = run_lupdate(
                lupdate, ["-silent", "-no-obsolete", "-locations", "none", *extra, *source_dirs, "-ts",
                          *(str(copy) for _, copy in pairs)])
            for line in lines:
                result(False, f"lupdate: {line}")
            if code is not None and code != 0:
                result(False, f"lupdate exited with {code}")
            elif not lines:
                result(True, "lupdate: no warnings")
                print(f"PASS lupdate {' '.join(extra + source_dirs)}: no warnings")
            if code == 0:
                for path, copy in pairs:
                    try:
                        fresh[path] = read_ts(copy)[1]
                    except (OSError, ET.ParseError) as e:
                        result(False, f"{path}: lupdate wrote an unreadable copy: {e}")

        for path in ts_files:
            try:
                language, messages = read_ts(path)
            except (OSError, ET.ParseError) as e:
                result(False, f"{path}: cannot read: {e}")
                continue

            if path in fresh:
                committed = {m.key: m for m in messages if m.type not in ("vanished", "obsolete")}
                current = {m.key: m for m in fresh[path]}
                stale = 0
                for key, m in current.items():
                    if key not in committed:
                        stale += 1
                        result(False, f"{path}: not in the file, but used in the code: {m.label()}")
                    elif committed[key].numerus != m.numerus:
                        stale += 1
                        result(False, f"{path}: {'now' if m.numerus else 'no longer'} a plural (%n) text "
                                      f"in the code: {m.label()}")
                for key, m in committed.items():
                    if key not in current:
                        stale += 1
                        result(False, f"{path}: no longer in the code: {m.label()}")
                for m in messages:
                    if m.type in ("vanished", "obsolete"):
                        stale += 1
                        result(False, f"{path}: obsolete message kept: {m.label()}")
                if stale:
                    print(f"     {path}: refresh it with `cmake --build BUILD_DIR --target update_translations`")
                else:
                    result(True, "")
                    print(f"PASS {path}: up to date with {' '.join(source_dirs)} ({len(current)} texts)")

            # 2. Complete: every current message translated, plural forms filled, placeholders kept.
            plural_forms = None
            if any(m.numerus for m in messages):
                plural_forms = plural_form_count(lupdate, language, workdir)
            bad = 0
            checked = [m for m in messages if m.type not in ("vanished", "obsolete")]
            for m in checked:
                problems = problems_of(m, plural_forms)
                if problems:
                    bad += 1
                result(not problems, f"{path}: {m.label()}: {'; '.join(problems)}")
            if not checked:
                result(False, f"{path}: holds no messages")
            elif not bad:
                print(f"PASS {path}: all {len(checked)} messages translated ({language or 'no language'})")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
