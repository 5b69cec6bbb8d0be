#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica format [--check] FILE...`: rewrites schema files in the canonical layout (the one the app
// writes), or with --check only reports the files that are not in it.
class FormatCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::FormatCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
