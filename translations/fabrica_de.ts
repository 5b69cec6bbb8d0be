<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>fabrica::CommandLine</name>
    <message>
        <source>fabrica: unknown command &quot;%1&quot;; `fabrica --help` lists the commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: fabrica [COMMAND] [OPTIONS]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fabrica generates realistic synthetic test data from database schemas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a command it opens the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`fabrica COMMAND --help` describes a command.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintChecker</name>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2 (accepted: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2; did you mean &quot;%3&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type %1 needs the constraint &quot;%2&quot; (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nullPercent is %1, but the column is %2 and can hold no NULLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cardinality applies to foreign keys only: add &quot;references&quot; or remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constraint &quot;%1&quot; must be %2, found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 such as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array of numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;table.column&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is greater than %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values is empty: list at least one value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values lists &quot;%1&quot; more than once; use weights to make a value more likely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights needs values: one weight per value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights has %1 entries but values has %2; give one weight per value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight #%1 (%2) is negative; weights must be 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all weights are 0, so no value can be chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distribution needs &quot;name&quot;: one of %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distribution %1 takes no parameters, found &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distribution %1 takes %2, found &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of distribution %2 must be %3, found %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number greater than 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} or {&quot;distribution&quot;: {…}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} with whole numbers a ≥ 0 or {&quot;distribution&quot;: {…}}, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cardinality min (%1) is greater than max (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template, character %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template refers to its own column &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type; did you mean {%3}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fields is empty: name at least one field with its {&quot;type&quot;: …}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &quot;%1&quot; needs {&quot;type&quot;: …} with a known data type, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &quot;%1&quot; may hold only &quot;type&quot; and a &quot;constraints&quot; object, found &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::FormatCommand</name>
    <message>
        <source>Rewrite schema files in the canonical layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change nothing; list the files that are not canonical and exit with 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fabrica format: name at least one schema file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not in the canonical layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: rewritten</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::MainWindow</name>
    <message>
        <source>Fabrica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a schema file (*.fabrica.json) to see its tables and columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Fabrica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n table(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Open Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fabrica schemas (*.fabrica.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Fabrica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fabrica %1&lt;/h3&gt;&lt;p&gt;Realistic synthetic test data from database schemas.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFile</name>
    <message>
        <source>unknown property &quot;%1&quot; in %2 (expected one of: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the string %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a column must be an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column #%1 of table &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;constraints&quot; must be an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;samples&quot; must be an array of strings, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample #%1 must be a string, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a table must be an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;rows&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rows&quot; must be a whole number from 0 to 2^53, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;columns&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;columns&quot; must be an array, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Fabrica schema file: &quot;format&quot; must be &quot;%1&quot;, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number from 1, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has format version %1, but this Fabrica reads up to version %2; open it with a newer Fabrica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;schema&quot; must be an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;created&quot; must be an ISO 8601 date and time with a time zone, such as &quot;2026-11-25T12:00:00Z&quot;, found &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the schema has no &quot;tables&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;tables&quot; must be an array, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Fabrica schema file: the top level must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFileArgument</name>
    <message>
        <source>%1: cannot open the file: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaValidator</name>
    <message>
        <source>%1 name &quot;%2&quot; is used more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 name &quot;%2&quot; differs from &quot;%3&quot; only in case; PostgreSQL folds unquoted names and MySQL on Windows and macOS ignores case, so give them distinct names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names &quot;%2&quot; and &quot;%3&quot; are the same after PostgreSQL truncates them to 63 bytes (&quot;%4&quot;); shorten one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; `fabrica types` lists them all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; did you mean &quot;%2&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema name &quot;%1&quot; starts with &quot;pg_&quot;, which PostgreSQL reserves for system schemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown locale &quot;%1&quot; (locales: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the schema has no tables yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows must be 0 or more, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type %1 cannot be %2; key columns need a type with a large domain such as sequence, integer, uuid or string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a foreign key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist; did you mean &quot;%2&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references column &quot;%1&quot; of table &quot;%2&quot;, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references itself; a foreign key must point at another column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references %1, which is only part of a composite primary key and not unique on its own; mark it unique or reference another column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references %1, which is neither the primary key nor unique; mark it &quot;primaryKey&quot; or &quot;unique&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>foreign key type mismatch: %1 is %2 but %3 is %4; use type foreign_key or a type of the same kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references its own table and is NOT NULL, so the first row has nothing to refer to; make it nullable (remove notNull)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT NULL foreign keys form a cycle (%1), so no table in it can get its first row; make one of these columns nullable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::SqlIdentifier</name>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains the control character %2 at position %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; starts with white space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; ends with white space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a double quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a backtick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains &apos;.&apos;, which SQL tools read as a schema qualifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table name &quot;%1&quot; starts with &quot;sqlite_&quot;, which SQLite reserves for its own tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &quot;%1&quot; is %2 bytes long in UTF-8; PostgreSQL keeps only the first 63 bytes: &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reserved word in %2; Fabrica quotes it, but hand-written SQL must too</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::TemplateSyntax</name>
    <message>
        <source>a &apos;}&apos; without its &apos;{&apos; (write &quot;}}&quot; for a literal brace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;{&apos; without its &apos;}&apos; (write &quot;{{&quot; for a literal brace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an empty placeholder &quot;{}&quot;: name a column or a data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown filter &quot;%1&quot; (filters: %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::TypeRegistry</name>
    <message>
        <source>Common key &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the name %2 is not an identifier (a lower-case letter, then letters and digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown field %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the kind is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown kind %2; the kinds are %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the description is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;required&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a choice key needs &quot;choices&quot;, a list of distinct strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;choices&quot; is only allowed on choice keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;minimum&quot; and &quot;maximum&quot; are only allowed on integer and number keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the minimum %2 is greater than the maximum %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a required key must not have a default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the default %2 is not a valid %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the default %2 is not one of the choices (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the default %2 is less than the minimum %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the default %2 is greater than the maximum %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the key is defined twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the kind %2 differs from the kind %3 of the common key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 has unpaired braces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not a key of the type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not an integer or number key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which has no default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the id is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the id %2 is not made of lower-case letters, digits and underscores, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;keyCapable&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a key-capable type needs a &quot;keyFamily&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;keyFamily&quot; is only allowed on key-capable types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;keys&quot; must be an array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;sql&quot; must be an object with an SQL type per dialect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: SQL type for the unknown dialect %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type registry is not valid JSON: %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type registry must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type registry has an unknown field %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type registry needs an array %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type registry defines no types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the id is already used by type #%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fabrica::ValidateCommand</name>
    <message>
        <source>Check schema files and report every problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat warnings as errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print problems only, not the files that are valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json) to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fabrica validate: name at least one schema file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: valid (%2 tables, %3 columns%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
