#pragma once

#include "sql/SqlDialect.h"

#include <QString>

namespace fabrica {

// Everything a user can choose about an export; each sink reads the part that concerns it.
struct ExportOptions
{
    QString path; // a directory (one file per table) or, with singleFile, the file
    bool singleFile = false;
    bool gzip = false;

    // CSV and TSV (RFC 4180)
    char delimiter = ',';
    char quote = '"';
    bool header = true;
    QString nullText; // how NULL is written; empty by default (an empty string is then quoted)
    QString lineEnding = QStringLiteral("\n");
    bool formulaGuard = false; // prefix text starting with = + - @ tab or CR with ' (spreadsheet injection)

    // JSON: an object of tables ({"t": [...], ...}) in one file, or one array per table file
    bool pretty = false;

    // SQL
    SqlDialect dialect = SqlDialect::PostgreSQL;
    bool createTables = true;
    int batchRows = 500; // rows per INSERT statement

    // Set by GenerationRunner for a shard (GenerationRequest::shard), never by people: a shard's files hold
    // only its part, so what opens a file (a CSV header) is written by the first shard alone and what
    // closes one by the last, and the shards' files concatenated are the whole's.
    bool opensFiles = true;
    bool closesFiles = true;
};

} // namespace fabrica
