#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica validate FILE...`: reads each schema file and prints every problem as
// "file:line:column: table.column: message"; exit code 1 when any file has an error.
class ValidateCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ValidateCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
