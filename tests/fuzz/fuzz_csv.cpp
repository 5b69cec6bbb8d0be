// libFuzzer target for the CSV reader and the column profiler: no input may crash them, exceed a cap, or
// produce a column Fabrica's validator rejects or its engine cannot compile. Inputs whose first byte is odd
// run with tiny caps, so that the cap paths are fuzzed too.
#include "generate/Plan.h"
#include "import/ColumnProfiler.h"
#include "import/CsvReader.h"
#include "types/TypeRegistry.h"
#include "validate/SchemaValidator.h"

#include <QByteArray>
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
        std::fprintf(stderr, "fuzz_csv: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    TypeRegistry::instance(); // load once, outside the inputs' time
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    CsvOptions options;
    QString fileName = QStringLiteral("fuzz.csv");
    if (size > 0 && (data[0] & 1)) {
        options.maxRows = 4;
        options.maxColumns = 5;
        options.maxFieldLength = 6;
        options.maxCells = 12;
        options.maxProblemLines = 2;
        if (data[0] & 2)
            fileName = QStringLiteral("fuzz.tsv");
    }
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    ImportReport report;
    Result<CsvTable> read = CsvReader(options).read(fileName, text, report);
    if (!read) {
        check(!read.error().message.isEmpty(), "an error without a message");
        return 0;
    }
    const CsvTable &table = read.value();
    const qsizetype columns = table.header.size();
    check(columns >= 1 && columns <= options.maxColumns, "header width");
    QSet<QString> names;
    for (const QString &name : table.header) {
        check(!name.isEmpty() && name == name.trimmed(), "an empty or untrimmed column name");
        check(!names.contains(name.toLower()), "a duplicate column name");
        names.insert(name.toLower());
    }
    check(table.rows.size() <= options.maxRows && table.rows.size() <= table.dataRows, "row cap");
    check(table.rows.size() * columns <= std::max<qint64>(options.maxCells, columns), "cell cap");
    for (const CsvTable::Row &row : table.rows) {
        check(row.size() == columns, "a kept row of the wrong width");
        for (const std::optional<QString> &field : row)
            check(!field || field->size() <= options.maxFieldLength, "field cap");
    }

    const QList<ColumnProfile> profiles =
        ColumnProfiler().profile(table, fileName, QStringLiteral("t"), report);
    check(profiles.size() == columns, "one profile per column");
    Table generated{QStringLiteral("t"), {}, 20, {}};
    int index = 0;
    for (const ColumnProfile &profile : profiles) {
        check(TypeRegistry::instance().find(profile.fabricaType) != nullptr, "an unknown type");
        check(profile.nullPercent >= 0 && profile.nullPercent <= 100, "nullPercent out of range");
        check(profile.samples.size() <= 50, "sample cap");
        check(!profile.reason.isEmpty(), "no reason");
        Column column = profile.column();
        column.name = QStringLiteral("c%1").arg(++index); // the header's names are the mapper's business
        generated.columns.append(column);
    }
    Schema schema;
    schema.name = QStringLiteral("fuzz");
    schema.tables.append(generated);
    for (const Problem &problem : SchemaValidator().validate(schema)) {
        if (problem.isError()) {
            std::fprintf(stderr, "fuzz_csv: %s: %s\n", qPrintable(problem.path), qPrintable(problem.message));
            std::abort();
        }
    }
    const auto plan = Plan::compile(schema, Plan::Options{1, {}});
    if (!plan) {
        std::fprintf(stderr, "fuzz_csv: %s\n", qPrintable(plan.error().toString()));
        std::abort();
    }
    TableChunk chunk;
    (*plan)->fillChunk(0, 0, 20, chunk);
    return 0;
}
