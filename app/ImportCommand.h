#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica import FILE [--dry-run] [--out PATH] [--database URL] [--user NAME] [--on-conflict …]`: imports a
// ZIP, .sql, .csv/.tsv or .fabrica.json, prints the report, and stores the schemas (or writes them as files).
class ImportCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ImportCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
