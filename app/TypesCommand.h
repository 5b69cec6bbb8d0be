#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica types [--markdown]`: lists the data types, or prints docs/data-types.md.
class TypesCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::TypesCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
