#pragma once

#include "ColumnProfiler.h"
#include "ImportReport.h"
#include "ImportedDefinitions.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QDate>

namespace fabrica {

// Puts one schema together from what the files of one folder described: tables from DDL, sample rows
// from INSERTs and CSV files, whole tables from Fabrica schema files. Several files may describe the same
// table (DDL for structure, CSV for samples). Every type choice is reported as a guess.
class SchemaBuilder
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaBuilder)

public:
    // referenceDate is the schema's "now": dates the import guesses end there (invalid: today).
    explicit SchemaBuilder(QString schemaName, qint64 defaultRows = 1000, QDate referenceDate = {});

    void addTables(const QList<ImportedTable> &tables, ImportReport &report);
    // A table of Fabrica's own format, taken as it is.
    void addTable(const Table &table, const SourceLocation &where, ImportReport &report);
    // A column read from a CSV file, with the type its values suggest and its values as samples: it gives a
    // DDL table of the same name its samples (and plain text columns a better type), or makes up a table
    // known only from CSV.
    void addProfiledColumn(const QString &table, const Column &column, const SourceLocation &where);
    // The same with the profile of its values (counts, NULL share): a DDL column follows it through
    // ColumnProfiler::apply, as INSERT rows do.
    void addProfiledColumn(const QString &table, const ColumnProfile &profile, const SourceLocation &where);

    bool isEmpty() const { return m_imported.isEmpty() && m_ready.isEmpty() && m_profiled.isEmpty(); }
    // The schema, validated; validation problems go into the report (errors as errors).
    Schema build(ImportReport &report) const;

private:
    QString m_name;
    qint64 m_defaultRows;
    QDate m_referenceDate;
    QList<ImportedTable> m_imported;
    QList<Table> m_ready;
    QList<QPair<QString, QList<ColumnProfile>>> m_profiled; // table → columns, in order of appearance
    QHash<QString, QList<SourceLocation>> m_profiledWhere;
};

} // namespace fabrica
