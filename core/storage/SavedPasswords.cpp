#include "SavedPasswords.h"

#include "StoragePaths.h"
#include "auth/SecretBox.h"
#include "auth/SecretBytes.h"
#include "auth/SecretFile.h"

#include <QUrl>

namespace fabrica {

namespace {

const QString kGroup = QStringLiteral("databasePasswords");

void wipe(QByteArray &bytes)
{
    SecretBytes::wipe(bytes);
}

} // namespace

SavedPasswords::SavedPasswords()
    : m_keyFile(StoragePaths::settingsKeyFile())
{}

SavedPasswords::SavedPasswords(QString settingsFile, QString keyFile)
    : m_settingsFile(std::move(settingsFile))
    , m_keyFile(std::move(keyFile))
{}

std::unique_ptr<QSettings> SavedPasswords::settings() const
{
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

QString SavedPasswords::keyOf(const DatabaseUrl &url)
{
    // One entry per user, server and database; percent-encoded, since QSettings reads '/' as a group.
    const QString where = QStringLiteral("%1@%2:%3/%4")
                              .arg(url.user, url.host.isEmpty() ? QStringLiteral("localhost") : url.host)
                              .arg(url.port > 0 ? url.port : url.defaultPort())
                              .arg(url.database.isEmpty() ? url.user : url.database);
    // MySQL entries apart from PostgreSQL ones (whose keys stay as they were before MySQL came).
    return QString::fromLatin1(
        QUrl::toPercentEncoding(url.isMysql() ? QStringLiteral("mysql:") + where : where));
}

Result<void> SavedPasswords::save(const DatabaseUrl &url, const QByteArray &password)
{
    if (url.isSqlite())
        return makeError(ErrorCode::InvalidInput, tr("only server connections have passwords"));
    Result<QByteArray> key = SecretFile::loadOrCreate(m_keyFile, SecretBox::kKeyBytes);
    if (!key)
        return key.error();
    Result<QByteArray> sealed = SecretBox::seal(key.value(), password);
    wipe(key.value());
    if (!sealed)
        return sealed.error();
    std::unique_ptr<QSettings> store = settings();
    store->setValue(kGroup + QLatin1Char('/') + keyOf(url), QString::fromLatin1(sealed.value()));
    store->sync();
    if (store->status() != QSettings::NoError)
        return makeError(ErrorCode::Io, tr("cannot write the settings file %1").arg(store->fileName()));
    return {};
}

Result<std::optional<QByteArray>> SavedPasswords::find(const DatabaseUrl &url)
{
    std::unique_ptr<QSettings> store = settings();
    const QString sealed = store->value(kGroup + QLatin1Char('/') + keyOf(url)).toString();
    if (sealed.isEmpty())
        return std::optional<QByteArray>();
    Result<QByteArray> key = SecretFile::loadOrCreate(m_keyFile, SecretBox::kKeyBytes);
    if (!key)
        return key.error();
    Result<QByteArray> password = SecretBox::open(key.value(), sealed.toLatin1());
    wipe(key.value());
    if (!password)
        return makeError(password.error().code,
                         tr("the saved password for %1 cannot be decrypted (%2); save it again")
                             .arg(url.displayString(), password.error().message));
    return std::optional<QByteArray>(password.value());
}

void SavedPasswords::forget(const DatabaseUrl &url)
{
    std::unique_ptr<QSettings> store = settings();
    store->remove(kGroup + QLatin1Char('/') + keyOf(url));
}

} // namespace fabrica
