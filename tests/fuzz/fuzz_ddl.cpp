// libFuzzer target for the SQL DDL parser: no input, read as UTF-8 in any dialect, may crash it, hang it,
// or give tables whose keys, foreign keys or sample rows name columns that are not there.
#include "import/DdlInsertReader.h"
#include "import/DdlParser.h"

#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fabrica;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_ddl: %s\n", what);
        std::abort();
    }
}

bool names(const ImportedTable &table, const QStringList &columns)
{
    for (const QString &column : columns) {
        if (table.columnIndex(column) < 0)
            return false;
    }
    return true;
}

void verify(const DdlParser::Result &result, const ImportReport &report, const QString &fileName)
{
    for (const ImportReport::Line &line : report.lines()) {
        check(line.where.file == fileName, "a report line without the file name");
        check(!line.message.isEmpty(), "an empty report line");
        check(line.level != ImportReport::Level::Error || line.where.line > 0, "an error without a line");
    }
    for (const ImportedTable &table : result.tables) {
        check(!table.name.isEmpty(), "a table without a name");
        QSet<QString> seen;
        for (const ImportedColumn &column : table.columns) {
            check(!column.name.isEmpty(), "a column without a name");
            check(!seen.contains(column.name), "a column defined twice");
            seen.insert(column.name);
        }
        check(names(table, table.primaryKey), "a primary key on a missing column");
        for (const QStringList &key : table.uniqueKeys)
            check(!key.isEmpty() && names(table, key), "a unique key on a missing column");
        for (const ImportedForeignKey &key : table.foreignKeys) {
            check(!key.columns.isEmpty() && names(table, key.columns), "a foreign key on a missing column");
            check(!key.referencedTable.isEmpty(), "a foreign key to no table");
            check(key.referencedColumns.isEmpty() || key.referencedColumns.size() == key.columns.size(),
                  "a foreign key with unequal sides");
        }
        check(table.sampleRows.size() <= DdlInsertReader::maxSampleRows, "too many sample rows");
        for (const auto &row : table.sampleRows)
            check(row.size() == table.sampleColumns.size(), "a sample row of the wrong width");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0; // larger inputs find nothing new and slow the search
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString fileName = QStringLiteral("fuzz.sql");
    {
        ImportReport report;
        verify(DdlParser::parse(text, fileName, report), report, fileName);
    }
    // Each dialect lexes differently (comments, quotes, escapes), so each gets the same bytes.
    for (const SqlDialect dialect : allSqlDialects()) {
        ImportReport report;
        verify(DdlParser::parse(text, fileName, report, dialect), report, fileName);
    }
    return 0;
}
