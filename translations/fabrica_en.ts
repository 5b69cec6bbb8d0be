<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fabrica::ColumnMapper</name>
    <message numerus="yes">
        <source>enum of %n value(s), equally weighted (from the type or a CHECK)</source>
        <translation>
            <numerusform>enum of %n value, equally weighted (from the type or a CHECK)</numerusform>
            <numerusform>enum of %n values, equally weighted (from the type or a CHECK)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnProfiler</name>
    <message numerus="yes">
        <source>%n sample value(s)</source>
        <translation>
            <numerusform>%n sample value</numerusform>
            <numerusform>%n sample values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnStatisticsChart</name>
    <message numerus="yes">
        <source>Other (%n values)</source>
        <translation>
            <numerusform>Other (%n value)</numerusform>
            <numerusform>Other (%n values)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnTableModel</name>
    <message numerus="yes">
        <source>Move %n column(s)</source>
        <translation>
            <numerusform>Move %n column</numerusform>
            <numerusform>Move %n columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintSummary</name>
    <message numerus="yes">
        <source>%1, … %n more</source>
        <translation>
            <numerusform>%1, … %n more</numerusform>
            <numerusform>%1, … %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::DdlInsertReader</name>
    <message numerus="yes">
        <source>INSERT INTO %1: %n row(s) with expressions skipped; samples take literal values only</source>
        <translation>
            <numerusform>INSERT INTO %1: %n row with expressions skipped; samples take literal values only</numerusform>
            <numerusform>INSERT INTO %1: %n rows with expressions skipped; samples take literal values only</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>INSERT INTO %1: %n row(s) skipped whose values do not match the columns</source>
        <translation>
            <numerusform>INSERT INTO %1: %n row skipped whose values do not match the columns</numerusform>
            <numerusform>INSERT INTO %1: %n rows skipped whose values do not match the columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>INSERT INTO %1: %n more row(s) not kept; %2 sample rows per table are enough</source>
        <translation>
            <numerusform>INSERT INTO %1: %n more row not kept; %2 sample rows per table are enough</numerusform>
            <numerusform>INSERT INTO %1: %n more rows not kept; %2 sample rows per table are enough</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ExportOptionsDialog</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writes %n file(s) into %1: %2</source>
        <translation>
            <numerusform>Writes %n file into %1: %2</numerusform>
            <numerusform>Writes %n files into %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaces %n file(s) that exist already.</source>
        <translation>
            <numerusform>Replaces %n file that exists already.</numerusform>
            <numerusform>Replaces %n files that exist already.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::GeneratePanel</name>
    <message numerus="yes">
        <source>%1; values shortened in %n column(s), see the Generate panel</source>
        <translation>
            <numerusform>%1; values shortened in %n column, see the Generate panel</numerusform>
            <numerusform>%1; values shortened in %n columns, see the Generate panel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 value(s) shortened to fit the column&apos;s declared size</source>
        <translation>
            <numerusform>%1: %2 value shortened to fit the column&apos;s declared size</numerusform>
            <numerusform>%1: %2 values shortened to fit the column&apos;s declared size</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 value(s) shortened to fit %3</source>
        <translation>
            <numerusform>%1: %2 value shortened to fit %3</numerusform>
            <numerusform>%1: %2 values shortened to fit %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportCommand</name>
    <message numerus="yes">
        <source>fabrica import: nothing was imported (%n error(s), %1 refused)</source>
        <translation>
            <numerusform>fabrica import: nothing was imported (%n error, %1 refused)</numerusform>
            <numerusform>fabrica import: nothing was imported (%n errors, %1 refused)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>dry run: %n schema(s) understood, nothing stored</source>
        <translation>
            <numerusform>dry run: %n schema understood, nothing stored</numerusform>
            <numerusform>dry run: %n schemas understood, nothing stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stored schema &quot;%1&quot; (id %2, %n table(s)) for %3</source>
        <translation>
            <numerusform>stored schema &quot;%1&quot; (id %2, %n table) for %3</numerusform>
            <numerusform>stored schema &quot;%1&quot; (id %2, %n tables) for %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportFlow</name>
    <message numerus="yes">
        <source>Added %n table(s) to %1.</source>
        <translation>
            <numerusform>Added %n table to %1.</numerusform>
            <numerusform>Added %n tables to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n schema(s).</source>
        <translation>
            <numerusform>Imported %n schema.</numerusform>
            <numerusform>Imported %n schemas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportIntoSchemaCommand</name>
    <message numerus="yes">
        <source>Import %n table(s) from %1</source>
        <translation>
            <numerusform>Import %n table from %1</numerusform>
            <numerusform>Import %n tables from %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportPreviewDialog</name>
    <message numerus="yes">
        <source>%n schema(s)</source>
        <translation>
            <numerusform>%n schema</numerusform>
            <numerusform>%n schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guess(es)</source>
        <translation>
            <numerusform>%n guess</numerusform>
            <numerusform>%n guesses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the report for %n more problem(s).</source>
        <translation>
            <numerusform>See the report for %n more problem.</numerusform>
            <numerusform>See the report for %n more problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the tables of one schema can be added; this import made %n schema(s)</source>
        <translation>
            <numerusform>Only the tables of one schema can be added; this import made %n schema</numerusform>
            <numerusform>Only the tables of one schema can be added; this import made %n schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have stored a schema of this name already: %1</source>
        <translation>
            <numerusform>You have stored a schema of this name already: %1</numerusform>
            <numerusform>You have stored a schema of this name already: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The import holds more than one schema of this name: %1</source>
        <translation>
            <numerusform>The import holds more than one schema of this name: %1</numerusform>
            <numerusform>The import holds more than one schema of this name: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Storing %n schema(s)…</source>
        <translation>
            <numerusform>Storing %n schema…</numerusform>
            <numerusform>Storing %n schemas…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportSchemaModel</name>
    <message numerus="yes">
        <source>%n sample value(s)</source>
        <translation>
            <numerusform>%n sample value</numerusform>
            <numerusform>%n sample values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%L1 rows, %n column(s)</source>
        <translation>
            <numerusform>%L1 rows, %n column</numerusform>
            <numerusform>%L1 rows, %n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportService</name>
    <message numerus="yes">
        <source>Fabrica schema &quot;%1&quot;: %n table(s)</source>
        <translation>
            <numerusform>Fabrica schema &quot;%1&quot;: %n table</numerusform>
            <numerusform>Fabrica schema &quot;%1&quot;: %n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 DDL: %n table(s)</source>
        <translation>
            <numerusform>%1 DDL: %n table</numerusform>
            <numerusform>%1 DDL: %n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>schema &quot;%1&quot;: %n table(s)</source>
        <translation>
            <numerusform>schema &quot;%1&quot;: %n table</numerusform>
            <numerusform>schema &quot;%1&quot;: %n tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::MainWindow</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fabrica was closed with unsaved changes in %n schema(s).</source>
        <translation>
            <numerusform>Fabrica was closed with unsaved changes in %n schema.</numerusform>
            <numerusform>Fabrica was closed with unsaved changes in %n schemas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SamplesEditor</name>
    <message numerus="yes">
        <source>Delete %n sample(s)</source>
        <translation>
            <numerusform>Delete %n sample</numerusform>
            <numerusform>Delete %n samples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n value(s).</source>
        <translation>
            <numerusform>Pasted %n value.</numerusform>
            <numerusform>Pasted %n values.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n sample(s)</source>
        <translation>
            <numerusform>Paste %n sample</numerusform>
            <numerusform>Paste %n samples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n column(s); choose the one to take the samples from.</source>
        <translation>
            <numerusform>%1 has %n column; choose the one to take the samples from.</numerusform>
            <numerusform>%1 has %n columns; choose the one to take the samples from.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaEditor</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaTreeModel</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SessionRoutes</name>
    <message numerus="yes">
        <source>Too many failed sign-ins for this account or from this address; try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins for this account or from this address; try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins for this account or from this address; try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SettingsDialog</name>
    <message numerus="yes">
        <source>This computer runs %n thread(s) at once.</source>
        <translation>
            <numerusform>This computer runs %n thread at once.</numerusform>
            <numerusform>This computer runs %n threads at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::SizeLimit</name>
    <message numerus="yes">
        <source>the column is unique and holds at most %n character(s), but type %1 makes &quot;%2&quot; (row %3); unique values are never shortened, as that could repeat them: choose a type with shorter values (e.g. a pattern), widen the column, or generate fewer rows</source>
        <translation>
            <numerusform>the column is unique and holds at most %n character, but type %1 makes &quot;%2&quot; (row %3); unique values are never shortened, as that could repeat them: choose a type with shorter values (e.g. a pattern), widen the column, or generate fewer rows</numerusform>
            <numerusform>the column is unique and holds at most %n characters, but type %1 makes &quot;%2&quot; (row %3); unique values are never shortened, as that could repeat them: choose a type with shorter values (e.g. a pattern), widen the column, or generate fewer rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::StoragePage</name>
    <message numerus="yes">
        <source>Applied %n migration(s) to %1; the storage is at version %2.</source>
        <translation>
            <numerusform>Applied %n migration to %1; the storage is at version %2.</numerusform>
            <numerusform>Applied %n migrations to %1; the storage is at version %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::TableEditor</name>
    <message numerus="yes">
        <source>Duplicate %n column(s)</source>
        <translation>
            <numerusform>Duplicate %n column</numerusform>
            <numerusform>Duplicate %n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n column(s)</source>
        <translation>
            <numerusform>Delete %n column</numerusform>
            <numerusform>Delete %n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n column(s)</source>
        <translation>
            <numerusform>Move %n column</numerusform>
            <numerusform>Move %n columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::UsersModel</name>
    <message numerus="yes">
        <source>Sign-in pauses after %n failed attempt(s) until %1; a password reset ends the pause.</source>
        <translation>
            <numerusform>Sign-in pauses after %n failed attempt until %1; a password reset ends the pause.</numerusform>
            <numerusform>Sign-in pauses after %n failed attempts until %1; a password reset ends the pause.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ValidateCommand</name>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n warning</numerusform>
            <numerusform>, %n warnings</numerusform>
        </translation>
    </message>
</context>
</TS>
