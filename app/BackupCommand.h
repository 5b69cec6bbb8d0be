#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica backup --out FILE [--database URL]`: a consistent copy of Fabrica's storage in one file (SQLite's
// online backup API, or pg_dump -Fc for PostgreSQL storage), taken while the storage is in use.
class BackupCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::BackupCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
