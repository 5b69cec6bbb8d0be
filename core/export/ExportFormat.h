#pragma once

#include "ExportOptions.h"
#include "Sink.h"

#include <QCoreApplication>
#include <QList>
#include <QStringView>

#include <memory>
#include <optional>

namespace fabrica {

// One export file format as the CLI, the GUI's file dialogs and the API offer it (STYLE.md habit 7).
struct ExportFormat
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ExportFormat)

public:
    QString id;        // stable, for the command line and the API: "csv", "tsv", "json", "ndjson", "sql"
    QString name;      // for people, translated
    QString extension; // without the dot
    bool needsDialect = false; // reads ExportOptions::dialect
    std::unique_ptr<Sink> (*create)(const ExportOptions &options) = nullptr;
    // Its files of the shards of a generation (--shard K/N), concatenated, are the whole's byte for byte:
    // rows stand on their own, with at most a header in front (CSV, TSV, NDJSON). A JSON array or a SQL
    // script frames its rows and cannot be cut.
    bool concatenates = false;

    // Every format, in the order menus show them. Names are translated on the first call, so install the
    // translator before.
    static const QList<ExportFormat> &all();
    // The format with this id (case-insensitive), or nullptr.
    static const ExportFormat *find(QStringView id);
    // ".csv", or ".csv.gz" when compressed: how the files of this format end.
    QString suffix(bool gzip) const;
    // "Comma-separated values (*.csv)", or "Comma-separated values, gzip-compressed (*.csv.gz)".
    QString fileDialogFilter(bool gzip) const;

    // Every format, plain and then gzip-compressed, one filter each ("…(*.csv);;…(*.csv.gz);;…") for
    // QFileDialog.
    static QString fileDialogFilters();

    // A format and whether its files are gzip-compressed: what a file name or a file-dialog filter asks
    // for.
    struct FileType
    {
        const ExportFormat *format = nullptr;
        bool gzip = false;
    };
    // By the name's suffix (".csv", ".CSV.gz"), or nullopt when it has none of ours.
    static std::optional<FileType> fromFileName(QStringView fileName);
    // By one filter of fileDialogFilters(), or nullopt.
    static std::optional<FileType> fromFileDialogFilter(QStringView filter);
    // "csv, tsv, ndjson": the ids of the formats that concatenate, for messages.
    static QString concatenatingIds();
};

} // namespace fabrica
