#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica restore FILE [--database URL] [--force]`: puts a backup made by `fabrica backup` into an empty
// storage (or, with --force, in place of a storage's contents) and migrates it to this version.
class RestoreCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RestoreCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
