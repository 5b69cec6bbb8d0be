#pragma once

#include "ExportOptions.h"
#include "Sink.h"

#include <QCoreApplication>
#include <QList>
#include <QStringView>

#include <memory>

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

    // Every format, in the order menus show them. Names are translated on the first call, so install the
    // translator before.
    static const QList<ExportFormat> &all();
    // The format with this id (case-insensitive), or nullptr.
    static const ExportFormat *find(QStringView id);
    // "Comma-separated values (*.csv);;…" for QFileDialog.
    static QString fileDialogFilters();
};

} // namespace fabrica
