#include "UsersCommand.h"

#include "StorageArgument.h"
#include "Terminal.h"
#include "auth/AuthService.h"
#include "auth/SecretBytes.h"
#include "storage/StoragePaths.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

namespace {} // namespace

QString UsersCommand::summary()
{
    return tr("Manage users: add, list, passwd, role, disable, enable, delete");
}

int UsersCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        summary() + QLatin1Char('\n') +
        tr("  add NAME [--admin] [--email ADDRESS]   create a user (the first one must be an --admin)\n"
           "  list                                  list the users\n"
           "  passwd NAME                           set a user's password\n"
           "  role NAME admin|user                  set a user's role\n"
           "  disable NAME, enable NAME             stop or allow a user's sign-in\n"
           "  delete NAME                           delete a user and their schemas\n"
           "Passwords are asked for on the terminal, or read as one line from standard input with "
           "--password-stdin."));
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption admin(QStringLiteral("admin"), tr("add: make the user an administrator."));
    const QCommandLineOption email(QStringLiteral("email"), tr("add: the user's e-mail address."),
                                   tr("ADDRESS"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           tr("Read the password as one line from standard input."));
    parser.addOptions({admin, email, passwordStdin});
    parser.addPositionalArgument(QStringLiteral("action"), tr("What to do (see above)."),
                                 tr("ACTION [NAME] [ROLE]"));
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    static const QHash<QString, int> kArity{{QStringLiteral("add"), 2},     {QStringLiteral("list"), 1},
                                            {QStringLiteral("passwd"), 2},  {QStringLiteral("role"), 3},
                                            {QStringLiteral("disable"), 2}, {QStringLiteral("enable"), 2},
                                            {QStringLiteral("delete"), 2}};
    if (!kArity.contains(action) || positional.size() != kArity.value(action)) {
        err << tr("fabrica users: unexpected arguments; `fabrica users --help` lists the actions")
            << Qt::endl;
        return 2;
    }
    std::unique_ptr<Repository> storage = StorageArgument::open(parser);
    if (!storage)
        return 1;
    Result<AuthService> auth = AuthService::create(*storage, StoragePaths::tokenSecretFile());
    if (!auth) {
        err << auth.error().toString() << Qt::endl;
        return 1;
    }
    const Actor operatorActor = Actor::systemActor();
    auto fail = [&err](const Error &error) {
        err << tr("fabrica users: %1").arg(error.message) << Qt::endl;
        return 1;
    };
    auto askPassword = [&](const QString &name) {
        return fabrica::askPassword(tr("fabrica users"), tr("New password for %1: ").arg(name),
                                    parser.isSet(passwordStdin), true);
    };

    if (action == QLatin1String("list")) {
        const Result<QList<UserRecord>> users = auth->users(operatorActor);
        if (!users)
            return fail(users.error());
        out << QStringLiteral("%1  %2  %3  %4  %5")
                   .arg(tr("id"), 4)
                   .arg(tr("user"), -20)
                   .arg(tr("role"), -6)
                   .arg(tr("state"), -9)
                   .arg(tr("e-mail"))
            << Qt::endl;
        for (const UserRecord &user : *users)
            out << QStringLiteral("%1  %2  %3  %4  %5")
                       .arg(user.id, 4)
                       .arg(user.username, -20)
                       .arg(roleId(user.role), -6)
                       .arg(user.disabled ? tr("disabled") : tr("active"), -9)
                       .arg(user.email)
                << Qt::endl;
        return 0;
    }

    const QString name = positional.value(1);
    if (action == QLatin1String("add")) {
        const bool first = auth->needsFirstAdmin();
        if (first && !parser.isSet(admin)) {
            err << tr("fabrica users: the first user must be an administrator; add --admin") << Qt::endl;
            return 1;
        }
        const std::optional<QByteArray> password = askPassword(name);
        if (!password)
            return 1;
        SecretBytes secret{*password};
        const Result<UserRecord> created =
            auth->createUser(operatorActor, name, parser.value(email), secret.bytes,
                             parser.isSet(admin) ? Role::Admin : Role::User);
        if (!created)
            return fail(created.error());
        out << tr("created %1 (%2), id %3").arg(created->username, roleId(created->role)).arg(created->id)
            << Qt::endl;
        return 0;
    }

    const Result<UserRecord> user = auth->userByName(operatorActor, name);
    if (!user)
        return fail(makeError(user.error().code, tr("no user called \"%1\"").arg(name)));
    Result<void> done;
    QString message;
    if (action == QLatin1String("passwd")) {
        const std::optional<QByteArray> password = askPassword(user->username);
        if (!password)
            return 1;
        SecretBytes secret{*password};
        done = auth->setPassword(operatorActor, user->id, secret.bytes);
        message = tr("password of %1 changed; their sessions have ended").arg(user->username);
    } else if (action == QLatin1String("role")) {
        const std::optional<Role> role = roleFromId(positional.value(2));
        if (!role) {
            err << tr("fabrica users: the role is admin or user, not \"%1\"").arg(positional.value(2))
                << Qt::endl;
            return 2;
        }
        done = auth->setRole(operatorActor, user->id, *role);
        message = tr("%1 is now %2").arg(user->username, roleId(*role));
    } else if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        const bool disable = action == QLatin1String("disable");
        done = auth->setDisabled(operatorActor, user->id, disable);
        message = disable ? tr("%1 is disabled; their sessions have ended").arg(user->username)
                          : tr("%1 may sign in again").arg(user->username);
    } else {
        done = auth->deleteUser(operatorActor, user->id);
        message = tr("deleted %1 and their schemas").arg(user->username);
    }
    if (!done)
        return fail(done.error());
    out << message << Qt::endl;
    return 0;
}

} // namespace fabrica
