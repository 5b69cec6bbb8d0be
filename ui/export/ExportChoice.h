#pragma once

#include "export/ExportOptions.h"

#include <QStringList>

namespace fabrica {

// What File → Export… settled on: a format and the options for its sink, ready for
// ExportFormat::find(formatId)->create(options).
struct ExportChoice
{
    QString formatId; // an ExportFormat id: "csv", "tsv", "json", "ndjson", "sql"
    // path is the file for a one-file export (singleFile), the folder for a per-table one.
    ExportOptions options;
    QStringList files; // the files the export writes, as the options dialog previewed them
};

} // namespace fabrica
