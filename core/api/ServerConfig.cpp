#include "ServerConfig.h"

#include "ForwardedFor.h"

#include <QFile>

#include <functional>

namespace fabrica {

namespace {

// Checks and stores one value; answers the problem, or an empty string.
using Setter = std::function<QString(ServerConfig &config, const QString &value)>;

struct Key
{
    const char *name; // "section/key"
    Setter set;
};

QString wholeNumber(const QString &value, qint64 low, qint64 high, qint64 &out)
{
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < low || number > high)
        return ServerConfig::tr("takes a whole number from %1 to %2, not \"%3\"")
            .arg(low)
            .arg(high)
            .arg(value);
    out = number;
    return {};
}

Setter integer(qint64 low, qint64 high, std::function<void(ServerConfig &, qint64)> store)
{
    return [=](ServerConfig &config, const QString &value) {
        qint64 number = 0;
        QString problem = wholeNumber(value, low, high, number);
        if (problem.isEmpty())
            store(config, number);
        return problem;
    };
}

Setter text(std::function<void(ServerConfig &, const QString &)> store)
{
    return [=](ServerConfig &config, const QString &value) {
        store(config, value);
        return QString();
    };
}

const QList<Key> &table()
{
    static const QList<Key> keys = {
        {"server/listen", text([](ServerConfig &c, const QString &v) { c.listen = v; })},
        {"server/workers", integer(1, 64, [](ServerConfig &c, qint64 n) { c.workers = int(n); })},
        {"server/threads", integer(0, 256, [](ServerConfig &c, qint64 n) { c.api.workerThreads = int(n); })},
        {"server/maxDownloads",
         integer(1, 256, [](ServerConfig &c, qint64 n) { c.api.maxDownloads = int(n); })},
        {"server/metricsNeedToken",
         [](ServerConfig &c, const QString &v) {
             const QString lower = v.toLower();
             if (lower == QLatin1String("true") || lower == QLatin1String("yes") ||
                 lower == QLatin1String("1"))
                 c.api.metricsNeedToken = true;
             else if (lower == QLatin1String("false") || lower == QLatin1String("no") ||
                      lower == QLatin1String("0"))
                 c.api.metricsNeedToken = false;
             else
                 return ServerConfig::tr("takes true or false, not \"%1\"").arg(v);
             return QString();
         }},
        {"server/trustedProxies",
         [](ServerConfig &c, const QString &v) {
             QList<ForwardedFor::Subnet> proxies;
             for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                 const std::optional<ForwardedFor::Subnet> subnet = ForwardedFor::parseSubnet(part);
                 if (!subnet) {
                     return ServerConfig::tr("takes addresses or subnets separated by commas (127.0.0.1, "
                                             "10.0.0.0/8, ::1); \"%1\" is neither")
                         .arg(part.trimmed());
                 }
                 proxies << *subnet;
             }
             c.api.trustedProxies = proxies;
             return QString();
         }},
        {"tls/cert", text([](ServerConfig &c, const QString &v) { c.tlsCert = v; })},
        {"tls/key", text([](ServerConfig &c, const QString &v) { c.tlsKey = v; })},
        {"storage/database", text([](ServerConfig &c, const QString &v) { c.database = v; })},
        {"storage/passwordFile", text([](ServerConfig &c, const QString &v) { c.passwordFile = v; })},
        {"storage/tokenSecretFile", text([](ServerConfig &c, const QString &v) { c.tokenSecretFile = v; })},
        {"limits/headerKiB",
         integer(1, 1024,
                 [](ServerConfig &c, qint64 n) { c.api.limits.framing.headerBytes = int(n * 1024); })},
        {"limits/jsonBodyKiB",
         integer(1, 1024 * 1024,
                 [](ServerConfig &c, qint64 n) { c.api.limits.framing.jsonBodyBytes = n * 1024; })},
        {"limits/uploadMiB",
         integer(1, 64 * 1024, [](ServerConfig &c, qint64 n) { c.uploadBytes = n << 20; })},
        {"limits/idleTimeoutSeconds",
         integer(1, 3600,
                 [](ServerConfig &c, qint64 n) { c.api.limits.idleTimeout = std::chrono::seconds(n); })},
        {"limits/maxConnections",
         integer(1, 100000, [](ServerConfig &c, qint64 n) { c.api.limits.maxConnections = int(n); })},
        {"limits/maxConnectionsPerAddress",
         integer(1, 100000,
                 [](ServerConfig &c, qint64 n) { c.api.limits.maxConnectionsPerAddress = int(n); })},
        {"limits/signInFailuresPerAccount",
         integer(1, 100000, [](ServerConfig &c, qint64 n) { c.api.signIn.failuresPerAccount = int(n); })},
        {"limits/signInFailuresPerAddress",
         integer(1, 100000, [](ServerConfig &c, qint64 n) { c.api.signIn.failuresPerAddress = int(n); })},
        {"jobs/staleSeconds", integer(5, 86400, [](ServerConfig &c, qint64 n) { c.staleSeconds = int(n); })},
        {"log/level",
         [](ServerConfig &c, const QString &v) {
             static const QStringList levels = {QStringLiteral("warning"), QStringLiteral("info"),
                                                QStringLiteral("debug")};
             if (!levels.contains(v.toLower()))
                 return ServerConfig::tr("takes warning, info or debug, not \"%1\"").arg(v);
             c.logLevel = v.toLower();
             return QString();
         }},
        {"log/rules", text([](ServerConfig &c, const QString &v) { c.logRules = v; })},
    };
    return keys;
}

