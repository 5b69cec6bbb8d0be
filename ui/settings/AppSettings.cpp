#include "AppSettings.h"

#include "storage/DatabaseUrl.h"
#include "storage/SavedPasswords.h"
#include "storage/StoragePaths.h"

#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace fabrica {

namespace {

const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");
const QString kThreads = QStringLiteral("generate/threads");
const QString kApiEnabled = QStringLiteral("api/enabled");
const QString kApiPort = QStringLiteral("api/port");

// Stored as words, not enum numbers, so that the file stays readable and reordering cannot change it.
struct ThemeName
{
    AppSettings::Theme theme;
    const char *name;
};
constexpr ThemeName kThemeNames[] = {{AppSettings::Theme::System, "system"},
                                     {AppSettings::Theme::Light, "light"},
                                     {AppSettings::Theme::Dark, "dark"}};

// The URL's text with its password (user info or ?password=) taken out, everything else as typed.
QString withoutPassword(const QString &text)
{
    QUrl url(text, QUrl::StrictMode);
    url.setPassword(QString());
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("password"));
    url.setQuery(query.isEmpty() ? QString() : query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

AppSettings::AppSettings() = default;

QString AppSettings::storageUrl() const
{
    return m_settings.value(StoragePaths::databaseSettingKey()).toString().trimmed();
}

Result<void> AppSettings::setStorageUrl(const QString &text)
{
    const QString url = text.trimmed();
    if (url.isEmpty()) {
        m_settings.remove(StoragePaths::databaseSettingKey());
        return {};
    }
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    QString stored = url;
    if (parsed->isPostgres() && !parsed->password.isEmpty()) {
        stored = withoutPassword(url);
        // The stripped URL must name the same connection, or the saved password would never be found.
        const Result<DatabaseUrl> check = DatabaseUrl::parse(stored);
        if (!check || !check->password.isEmpty() || check->user != parsed->user ||
            check->host != parsed->host || check->port != parsed->port || check->database != parsed->database)
            return makeError(ErrorCode::InvalidInput,
                             tr("cannot store this URL without its password; leave the password out and "
                                "let PostgreSQL find it in ~/.pgpass"));
        QByteArray password = parsed->password.toUtf8();
        const Result<void> saved = SavedPasswords().save(parsed.value(), password);
        password.fill('\0');
        if (!saved)
            return saved.error();
    }
    m_settings.setValue(StoragePaths::databaseSettingKey(), stored);
    return {};
}

QString AppSettings::language() const
{
    const QString code = m_settings.value(kLanguage).toString();
    return languages().contains(code) ? code : QString();
}

void AppSettings::setLanguage(const QString &code)
{
    if (languages().contains(code))
        m_settings.setValue(kLanguage, code);
    else
        m_settings.remove(kLanguage);
}

QStringList AppSettings::languages()
{
    // The languages translations/ ships; English is the source text.
    return {QStringLiteral("en"), QStringLiteral("de")};
}

AppSettings::Theme AppSettings::theme() const
{
    const QString name = m_settings.value(kTheme).toString();
    for (const ThemeName &entry : kThemeNames) {
        if (name == QLatin1String(entry.name))
            return entry.theme;
    }
    return Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    for (const ThemeName &entry : kThemeNames) {
        if (entry.theme == theme)
            m_settings.setValue(kTheme, QLatin1String(entry.name));
    }
}

int AppSettings::defaultThreads() const
{
    bool ok = false;
    const int threads = m_settings.value(kThreads).toInt(&ok);
    return ok ? std::clamp(threads, kMinThreads, kMaxThreads) : systemThreads();
}

void AppSettings::setDefaultThreads(int threads)
{
    m_settings.setValue(kThreads, std::clamp(threads, kMinThreads, kMaxThreads));
}

int AppSettings::systemThreads()
{
    return std::clamp(QThread::idealThreadCount(), kMinThreads, kMaxThreads);
}

ImportLimits AppSettings::importLimits() const
{
    return ImportLimits::fromSettings(m_settings);
}

void AppSettings::setImportLimits(const ImportLimits &limits)
{
    limits.writeTo(m_settings);
}

AppSettings::ApiServer AppSettings::apiServer() const
{
    ApiServer server;
    server.enabled = m_settings.value(kApiEnabled, server.enabled).toBool();
    bool ok = false;
    const int port = m_settings.value(kApiPort).toInt(&ok);
    if (ok && port >= 0 && port <= 65535)
        server.port = port;
    return server;
}

void AppSettings::setApiServer(const ApiServer &server)
{
    m_settings.setValue(kApiEnabled, server.enabled);
    m_settings.setValue(kApiPort, std::clamp(server.port, 0, 65535));
}

Result<void> AppSettings::sync()
{
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return makeError(ErrorCode::Io, tr("cannot write the settings file %1").arg(m_settings.fileName()));
    return {};
}

} // namespace fabrica
