#include "ExportFormat.h"

#include "CsvSink.h"
#include "JsonSink.h"
#include "NdjsonSink.h"
#include "SqlSink.h"

namespace fabrica {

namespace {

template<typename S> std::unique_ptr<Sink> make(const ExportOptions &options)
{
    return std::make_unique<S>(options);
}

std::unique_ptr<Sink> makeTsv(const ExportOptions &options)
{
    ExportOptions tsv = options;
    tsv.delimiter = '\t';
    return std::make_unique<CsvSink>(std::move(tsv));
}

} // namespace

const QList<ExportFormat> &ExportFormat::all()
{
    static const QList<ExportFormat> formats = {
        {QStringLiteral("csv"), tr("Comma-separated values"), QStringLiteral("csv"), false, &make<CsvSink>},
        {QStringLiteral("tsv"), tr("Tab-separated values"), QStringLiteral("tsv"), false, &makeTsv},
        {QStringLiteral("json"), tr("JSON"), QStringLiteral("json"), false, &make<JsonSink>},
        {QStringLiteral("ndjson"), tr("Newline-delimited JSON"), QStringLiteral("ndjson"), false,
         &make<NdjsonSink>},
        {QStringLiteral("sql"), tr("SQL script"), QStringLiteral("sql"), true, &make<SqlSink>},
    };
    return formats;
}

const ExportFormat *ExportFormat::find(QStringView id)
{
    for (const ExportFormat &format : all()) {
        if (id.compare(format.id, Qt::CaseInsensitive) == 0)
            return &format;
    }
    return nullptr;
}

QString ExportFormat::fileDialogFilters()
{
    QStringList filters;
    for (const ExportFormat &format : all())
        filters << tr("%1 (*.%2)").arg(format.name, format.extension);
    return filters.join(QStringLiteral(";;"));
}

} // namespace fabrica
