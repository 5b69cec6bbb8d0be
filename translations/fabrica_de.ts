<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>fabrica::CommandLine</name>
    <message>
        <source>fabrica: unknown command &quot;%1&quot;; `fabrica --help` lists the commands</source>
        <translation>fabrica: unbekannter Befehl &quot;%1&quot;; `fabrica --help` listet die Befehle auf</translation>
    </message>
    <message>
        <source>Usage: fabrica [COMMAND] [OPTIONS]</source>
        <translation>Aufruf: fabrica [BEFEHL] [OPTIONEN]</translation>
    </message>
    <message>
        <source>Fabrica generates realistic synthetic test data from database schemas.</source>
        <translation>Fabrica erzeugt realistische synthetische Testdaten aus Datenbankschemas.</translation>
    </message>
    <message>
        <source>Without a command it opens the main window.</source>
        <translation>Ohne Befehl wird das Hauptfenster geöffnet.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>`fabrica COMMAND --help` describes a command.</source>
        <translation>`fabrica BEFEHL --help` beschreibt einen Befehl.</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintChecker</name>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2 (accepted: %3)</source>
        <translation>unbekannter Constraint &quot;%1&quot; für Typ %2 (zulässig: %3)</translation>
    </message>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2; did you mean &quot;%3&quot;?</source>
        <translation>unbekannter Constraint &quot;%1&quot; für Typ %2; meinten Sie &quot;%3&quot;?</translation>
    </message>
    <message>
        <source>type %1 needs the constraint &quot;%2&quot; (%3)</source>
        <translation>Typ %1 erfordert den Constraint &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>nullPercent is %1, but the column is %2 and can hold no NULLs</source>
        <translation>nullPercent ist %1, aber die Spalte ist %2 und kann keine NULL-Werte enthalten</translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation>ein Primärschlüssel</translation>
    </message>
    <message>
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <source>cardinality applies to foreign keys only: add &quot;references&quot; or remove it</source>
        <translation>cardinality gilt nur für Fremdschlüssel: fügen Sie &quot;references&quot; hinzu oder entfernen Sie cardinality</translation>
    </message>
    <message>
        <source>constraint &quot;%1&quot; must be %2, found %3</source>
        <translation>Constraint &quot;%1&quot; muss %2 sein, ist aber %3</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <translation>zwischen %1 und %2</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindestens %1</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>einer der Werte %1</translation>
    </message>
    <message>
        <source>a %1 such as %2</source>
        <translation>ein Wert vom Typ %1 wie %2</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>an array of numbers</source>
        <translation>ein Array von Zahlen</translation>
    </message>
    <message>
        <source>&quot;table.column&quot;</source>
        <translation>&quot;table.column&quot;</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>, the default</source>
        <translation>, der Standardwert</translation>
    </message>
    <message>
        <source>%1 (%2) is greater than %3 (%4)</source>
        <translation>%1 (%2) ist größer als %3 (%4)</translation>
    </message>
    <message>
        <source>values is empty: list at least one value</source>
        <translation>values ist leer: geben Sie mindestens einen Wert an</translation>
    </message>
    <message>
        <source>values lists &quot;%1&quot; more than once; use weights to make a value more likely</source>
        <translation>values enthält &quot;%1&quot; mehrfach; verwenden Sie weights, um einen Wert wahrscheinlicher zu machen</translation>
    </message>
    <message>
        <source>weights needs values: one weight per value</source>
        <translation>weights erfordert values: ein Gewicht pro Wert</translation>
    </message>
    <message>
        <source>weights has %1 entries but values has %2; give one weight per value</source>
        <translation>weights hat %1 Einträge, values aber %2; geben Sie ein Gewicht pro Wert an</translation>
    </message>
    <message>
        <source>weight #%1 (%2) is negative; weights must be 0 or more</source>
        <translation>Gewicht #%1 (%2) ist negativ; Gewichte müssen 0 oder größer sein</translation>
    </message>
    <message>
        <source>all weights are 0, so no value can be chosen</source>
        <translation>alle Gewichte sind 0, daher kann kein Wert gewählt werden</translation>
    </message>
    <message>
        <source>distribution needs &quot;name&quot;: one of %1, found %2</source>
        <translation>die Verteilung benötigt &quot;name&quot; mit einem der Werte %1, gefunden: %2</translation>
    </message>
    <message>
        <source>distribution %1 takes no parameters, found &quot;%2&quot;</source>
        <translation>die Verteilung %1 hat keine Parameter, gefunden: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>distribution %1 takes %2, found &quot;%3&quot;</source>
        <translation>die Verteilung %1 erlaubt nur %2, gefunden: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>%1 of distribution %2 must be %3, found %4</source>
        <translation>%1 der Verteilung %2 muss %3 sein, ist aber %4</translation>
    </message>
    <message>
        <source>a number greater than 0</source>
        <translation>eine Zahl größer als 0</translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} or {&quot;distribution&quot;: {…}}</source>
        <translation>cardinality ist entweder {&quot;min&quot;: a, &quot;max&quot;: b} oder {&quot;distribution&quot;: {…}}</translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} with whole numbers a ≥ 0 or {&quot;distribution&quot;: {…}}, found %1</source>
        <translation>cardinality ist entweder {&quot;min&quot;: a, &quot;max&quot;: b} mit ganzen Zahlen a ≥ 0 oder {&quot;distribution&quot;: {…}}, gefunden: %1</translation>
    </message>
    <message>
        <source>cardinality min (%1) is greater than max (%2)</source>
        <translation>cardinality: min (%1) ist größer als max (%2)</translation>
    </message>
    <message>
        <source>template, character %1: %2</source>
        <translation>template, Zeichen %1: %2</translation>
    </message>
    <message>
        <source>template refers to its own column &quot;%1&quot;</source>
        <translation>template verweist auf die eigene Spalte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type</source>
        <translation>der template-Platzhalter {%1} ist weder eine Spalte der Tabelle %2 noch ein Datentyp</translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type; did you mean {%3}?</source>
        <translation>der template-Platzhalter {%1} ist weder eine Spalte der Tabelle %2 noch ein Datentyp; meinten Sie {%3}?</translation>
    </message>
    <message>
        <source>fields is empty: name at least one field with its {&quot;type&quot;: …}</source>
        <translation>fields ist leer: geben Sie mindestens ein Feld mit seinem {&quot;type&quot;: …} an</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; needs {&quot;type&quot;: …} with a known data type, found %2</source>
        <translation>Feld &quot;%1&quot; benötigt {&quot;type&quot;: …} mit einem bekannten Datentyp, gefunden: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; may hold only &quot;type&quot; and a &quot;constraints&quot; object, found &quot;%2&quot;</source>
        <translation>Feld &quot;%1&quot; darf nur &quot;type&quot; und ein &quot;constraints&quot;-Objekt enthalten, gefunden: &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::CsvSink</name>
    <message>
        <source>a CSV file holds one table, and the schema has %1; write to a directory instead</source>
        <translation>eine CSV-Datei enthält genau eine Tabelle, das Schema hat aber %1; schreiben Sie stattdessen in ein Verzeichnis</translation>
    </message>
