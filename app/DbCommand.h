#pragma once

#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace fabrica {

// `fabrica db migrate|status|password [--database URL]`: creates or upgrades Fabrica's storage, shows its
// version, or saves a PostgreSQL password encrypted in the settings.
class DbCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DbCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);

private:
    static int savePassword(const QCommandLineParser &parser, bool forget, bool fromStdin);
};

} // namespace fabrica
