#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

// `fabrica users add|list|passwd|role|disable|enable|delete`: user management for headless installs. It
// acts with the storage's own authority (whoever can open the database file or knows its URL is the
// operator), which is how the first Admin is created without a default account.
class UsersCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::UsersCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);
};

} // namespace fabrica