</context>
<context>
    <name>fabrica::ExportFormat</name>
    <message>
        <source>Comma-separated values</source>
        <translation>Kommagetrennte Werte</translation>
    </message>
    <message>
        <source>Tab-separated values</source>
        <translation>Tabulatorgetrennte Werte</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Newline-delimited JSON</source>
        <translation>Zeilengetrenntes JSON</translation>
    </message>
    <message>
        <source>SQL script</source>
        <translation>SQL-Skript</translation>
    </message>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 (*.%2)</translation>
    </message>
</context>
<context>
    <name>fabrica::FileOutput</name>
    <message>
        <source>cannot write the file: %1</source>
        <translation>die Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot start gzip compression</source>
        <translation>die gzip-Komprimierung kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>gzip compression failed</source>
        <translation>die gzip-Komprimierung ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>fabrica::FileSink</name>
    <message>
        <source>cannot create the directory</source>
        <translation>das Verzeichnis kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>fabrica::FormatCommand</name>
    <message>
        <source>Rewrite schema files in the canonical layout</source>
        <translation>Schemadateien im kanonischen Layout neu schreiben</translation>
    </message>
    <message>
        <source>Change nothing; list the files that are not canonical and exit with 1.</source>
        <translation>Nichts ändern; die nicht kanonischen Dateien auflisten und mit 1 beenden.</translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json).</source>
        <translation>Schemadateien (*.fabrica.json).</translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation>DATEI...</translation>
    </message>
    <message>
        <source>%1: not in the canonical layout</source>
        <translation>%1: nicht im kanonischen Layout</translation>
    </message>
    <message>
        <source>%1: rewritten</source>
        <translation>%1: neu geschrieben</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerateCommand</name>
    <message>
        <source>Generate a schema&apos;s data into CSV, TSV, JSON, NDJSON or SQL files</source>
        <translation>Die Daten eines Schemas als CSV-, TSV-, JSON-, NDJSON- oder SQL-Dateien erzeugen</translation>
    </message>
    <message>
        <source>Directory for one file per table, or the file with --single-file.</source>
        <translation>Verzeichnis für eine Datei pro Tabelle oder, mit --single-file, die Ausgabedatei.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>Output format: %1.</source>
        <translation>Ausgabeformat: %1.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>SQL dialect: postgresql, mysql or sqlite.</source>
        <translation>SQL-Dialekt: postgresql, mysql oder sqlite.</translation>
    </message>
    <message>
        <source>DIALECT</source>
        <translation>DIALEKT</translation>
    </message>
    <message>
        <source>Rows of a table, overriding the schema (repeatable).</source>
        <translation>Zeilenzahl einer Tabelle; überschreibt den Wert aus dem Schema (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>TABLE=N</source>
        <translation>TABLE=N</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same data.</source>
        <translation>Startwert des Zufallsgenerators: derselbe Startwert liefert dieselben Daten.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation>Worker-Threads (Standard: einer pro Prozessorkern).</translation>
    </message>
    <message>
        <source>Rows per chunk of work.</source>
        <translation>Zeilen pro Arbeitspaket.</translation>
    </message>
    <message>
        <source>Compress the files with gzip.</source>
        <translation>Die Dateien mit gzip komprimieren.</translation>
    </message>
    <message>
        <source>Write all tables into the file --out.</source>
        <translation>Alle Tabellen in die Datei --out schreiben.</translation>
    </message>
    <message>
        <source>CSV/TSV: no header row.</source>
        <translation>CSV/TSV: keine Kopfzeile.</translation>
    </message>
    <message>
        <source>CSV/TSV: text written for NULL (default empty).</source>
        <translation>CSV/TSV: Text, der für NULL geschrieben wird (Standard: leer).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>CSV/TSV: end lines with CR LF.</source>
        <translation>CSV/TSV: Zeilen mit CR LF beenden.</translation>
    </message>
    <message>
        <source>CSV/TSV: prefix text starting with = + - @ with &apos; for spreadsheets.</source>
        <translation>CSV/TSV: Text, der mit = + - @ beginnt, für Tabellenkalkulationen ein &apos; voranstellen.</translation>
    </message>
    <message>
        <source>JSON: indent.</source>
        <translation>JSON: einrücken.</translation>
    </message>
    <message>
        <source>SQL: no CREATE TABLE statements.</source>
        <translation>SQL: keine CREATE-TABLE-Anweisungen.</translation>
    </message>
    <message>
        <source>SQL: rows per INSERT statement.</source>
        <translation>SQL: Zeilen pro INSERT-Anweisung.</translation>
    </message>
    <message>
        <source>No progress and no summary.</source>
        <translation>Keinen Fortschritt und keine Zusammenfassung anzeigen.</translation>
    </message>
    <message>
        <source>The schema file (*.fabrica.json).</source>
        <translation>Die Schemadatei (*.fabrica.json).</translation>
    </message>
    <message>
        <source>SCHEMA</source>
        <translation>SCHEMA</translation>
    </message>
    <message>
        <source>name exactly one schema file</source>
        <translation>geben Sie genau eine Schemadatei an</translation>
    </message>
    <message>
        <source>--out is required: a directory, or a file with --single-file</source>
        <translation>--out ist erforderlich: ein Verzeichnis oder, mit --single-file, eine Datei</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (formats: %2)</source>
        <translation>unbekanntes Format &quot;%1&quot; (Formate: %2)</translation>
    </message>
    <message>
        <source>unknown dialect &quot;%1&quot; (postgresql, mysql, sqlite)</source>
        <translation>unbekannter Dialekt &quot;%1&quot; (postgresql, mysql, sqlite)</translation>
    </message>
    <message>
        <source>--seed takes a whole number from 0 to 18446744073709551615</source>
        <translation>--seed erwartet eine ganze Zahl von 0 bis 18446744073709551615</translation>
    </message>
    <message>
        <source>--rows takes TABLE=N with N a whole number of 0 or more, found &quot;%1&quot;</source>
        <translation>--rows erwartet TABLE=N mit einer ganzen Zahl N ab 0, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--threads takes a number from 1 to 256</source>
        <translation>--threads erwartet eine Zahl von 1 bis 256</translation>
    </message>
    <message>
        <source>--chunk-rows takes a number from 1 to 1000000</source>
        <translation>--chunk-rows erwartet eine Zahl von 1 bis 1000000</translation>
    </message>
    <message>
        <source>--batch takes a number of 1 or more</source>
        <translation>--batch erwartet eine Zahl ab 1</translation>
    </message>
    <message>
        <source>%1 rows, %2 in %3 s: %4 rows/s, %5/s</source>
        <translation>%1 Zeilen, %2 in %3 s: %4 Zeilen/s, %5/s</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationJob</name>
    <message>
        <source>generation was cancelled</source>
        <translation>die Erzeugung wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>fabrica::GeneratorFactory</name>
    <message>
        <source>Fabrica cannot generate type %1 yet</source>
        <translation>Fabrica kann den Typ %1 noch nicht erzeugen</translation>
    </message>
</context>
<context>
    <name>fabrica::MainWindow</name>
    <message>
        <source>Fabrica</source>
        <translation>Fabrica</translation>
    </message>
    <message>
        <source>Open a schema file (*.fabrica.json) to see its tables and columns.</source>
        <translation>Öffnen Sie eine Schemadatei (*.fabrica.json), um ihre Tabellen und Spalten zu sehen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Constraints</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Schema…</source>
        <translation>Schema ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Fabrica</source>
        <translation>&amp;Über Fabrica</translation>
    </message>
    <message>
        <source>Cannot open schema</source>
        <translation>Schema kann nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n table(s)</source>
        <translation>
            <numerusform>%1 — %n Tabelle</numerusform>
            <numerusform>%1 — %n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Schema</source>
        <translation>Schema öffnen</translation>
    </message>
    <message>
        <source>Fabrica schemas (*.fabrica.json);;All files (*)</source>
        <translation>Fabrica-Schemas (*.fabrica.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Fabrica</source>
        <translation>Über Fabrica</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fabrica %1&lt;/h3&gt;&lt;p&gt;Realistic synthetic test data from database schemas.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Fabrica %1&lt;/h3&gt;&lt;p&gt;Realistische synthetische Testdaten aus Datenbankschemas.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>fabrica::NdjsonSink</name>
    <message>
        <source>an NDJSON file holds one table, and the schema has %1; write to a directory instead</source>
        <translation>eine NDJSON-Datei enthält genau eine Tabelle, das Schema hat aber %1; schreiben Sie stattdessen in ein Verzeichnis</translation>
    </message>
</context>
<context>
    <name>fabrica::Pattern</name>
    <message>
        <source>patterns may be at most %1 characters long</source>
        <translation>Muster dürfen höchstens %1 Zeichen lang sein</translation>
    </message>
    <message>
        <source>unbalanced parenthesis: this &apos;)&apos; has no &apos;(&apos;</source>
        <translation>unpaarige Klammer: zu dieser &apos;)&apos; gibt es keine &apos;(&apos;</translation>
    </message>
    <message>
        <source>pattern, character %1: %2</source>
        <translation>pattern, Zeichen %1: %2</translation>
    </message>
    <message>
        <source>^ is only supported at the start of the pattern</source>
        <translation>^ wird nur am Anfang des Musters unterstützt</translation>
    </message>
    <message>
        <source>$ is only supported at the end of the pattern</source>
        <translation>$ wird nur am Ende des Musters unterstützt</translation>
    </message>
    <message>
        <source>values of this pattern can be %1 characters long; the limit is %2</source>
        <translation>Werte dieses Musters können %1 Zeichen lang werden; die Grenze liegt bei %2</translation>
    </message>
    <message>
        <source>quantifier %1 has nothing to repeat</source>
        <translation>vor dem Quantor %1 steht nichts, was wiederholt werden kann</translation>
    </message>
    <message>
        <source>groups are nested more than %1 deep</source>
        <translation>Gruppen sind tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>unbalanced parenthesis: this &apos;(&apos; is never closed</source>
        <translation>unpaarige Klammer: diese &apos;(&apos; wird nie geschlossen</translation>
    </message>
    <message>
        <source>lookahead %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Lookahead %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>lookbehind %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Lookbehind %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>named group %1 is not supported; write a plain group (…) or (?:…)</source>
        <translation>benannte Gruppe %1 wird nicht unterstützt; schreiben Sie eine einfache Gruppe (…) oder (?:…)</translation>
    </message>
    <message>
        <source>backreference %1 is not supported; write the group out again instead</source>
        <translation>Rückverweis %1 wird nicht unterstützt; schreiben Sie die Gruppe stattdessen noch einmal aus</translation>
    </message>
    <message>
        <source>atomic group (?&gt;…) is not supported; write (?:…)</source>
        <translation>atomare Gruppe (?&gt;…) wird nicht unterstützt; schreiben Sie (?:…)</translation>
    </message>
    <message>
        <source>inline option %1 is not supported; spell the variants out, as in [Aa]</source>
        <translation>Inline-Option %1 wird nicht unterstützt; schreiben Sie die Varianten aus, wie in [Aa]</translation>
    </message>
    <message>
        <source>group %1 is not supported; write (…) or (?:…)</source>
        <translation>Gruppe %1 wird nicht unterstützt; schreiben Sie (…) oder (?:…)</translation>
    </message>
    <message>
        <source>repetition count %1 is above the limit of %2</source>
        <translation>Wiederholungsanzahl %1 liegt über der Grenze von %2</translation>
    </message>
    <message>
        <source>repetition %1 needs a minimum; write %2</source>
        <translation>Wiederholung %1 benötigt ein Minimum; schreiben Sie %2</translation>
    </message>
    <message>
        <source>repetition %1 has a minimum greater than its maximum</source>
        <translation>bei der Wiederholung %1 ist das Minimum größer als das Maximum</translation>
    </message>
    <message>
        <source>possessive quantifier %1 is not supported; drop the last &apos;+&apos;</source>
        <translation>possessiver Quantor %1 wird nicht unterstützt; entfernen Sie das letzte &apos;+&apos;</translation>
    </message>
    <message>
        <source>quantifier %1 follows another quantifier; put the repeated part in a group, as in (a{2}){3}</source>
        <translation>Quantor %1 folgt auf einen anderen Quantor; fassen Sie den wiederholten Teil in einer Gruppe zusammen, wie in (a{2}){3}</translation>
    </message>
    <message>
        <source>POSIX class %1 only works inside a class; write [%1]</source>
        <translation>POSIX-Klasse %1 funktioniert nur innerhalb einer Zeichenklasse; schreiben Sie [%1]</translation>
    </message>
    <message>
        <source>empty class %1 matches nothing; write \] for a literal &apos;]&apos;</source>
        <translation>leere Zeichenklasse %1 passt auf nichts; schreiben Sie \] für eine &apos;]&apos; als Text</translation>
    </message>
    <message>
        <source>unbalanced bracket: this &apos;[&apos; is never closed; write \[ for a literal &apos;[&apos;</source>
        <translation>unpaarige eckige Klammer: diese &apos;[&apos; wird nie geschlossen; schreiben Sie \[ für eine &apos;[&apos; als Text</translation>
    </message>
    <message>
        <source>%1 cannot bound a range; write \- for a literal &apos;-&apos;</source>
        <translation>%1 kann keinen Bereich begrenzen; schreiben Sie \- für ein &apos;-&apos; als Text</translation>
    </message>
    <message>
        <source>range %1-%2 is out of order; write %2-%1</source>
        <translation>Bereich %1-%2 ist in falscher Reihenfolge; schreiben Sie %2-%1</translation>
    </message>
    <message>
        <source>class %1 leaves no printable character to generate</source>
        <translation>Zeichenklasse %1 lässt kein druckbares Zeichen übrig, das erzeugt werden könnte</translation>
    </message>
    <message>
        <source>POSIX class %1 is not supported; use one of alpha, digit, alnum, upper, lower, xdigit, word, space, blank, punct, print, graph</source>
        <translation>POSIX-Klasse %1 wird nicht unterstützt; verwenden Sie eine der Klassen alpha, digit, alnum, upper, lower, xdigit, word, space, blank, punct, print, graph</translation>
    </message>
    <message>
        <source>a &apos;\&apos; at the end of the pattern escapes nothing</source>
        <translation>ein &apos;\&apos; am Ende des Musters maskiert nichts</translation>
    </message>
    <message>
        <source>%1 needs two hexadecimal digits, as in \x41, or braces, as in \x{20AC}</source>
        <translation>%1 benötigt zwei Hexadezimalziffern wie in \x41 oder geschweifte Klammern wie in \x{20AC}</translation>
    </message>
    <message>
        <source>%1 needs four hexadecimal digits, as in \u00E9</source>
        <translation>%1 benötigt vier Hexadezimalziffern wie in \u00E9</translation>
    </message>
    <message>
        <source>octal escape %1 is not supported; write \x{…}</source>
        <translation>oktale Escape-Sequenz %1 wird nicht unterstützt; schreiben Sie \x{…}</translation>
    </message>
    <message>
        <source>word boundary %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Wortgrenze %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>anchor %1 is not supported; use ^ at the start or $ at the end</source>
        <translation>Anker %1 wird nicht unterstützt; verwenden Sie ^ am Anfang oder $ am Ende</translation>
    </message>
    <message>
        <source>unicode property %1 is not supported; write a range instead, as in [A-Za-zÀ-ÿ]</source>
        <translation>Unicode-Eigenschaft %1 wird nicht unterstützt; schreiben Sie stattdessen einen Bereich, wie in [A-Za-zÀ-ÿ]</translation>
    </message>
    <message>
        <source>escape %1 is not supported</source>
        <translation>Escape-Sequenz %1 wird nicht unterstützt</translation>
    </message>
    <message>
        <source>%1 is not a Unicode character</source>
        <translation>%1 ist kein Unicode-Zeichen</translation>
    </message>
</context>
<context>
    <name>fabrica::Plan</name>
    <message>
        <source>no IBAN format for country &quot;%1&quot;; supported: %2</source>
        <translation>kein IBAN-Format für das Land &quot;%1&quot;; unterstützt: %2</translation>
    </message>
    <message>
        <source>unknown card brand</source>
        <translation>unbekannte Kartenmarke</translation>
    </message>
    <message>
        <source>cidr &quot;%1&quot; is not an IPv4 network such as 10.0.0.0/8</source>
        <translation>cidr &quot;%1&quot; ist kein IPv4-Netz wie 10.0.0.0/8</translation>
    </message>
    <message>
        <source>scale %1 is more than the 18 digits Fabrica generates</source>
        <translation>scale %1 ist mehr als die 18 Stellen, die Fabrica erzeugt</translation>
    </message>
    <message>
        <source>the range %1..%2 with scale %3 does not fit in 64-bit fixed-point numbers</source>
        <translation>der Bereich %1..%2 mit scale %3 passt nicht in 64-Bit-Festkommazahlen</translation>
    </message>
    <message>
        <source>values is empty</source>
        <translation>values ist leer</translation>
    </message>
    <message>
        <source>unique phone numbers are not generated yet</source>
        <translation>eindeutige Telefonnummern werden noch nicht erzeugt</translation>
    </message>
    <message>
        <source>the schema has no table &quot;%1&quot; to set the row count of</source>
        <translation>das Schema enthält keine Tabelle &quot;%1&quot;, deren Zeilenzahl gesetzt werden könnte</translation>
    </message>
    <message>
        <source>the row count of table &quot;%1&quot; must be 0 or more</source>
        <translation>die Zeilenzahl der Tabelle &quot;%1&quot; muss 0 oder größer sein</translation>
    </message>
    <message>
        <source>the column is unique, but type %1 with these constraints has only %2 distinct values for %3 rows; widen its range or generate fewer rows</source>
        <translation>die Spalte ist eindeutig, aber Typ %1 hat mit diesen Constraints nur %2 verschiedene Werte für %3 Zeilen; erweitern Sie den Wertebereich oder erzeugen Sie weniger Zeilen</translation>
    </message>
    <message>
        <source>templates in table &quot;%1&quot; refer to each other in a circle</source>
        <translation>die template-Spalten der Tabelle &quot;%1&quot; verweisen im Kreis aufeinander</translation>
    </message>
    <message>
        <source>type sample needs sample data: add &quot;samples&quot; to the column</source>
        <translation>der Typ sample benötigt Beispieldaten: fügen Sie der Spalte &quot;samples&quot; hinzu</translation>
    </message>
    <message>
        <source>the referenced column %1 cannot be computed from a row number; reference a sequence, uuid or unique column</source>
        <translation>die referenzierte Spalte %1 lässt sich nicht aus einer Zeilennummer berechnen; verweisen Sie auf eine Spalte vom Typ sequence oder uuid oder auf eine eindeutige Spalte</translation>
    </message>
    <message>
        <source>the foreign key is unique, so it needs a parent row per row: %1 has %2 rows, this table %3</source>
        <translation>der Fremdschlüssel ist eindeutig und benötigt daher für jede Zeile eine eigene übergeordnete Zeile: %1 hat %2 Zeilen, diese Tabelle %3</translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;; use an IANA name such as Europe/Berlin</source>
        <translation>unbekannte Zeitzone &quot;%1&quot;; verwenden Sie einen IANA-Namen wie Europe/Berlin</translation>
    </message>
    <message>
        <source>milliseconds in the format work with timeZone UTC only</source>
        <translation>Millisekunden im Format funktionieren nur mit timeZone UTC</translation>
    </message>
    <message>
        <source>the alphabet is empty</source>
        <translation>das Alphabet ist leer</translation>
    </message>
    <message>
        <source>the pattern can produce the same value in two ways (e.g. &quot;a?a?&quot;), so Fabrica cannot make it unique; rewrite it so each value has one spelling</source>
        <translation>das Muster kann denselben Wert auf zwei Arten erzeugen (z. B. &quot;a?a?&quot;), daher kann Fabrica die Werte nicht eindeutig machen; formulieren Sie es so um, dass jeder Wert nur eine Schreibweise hat</translation>
    </message>
    <message>
        <source>only one foreign key of a table can set cardinality; %1 and %2 both do</source>
        <translation>nur ein Fremdschlüssel einer Tabelle darf cardinality setzen; %1 und %2 tun es beide</translation>
    </message>
    <message>
        <source>cardinality needs the parent table generated first; a self reference or a cycle cannot count children</source>
        <translation>cardinality braucht die übergeordnete Tabelle zuerst erzeugt; bei einem Selbstverweis oder einem Zyklus lassen sich keine Kindzeilen zählen</translation>
    </message>
    <message>
        <source>the composite primary key of table &quot;%1&quot; can only be generated unique when all its columns are foreign keys or one of them is a sequence or unique</source>
        <translation>der zusammengesetzte Primärschlüssel der Tabelle &quot;%1&quot; lässt sich nur eindeutig erzeugen, wenn alle seine Spalten Fremdschlüssel sind oder eine davon eine sequence oder eindeutig ist</translation>
    </message>
    <message>
        <source>the composite primary key of table &quot;%1&quot; has only %2 combinations of parent rows for %3 rows; generate fewer rows or more parents</source>
        <translation>der zusammengesetzte Primärschlüssel der Tabelle &quot;%1&quot; hat nur %2 Kombinationen übergeordneter Zeilen für %3 Zeilen; erzeugen Sie weniger Zeilen oder mehr übergeordnete Zeilen</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; of the JSON object needs a data type other than foreign_key</source>
        <translation>das Feld &quot;%1&quot; des JSON-Objekts braucht einen anderen Datentyp als foreign_key</translation>
    </message>
    <message>
        <source>the range %1..%2 does not fit numeric(%3,%4), which holds at most %5 digits before the point; raise precision or narrow the range</source>
        <translation>der Bereich %1..%2 passt nicht in numeric(%3,%4), das höchstens %5 Stellen vor dem Komma fasst; erhöhen Sie precision oder verkleinern Sie den Bereich</translation>
    </message>
    <message>
        <source>maxLength %1 is too short for %2 unique user names; allow at least %3 characters</source>
        <translation>maxLength %1 ist zu kurz für %2 eindeutige Benutzernamen; erlauben Sie mindestens %3 Zeichen</translation>
    </message>
    <message>
        <source>references %1, which has NULLs (nullPercent); a referenced key needs a value in every row</source>
        <translation>verweist auf %1, das NULL-Werte hat (nullPercent); ein referenzierter Schlüssel braucht in jeder Zeile einen Wert</translation>
    </message>
    <message>
        <source>a unique template needs a placeholder of a unique, NOT NULL column of the same table, such as {id}</source>
        <translation>ein eindeutiges template braucht einen Platzhalter einer eindeutigen NOT-NULL-Spalte derselben Tabelle, etwa {id}</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFile</name>
    <message>
        <source>unknown property &quot;%1&quot; in %2 (expected one of: %3)</source>
        <translation>unbekannte Eigenschaft &quot;%1&quot; in %2 (zulässig: %3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string, found %2</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette sein, ist aber %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;%2&quot;</source>
        <translation>in %1 fehlt &quot;%2&quot;</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>die Zahl %1</translation>
    </message>
    <message>
        <source>the string %1</source>
        <translation>die Zeichenkette %1</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>a column must be an object, found %1</source>
        <translation>eine Spalte muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>column #%1 of table &quot;%2&quot;</source>
        <translation>Spalte #%1 der Tabelle &quot;%2&quot;</translation>
    </message>
    <message>
        <source>a column</source>
        <translation>einer Spalte</translation>
    </message>
    <message>
        <source>column &quot;%1&quot;</source>
        <translation>Spalte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;constraints&quot; must be an object, found %1</source>
        <translation>&quot;constraints&quot; muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>&quot;samples&quot; must be an array of strings, found %1</source>
        <translation>&quot;samples&quot; muss ein Array von Zeichenketten sein, ist aber %1</translation>
    </message>
    <message>
        <source>sample #%1 must be a string, found %2</source>
        <translation>Beispielwert #%1 muss eine Zeichenkette sein, ist aber %2</translation>
    </message>
    <message>
        <source>a table must be an object, found %1</source>
        <translation>eine Tabelle muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>table #%1</source>
        <translation>Tabelle #%1</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>einer Tabelle</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;rows&quot;</source>
        <translation>in Tabelle &quot;%1&quot; fehlt &quot;rows&quot;</translation>
    </message>
    <message>
        <source>&quot;rows&quot; must be a whole number from 0 to 2^53, found %1</source>
        <translation>&quot;rows&quot; muss eine ganze Zahl von 0 bis 2^53 sein, ist aber %1</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;columns&quot;</source>
        <translation>in Tabelle &quot;%1&quot; fehlt &quot;columns&quot;</translation>
    </message>
    <message>
        <source>&quot;columns&quot; must be an array, found %1</source>
        <translation>&quot;columns&quot; muss ein Array sein, ist aber %1</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>der Datei</translation>
    </message>
    <message>
        <source>not a Fabrica schema file: &quot;format&quot; must be &quot;%1&quot;, found %2</source>
        <translation>keine Fabrica-Schemadatei: &quot;format&quot; muss &quot;%1&quot; sein, ist aber %2</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number from 1, found %1</source>
        <translation>&quot;version&quot; muss eine ganze Zahl ab 1 sein, ist aber %1</translation>
    </message>
    <message>
        <source>the file has format version %1, but this Fabrica reads up to version %2; open it with a newer Fabrica</source>
        <translation>die Datei hat die Formatversion %1, diese Fabrica-Version liest aber nur bis Version %2; öffnen Sie sie mit einer neueren Fabrica-Version</translation>
    </message>
    <message>
        <source>&quot;schema&quot; must be an object, found %1</source>
        <translation>&quot;schema&quot; muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>the schema</source>
        <translation>dem Schema</translation>
    </message>
    <message>
        <source>&quot;created&quot; must be an ISO 8601 date and time with a time zone, such as &quot;2026-11-25T12:00:00Z&quot;, found &quot;%1&quot;</source>
        <translation>&quot;created&quot; muss ein ISO-8601-Datum mit Uhrzeit und Zeitzone sein, etwa &quot;2026-11-25T12:00:00Z&quot;, ist aber &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the schema has no &quot;tables&quot;</source>
        <translation>im Schema fehlt &quot;tables&quot;</translation>
    </message>
    <message>
        <source>&quot;tables&quot; must be an array, found %1</source>
        <translation>&quot;tables&quot; muss ein Array sein, ist aber %1</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>not a Fabrica schema file: the top level must be a JSON object</source>
        <translation>keine Fabrica-Schemadatei: die oberste Ebene muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot write the file: %1</source>
        <translation>die Datei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFileArgument</name>
    <message>
        <source>%1: cannot open the file: %2</source>
        <translation>%1: die Datei kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>fabrica %1: name at least one schema file</source>
        <translation>fabrica %1: geben Sie mindestens eine Schemadatei an</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaValidator</name>
    <message>
        <source>%1 name &quot;%2&quot; is used more than once</source>
        <translation>der Name &quot;%2&quot; wird für mehr als eine %1 verwendet</translation>
    </message>
    <message>
        <source>%1 name &quot;%2&quot; differs from &quot;%3&quot; only in case; PostgreSQL folds unquoted names and MySQL on Windows and macOS ignores case, so give them distinct names</source>
        <translation>der Name &quot;%2&quot; unterscheidet sich nur in der Groß-/Kleinschreibung vom Namen &quot;%3&quot; einer anderen %1; PostgreSQL wandelt Namen ohne Anführungszeichen in Kleinbuchstaben um, und MySQL ignoriert unter Windows und macOS die Groß-/Kleinschreibung; vergeben Sie daher unterschiedliche Namen</translation>
    </message>
    <message>
        <source>%1 names &quot;%2&quot; and &quot;%3&quot; are the same after PostgreSQL truncates them to 63 bytes (&quot;%4&quot;); shorten one of them</source>
        <translation>der Name &quot;%3&quot; stimmt mit dem Namen &quot;%2&quot; einer anderen %1 überein, nachdem PostgreSQL beide auf 63 Bytes gekürzt hat (&quot;%4&quot;); kürzen Sie einen der beiden</translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; `fabrica types` lists them all</source>
        <translation>unbekannter Datentyp &quot;%1&quot;; `fabrica types` listet alle auf</translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; did you mean &quot;%2&quot;?</source>
        <translation>unbekannter Datentyp &quot;%1&quot;; meinten Sie &quot;%2&quot;?</translation>
    </message>
    <message>
        <source>schema name: %1</source>
        <translation>Schemaname: %1</translation>
    </message>
    <message>
        <source>schema name &quot;%1&quot; starts with &quot;pg_&quot;, which PostgreSQL reserves for system schemas</source>
        <translation>der Schemaname &quot;%1&quot; beginnt mit &quot;pg_&quot;; dieses Präfix reserviert PostgreSQL für Systemschemas</translation>
    </message>
    <message>
        <source>unknown locale &quot;%1&quot; (locales: %2)</source>
        <translation>unbekanntes Gebietsschema &quot;%1&quot; (verfügbar: %2)</translation>
    </message>
    <message>
        <source>the schema has no tables yet</source>
        <translation>das Schema enthält noch keine Tabellen</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>rows must be 0 or more, found %1</source>
        <translation>rows muss 0 oder größer sein, ist aber %1</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no columns</source>
        <translation>Tabelle &quot;%1&quot; hat keine Spalten</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>type %1 cannot be %2; key columns need a type with a large domain such as sequence, integer, uuid or string</source>
        <translation>Typ %1 kann nicht %2 sein; Schlüsselspalten benötigen einen Typ mit großem Wertebereich wie sequence, integer, uuid oder string</translation>
    </message>
    <message>
        <source>a foreign key</source>
        <translation>ein Fremdschlüssel</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation>ein Primärschlüssel</translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist</source>
        <translation>verweist auf die nicht vorhandene Tabelle &quot;%1&quot;</translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist; did you mean &quot;%2&quot;?</source>
        <translation>verweist auf die nicht vorhandene Tabelle &quot;%1&quot;; meinten Sie &quot;%2&quot;?</translation>
    </message>
    <message>
        <source>references column &quot;%1&quot; of table &quot;%2&quot;, which does not exist</source>
        <translation>verweist auf die nicht vorhandene Spalte &quot;%1&quot; der Tabelle &quot;%2&quot;</translation>
    </message>
    <message>
        <source>references itself; a foreign key must point at another column</source>
        <translation>verweist auf sich selbst; ein Fremdschlüssel muss auf eine andere Spalte verweisen</translation>
    </message>
    <message>
        <source>references %1, which is only part of a composite primary key and not unique on its own; mark it unique or reference another column</source>
        <translation>verweist auf %1, die nur Teil eines zusammengesetzten Primärschlüssels und für sich allein nicht eindeutig ist; markieren Sie sie als eindeutig oder verweisen Sie auf eine andere Spalte</translation>
    </message>
    <message>
        <source>references %1, which is neither the primary key nor unique; mark it &quot;primaryKey&quot; or &quot;unique&quot;</source>
        <translation>verweist auf %1, die weder der Primärschlüssel noch eindeutig ist; markieren Sie sie mit &quot;primaryKey&quot; oder &quot;unique&quot;</translation>
    </message>
    <message>
        <source>foreign key type mismatch: %1 is %2 but %3 is %4; use type foreign_key or a type of the same kind</source>
        <translation>Typen des Fremdschlüssels passen nicht zusammen: %1 ist %2, aber %3 ist %4; verwenden Sie den Typ foreign_key oder einen Typ derselben Art</translation>
    </message>
    <message>
        <source>references its own table and is NOT NULL, so the first row has nothing to refer to; make it nullable (remove notNull)</source>
        <translation>verweist auf die eigene Tabelle und ist NOT NULL, daher gibt es für die erste Zeile nichts, worauf sie verweisen kann; lassen Sie NULL zu (entfernen Sie notNull)</translation>
    </message>
    <message>
        <source>NOT NULL foreign keys form a cycle (%1), so no table in it can get its first row; make one of these columns nullable</source>
        <translation>NOT-NULL-Fremdschlüssel bilden einen Zyklus (%1), daher kann keine der beteiligten Tabellen ihre erste Zeile erhalten; lassen Sie in einer dieser Spalten NULL zu</translation>
    </message>
</context>
<context>
    <name>fabrica::SqlIdentifier</name>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>table name is empty</source>
        <translation>der Tabellenname ist leer</translation>
    </message>
    <message>
        <source>column name is empty</source>
        <translation>der Spaltenname ist leer</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains the control character %2 at position %3</source>
        <translation>der Name &quot;%1&quot; enthält das Steuerzeichen %2 an Position %3</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; starts with white space</source>
        <translation>der Name &quot;%1&quot; beginnt mit Leerraum</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; ends with white space</source>
        <translation>der Name &quot;%1&quot; endet mit Leerraum</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a double quote</source>
        <translation>der Name &quot;%1&quot; enthält ein doppeltes Anführungszeichen</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a backtick</source>
        <translation>der Name &quot;%1&quot; enthält einen Backtick</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains &apos;.&apos;, which SQL tools read as a schema qualifier</source>
        <translation>der Name &quot;%1&quot; enthält einen Punkt (&apos;.&apos;), den SQL-Werkzeuge als Schema-Qualifizierer lesen</translation>
    </message>
    <message>
        <source>table name &quot;%1&quot; starts with &quot;sqlite_&quot;, which SQLite reserves for its own tables</source>
        <translation>der Tabellenname &quot;%1&quot; beginnt mit &quot;sqlite_&quot;; dieses Präfix reserviert SQLite für eigene Tabellen</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; is %2 bytes long in UTF-8; PostgreSQL keeps only the first 63 bytes: &quot;%3&quot;</source>
        <translation>der Name &quot;%1&quot; ist in UTF-8 %2 Bytes lang; PostgreSQL behält nur die ersten 63 Bytes: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reserved word in %2; Fabrica quotes it, but hand-written SQL must too</source>
        <translation>&quot;%1&quot; ist ein reserviertes Wort in %2; Fabrica setzt es in Anführungszeichen, handgeschriebenes SQL muss das ebenfalls tun</translation>
    </message>
</context>
<context>
    <name>fabrica::TemplateSyntax</name>
    <message>
        <source>a &apos;}&apos; without its &apos;{&apos; (write &quot;}}&quot; for a literal brace)</source>
        <translation>eine &apos;}&apos; ohne zugehörige &apos;{&apos; (schreiben Sie &quot;}}&quot; für eine geschweifte Klammer als Text)</translation>
    </message>
    <message>
        <source>a &apos;{&apos; without its &apos;}&apos; (write &quot;{{&quot; for a literal brace)</source>
        <translation>eine &apos;{&apos; ohne zugehörige &apos;}&apos; (schreiben Sie &quot;{{&quot; für eine geschweifte Klammer als Text)</translation>
    </message>
    <message>
        <source>an empty placeholder &quot;{}&quot;: name a column or a data type</source>
        <translation>ein leerer Platzhalter &quot;{}&quot;: geben Sie eine Spalte oder einen Datentyp an</translation>
    </message>
    <message>
        <source>unknown filter &quot;%1&quot; (filters: %2)</source>
        <translation>unbekannter Filter &quot;%1&quot; (Filter: %2)</translation>
    </message>
</context>
<context>
    <name>fabrica::TypeRegistry</name>
    <message>
        <source>Common key &apos;%1&apos;</source>
        <translation>Gemeinsamer Schlüssel &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key &apos;%2&apos;</source>
        <translation>Typ &apos;%1&apos;, Schlüssel &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Common key %1</source>
        <translation>Gemeinsamer Schlüssel %1</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key %2</source>
        <translation>Typ &apos;%1&apos;, Schlüssel %2</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;</source>
        <translation>Typ &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: not a JSON object.</source>
        <translation>%1: Kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>%1: the name is missing.</source>
        <translation>%1: Der Name fehlt.</translation>
    </message>
    <message>
        <source>%1: the name %2 is not an identifier (a lower-case letter, then letters and digits).</source>
        <translation>%1: Der Name %2 ist kein Bezeichner (ein Kleinbuchstabe, gefolgt von Buchstaben und Ziffern).</translation>
    </message>
    <message>
        <source>%1: unknown field %2.</source>
        <translation>%1: Unbekanntes Feld %2.</translation>
    </message>
    <message>
        <source>%1: the kind is missing.</source>
        <translation>%1: Die Wertart fehlt.</translation>
    </message>
    <message>
        <source>%1: unknown kind %2; the kinds are %3.</source>
        <translation>%1: Unbekannte Wertart %2; die Wertarten sind %3.</translation>
    </message>
    <message>
        <source>%1: the description is missing.</source>
        <translation>%1: Die Beschreibung fehlt.</translation>
    </message>
    <message>
        <source>%1: &quot;required&quot; must be true or false.</source>
        <translation>%1: &quot;required&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: a choice key needs &quot;choices&quot;, a list of distinct strings.</source>
        <translation>%1: Ein Auswahlschlüssel benötigt &quot;choices&quot;, eine Liste unterschiedlicher Zeichenketten.</translation>
    </message>
    <message>
        <source>%1: &quot;choices&quot; is only allowed on choice keys.</source>
        <translation>%1: &quot;choices&quot; ist nur bei Auswahlschlüsseln erlaubt.</translation>
    </message>
    <message>
        <source>%1: &quot;minimum&quot; and &quot;maximum&quot; are only allowed on integer and number keys.</source>
        <translation>%1: &quot;minimum&quot; und &quot;maximum&quot; sind nur bei Ganzzahl- und Zahlenschlüsseln erlaubt.</translation>
    </message>
    <message>
        <source>%1: %2 must be a number.</source>
        <translation>%1: %2 muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>%1: the minimum %2 is greater than the maximum %3.</source>
        <translation>%1: Das Minimum %2 ist größer als das Maximum %3.</translation>
    </message>
    <message>
        <source>%1: a required key must not have a default.</source>
        <translation>%1: Ein Pflichtschlüssel darf keinen Standardwert haben.</translation>
    </message>
    <message>
        <source>%1: the default %2 is not a valid %3.</source>
        <translation>%1: Der Standardwert %2 ist kein gültiger Wert vom Typ %3.</translation>
    </message>
    <message>
        <source>%1: the default %2 is not one of the choices (%3).</source>
        <translation>%1: Der Standardwert %2 gehört nicht zu den Auswahlwerten (%3).</translation>
    </message>
    <message>
        <source>%1: the default %2 is less than the minimum %3.</source>
        <translation>%1: Der Standardwert %2 ist kleiner als das Minimum %3.</translation>
    </message>
    <message>
        <source>%1: the default %2 is greater than the maximum %3.</source>
        <translation>%1: Der Standardwert %2 ist größer als das Maximum %3.</translation>
    </message>
    <message>
        <source>%1: the key is defined twice.</source>
        <translation>%1: Der Schlüssel ist doppelt definiert.</translation>
    </message>
    <message>
        <source>%1: the kind %2 differs from the kind %3 of the common key.</source>
        <translation>%1: Die Wertart %2 weicht von der Wertart %3 des gemeinsamen Schlüssels ab.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 is missing.</source>
        <translation>%1: Der SQL-Typ für %2 fehlt.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 has unpaired braces.</source>
        <translation>%1: Der SQL-Typ für %2 enthält geschweifte Klammern ohne Gegenstück.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not a key of the type.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber der Typ hat keinen solchen Schlüssel.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not an integer or number key.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber das ist kein Ganzzahl- oder Zahlenschlüssel.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which has no default.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber dieser Schlüssel hat keinen Standardwert.</translation>
    </message>
    <message>
        <source>Type #%1</source>
        <translation>Typ #%1</translation>
    </message>
    <message>
        <source>%1: the id is missing.</source>
        <translation>%1: Die ID fehlt.</translation>
    </message>
    <message>
        <source>%1: the id %2 is not made of lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>%1: Die ID %2 besteht nicht aus Kleinbuchstaben, Ziffern und Unterstrichen mit einem Buchstaben am Anfang.</translation>
    </message>
    <message>
        <source>%1: %2 is missing.</source>
        <translation>%1: %2 fehlt.</translation>
    </message>
    <message>
        <source>%1: &quot;keyCapable&quot; must be true or false.</source>
        <translation>%1: &quot;keyCapable&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: a key-capable type needs a &quot;keyFamily&quot;.</source>
        <translation>%1: Ein schlüsselfähiger Typ benötigt eine &quot;keyFamily&quot;.</translation>
    </message>
    <message>
        <source>%1: &quot;keyFamily&quot; is only allowed on key-capable types.</source>
        <translation>%1: &quot;keyFamily&quot; ist nur bei schlüsselfähigen Typen erlaubt.</translation>
    </message>
    <message>
        <source>%1: &quot;keys&quot; must be an array.</source>
        <translation>%1: &quot;keys&quot; muss ein Array sein.</translation>
    </message>
    <message>
        <source>%1: &quot;sql&quot; must be an object with an SQL type per dialect.</source>
        <translation>%1: &quot;sql&quot; muss ein Objekt mit einem SQL-Typ pro Dialekt sein.</translation>
    </message>
    <message>
        <source>%1: SQL type for the unknown dialect %2.</source>
        <translation>%1: SQL-Typ für den unbekannten Dialekt %2.</translation>
    </message>
    <message>
        <source>The type registry is not valid JSON: %1 at offset %2.</source>
        <translation>Das Typverzeichnis ist kein gültiges JSON: %1 bei Offset %2.</translation>
    </message>
    <message>
        <source>The type registry must be a JSON object.</source>
        <translation>Das Typverzeichnis muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The type registry has an unknown field %1.</source>
        <translation>Das Typverzeichnis enthält das unbekannte Feld %1.</translation>
    </message>
    <message>
        <source>The type registry needs an array %1.</source>
        <translation>Das Typverzeichnis benötigt ein Array %1.</translation>
    </message>
    <message>
        <source>The type registry defines no types.</source>
        <translation>Das Typverzeichnis definiert keine Typen.</translation>
    </message>
    <message>
        <source>%1: the id is already used by type #%2.</source>
        <translation>%1: Die ID wird bereits von Typ #%2 verwendet.</translation>
    </message>
</context>
<context>
    <name>fabrica::TypesCommand</name>
    <message>
        <source>List the data types and their constraint keys</source>
        <translation>Die Datentypen und ihre Constraint-Schlüssel auflisten</translation>
    </message>
    <message>
        <source>Print the full reference in Markdown (docs/data-types.md).</source>
        <translation>Die vollständige Referenz in Markdown ausgeben (docs/data-types.md).</translation>
    </message>
</context>
<context>
    <name>fabrica::ValidateCommand</name>
    <message>
        <source>Check schema files and report every problem</source>
        <translation>Schemadateien prüfen und alle Probleme melden</translation>
    </message>
    <message>
        <source>Treat warnings as errors.</source>
        <translation>Warnungen als Fehler behandeln.</translation>
    </message>
    <message>
        <source>Print problems only, not the files that are valid.</source>
        <translation>Nur Probleme ausgeben, keine gültigen Dateien.</translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json) to check.</source>
        <translation>Zu prüfende Schemadateien (*.fabrica.json).</translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation>DATEI...</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>%1: valid (%2 tables, %3 columns%4)</source>
        <translation>%1: gültig (%2 Tabellen, %3 Spalten%4)</translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n Warnung</numerusform>
            <numerusform>, %n Warnungen</numerusform>
        </translation>
    </message>
</context>
</TS>
