#include "DatabaseUrl.h"

#include <QDir>
#include <QUrlQuery>

namespace fabrica {

namespace {

// The libpq options a URL may carry; anything else is a typo the user should hear about.
const QStringList &knownOptions()
{
    static const QStringList keys{QStringLiteral("sslmode"),
                                  QStringLiteral("sslrootcert"),
                                  QStringLiteral("sslcert"),
                                  QStringLiteral("sslkey"),
                                  QStringLiteral("connect_timeout"),
                                  QStringLiteral("application_name"),
                                  QStringLiteral("target_session_attrs")};
    return keys;
}

// What a mysql:// URL may carry.
const QStringList &knownMysqlOptions()
{
    static const QStringList keys{QStringLiteral("socket"), QStringLiteral("connect_timeout")};
    return keys;
}

} // namespace

int DatabaseUrl::defaultPort() const
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return 5432;
    case SqlDialect::MySQL:
        return 3306;
    case SqlDialect::SQLite:
        break;
    }
    return 0;
}

const QStringList &DatabaseUrl::sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString &path)
{
    DatabaseUrl url;
    url.dialect = SqlDialect::SQLite;
    url.path = path;
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    auto invalid = [&text](const QString &why) {
        return makeError(ErrorCode::InvalidInput, tr("invalid database URL: %1").arg(why),
                         SourceLocation{{}, 0, 0, text.section(QLatin1Char('@'), -1)});
    };
    if (text.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/file → /abs/file
        if (path.isEmpty())
            return invalid(tr("sqlite: needs a file name, e.g. sqlite:data.db"));
        return sqliteFile(QDir::cleanPath(path));
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool mysql = scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb");
    if (!url.isValid() ||
        (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres") && !mysql))
        return invalid(tr("expected postgresql://user@host:port/database, mysql://user@host:port/database "
                          "or sqlite:FILE"));
    DatabaseUrl result;
    result.dialect = mysql ? SqlDialect::MySQL : SqlDialect::PostgreSQL;
    result.host = url.host(QUrl::FullyDecoded);
    result.port = url.port(0);
    if (url.port(-1) == 0)
        return invalid(tr("the port must be a number from 1 to 65535"));
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.contains(QLatin1Char('/')))
        return invalid(tr("the path names one database, like /shop"));
    result.database = path;
    if (mysql && path.isEmpty())
        return invalid(tr("a mysql:// URL names its database, like mysql://user@host/shop"));
    const QStringList &known = mysql ? knownMysqlOptions() : knownOptions();
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("schema") && !mysql) {
            result.schema = value;
        } else if (key == QLatin1String("user")) {
            result.user = value;
        } else if (key == QLatin1String("password")) {
            result.password = value;
        } else if (known.contains(key)) {
            if (key == QLatin1String("sslmode") && !sslModes().contains(value))
                return invalid(tr("sslmode must be one of %1").arg(sslModes().join(QLatin1String(", "))));
            if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char('\'')))
                return invalid(tr("the value of %1 may not contain ; or '").arg(key));
            result.options.insert(key, value);
        } else {
            return invalid(
                mysql ? tr("unknown option \"%1\" (known: %2)").arg(key, known.join(QLatin1String(", ")))
                      : tr("unknown option \"%1\" (known: schema, %2)")
                            .arg(key, known.join(QLatin1String(", "))));
        }
    }
    return result;
}

QString DatabaseUrl::displayString() const
{
    return withoutPassword(QUrl::PrettyDecoded);
}

QString DatabaseUrl::toString() const
{
    return withoutPassword(QUrl::FullyEncoded);
}

QString DatabaseUrl::withoutPassword(QUrl::ComponentFormattingOptions format) const
{
    if (dialect == SqlDialect::SQLite)
        return QLatin1String("sqlite:") + path;
    QUrl url;
    url.setScheme(isMysql() ? QStringLiteral("mysql") : QStringLiteral("postgresql"));
    url.setHost(host.isEmpty() ? QStringLiteral("localhost") : host);
    if (port > 0)
        url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    if (!schema.isEmpty())
        query.addQueryItem(QStringLiteral("schema"), schema);
    for (auto it = options.begin(); it != options.end(); ++it)
        query.addQueryItem(it.key(), it.value());
    url.setQuery(query);
    return url.toString(format);
}

QString DatabaseUrl::connectOptions() const
{
    QStringList parts;
    if (isMysql()) {
        if (options.contains(QStringLiteral("socket")))
            parts << QStringLiteral("UNIX_SOCKET=") + options.value(QStringLiteral("socket"));
        parts << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=") +
                     options.value(QStringLiteral("connect_timeout"), QStringLiteral("10"));
        return parts.join(QLatin1Char(';'));
    }
    for (auto it = options.begin(); it != options.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    if (!options.contains(QStringLiteral("application_name")))
        parts << QStringLiteral("application_name=fabrica");
    if (!options.contains(QStringLiteral("connect_timeout")))
        parts << QStringLiteral("connect_timeout=10");
    return parts.join(QLatin1Char(';'));
}

} // namespace fabrica