const Key *find(const QString &key)
{
    for (const Key &entry : table()) {
        if (key == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

} // namespace

QStringList ServerConfig::keys()
{
    QStringList names;
    for (const Key &entry : table())
        names << QString::fromLatin1(entry.name);
    return names;
}

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io, tr("cannot read the configuration: %1").arg(file.errorString()),
                         SourceLocation{path, 0, 0, {}});
    }
    return parse(file.readAll(), path);
}

Result<ServerConfig> ServerConfig::parse(const QByteArray &bytes, const QString &fileName)
{
    ServerConfig config;
    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    QString section;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        const SourceLocation where{fileName, int(index + 1), 0, {}};
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return makeError(ErrorCode::InvalidInput, tr("a section header ends with \"]\""), where);
            section = line.mid(1, line.size() - 2).trimmed();
            const QString prefix = section + QLatin1Char('/');
            const QStringList all = keys();
            if (std::none_of(all.begin(), all.end(),
                             [&](const QString &key) { return key.startsWith(prefix); })) {
                return makeError(ErrorCode::InvalidInput,
                                 tr("unknown section [%1]; the sections are [server], [tls], [storage], "
                                    "[limits], [jobs] and [log]")
                                     .arg(section),
                                 where);
            }
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return makeError(ErrorCode::InvalidInput,
                             tr("expected \"key = value\" or \"[section]\", got \"%1\"").arg(line), where);
        }
        if (section.isEmpty()) {
            return makeError(ErrorCode::InvalidInput,
                             tr("\"%1\" comes before any [section]").arg(line.left(equals).trimmed()), where);
        }
        const QString key = section + QLatin1Char('/') + line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        // Quotes are allowed around a value (one with leading or trailing spaces), not needed.
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        SourceLocation at = where;
        at.path = key;
        if (config.m_origins.contains(key)) {
            return makeError(ErrorCode::InvalidInput,
                             tr("set twice (first on line %1)").arg(config.m_origins.value(key).line), at);
        }
        if (Result<void> done = config.set(key, value, at); !done)
            return done.error();
    }
    return config;
}

Result<void> ServerConfig::set(const QString &key, const QString &value, const SourceLocation &where)
{
    const Key *entry = find(key);
    if (!entry) {
        const QString section = key.section(QLatin1Char('/'), 0, 0);
        QStringList known;
        for (const QString &name : keys()) {
            if (name.startsWith(section + QLatin1Char('/')))
                known << name.section(QLatin1Char('/'), 1);
        }
        return makeError(ErrorCode::InvalidInput,
                         tr("unknown key; [%1] takes %2").arg(section, known.join(QStringLiteral(", "))),
                         where);
    }
    if (const QString problem = entry->set(*this, value); !problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, problem, where);
    m_origins.insert(key, where);
    return {};
}

Error ServerConfig::errorAt(const QString &key, const QString &message) const
{
    return makeError(ErrorCode::InvalidInput, message, origin(key));
}

QString ServerConfig::loggingRules() const
{
    // info keeps the request log (fabrica.api, one line per request); warning drops it; debug adds the rest.
    QStringList rules;
    if (logLevel == QLatin1String("debug"))
        rules << QStringLiteral("fabrica.*.debug=true") << QStringLiteral("fabrica.*.info=true");
    else if (logLevel == QLatin1String("info"))
        rules << QStringLiteral("fabrica.api.info=true");
    else
        rules << QStringLiteral("fabrica.*.info=false");
    for (const QString &rule : logRules.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        rules << rule.trimmed();
    return rules.join(QLatin1Char('\n'));
}

} // namespace fabrica
