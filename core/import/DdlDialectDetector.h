#pragma once

#include "sql/SqlDialect.h"

#include <QString>
#include <QStringList>

namespace fabrica {

// Tells which dialect an SQL file is written in by the marks only one dialect leaves: backticks,
// AUTO_INCREMENT and ENGINE= for MySQL; SERIAL, $$, :: and pg_catalog for PostgreSQL; AUTOINCREMENT,
// WITHOUT ROWID and PRAGMA for SQLite. PostgreSQL when nothing tells.
class DdlDialectDetector
{
public:
    struct Detected
    {
        SqlDialect dialect = SqlDialect::PostgreSQL;
        QStringList marks; // what decided it, as found in the text; empty when nothing did
    };

    static Detected detect(const QString &text);
};

} // namespace fabrica
