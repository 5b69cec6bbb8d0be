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
        {QStringLiteral("csv"), tr("Comma-separated values"), QStringLiteral("csv"), false, &make<CsvSink>,
         true},
        {QStringLiteral("tsv"), tr("Tab-separated values"), QStringLiteral("tsv"), false, &makeTsv, true},
        {QStringLiteral("json"), tr("JSON"), QStringLiteral("json"), false, &make<JsonSink>},
        {QStringLiteral("ndjson"), tr("Newline-delimited JSON"), QStringLiteral("ndjson"), false,
         &make<NdjsonSink>, true},
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

QString ExportFormat::concatenatingIds()
{
    QStringList ids;
    for (const ExportFormat &format : all()) {
        if (format.concatenates)
            ids << format.id;
    }
    return ids.join(QLatin1String(", "));
}

QString ExportFormat::suffix(bool gzip) const
{
    return QLatin1Char('.') + extension + (gzip ? QStringLiteral(".gz") : QString());
}

QString ExportFormat::fileDialogFilter(bool gzip) const
{
    return gzip ? tr("%1, gzip-compressed (*%2)").arg(name, suffix(true))
                : tr("%1 (*%2)").arg(name, suffix(false));
}

QString ExportFormat::fileDialogFilters()
{
    QStringList filters;
    for (const ExportFormat &format : all())
        filters << format.fileDialogFilter(false) << format.fileDialogFilter(true);
    return filters.join(QStringLiteral(";;"));
}

std::optional<ExportFormat::FileType> ExportFormat::fromFileName(QStringView fileName)
{
    for (const ExportFormat &format : all()) {
        for (const bool gzip : {true, false}) {
            if (fileName.endsWith(format.suffix(gzip), Qt::CaseInsensitive))
                return FileType{&format, gzip};
        }
    }
    return std::nullopt;
}

std::optional<ExportFormat::FileType> ExportFormat::fromFileDialogFilter(QStringView filter)
{
    for (const ExportFormat &format : all()) {
        for (const bool gzip : {false, true}) {
            if (filter == format.fileDialogFilter(gzip))
                return FileType{&format, gzip};
        }
    }
    return std::nullopt;
}

} // namespace fabrica
