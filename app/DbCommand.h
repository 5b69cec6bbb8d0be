#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica db migrate|status [--database URL]`: creates or upgrades Fabrica's storage, or shows its version.
class DbCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DbCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
