#pragma once

#include "DatabaseUrl.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QSettings>

#include <optional>

namespace fabrica {

// Database passwords the user chose to save, kept in the settings only as AES-256-GCM ciphertext under a
// per-install key file (0600) beside them — never in plain text. Looked up when a connection to a
// PostgreSQL URL without a password is refused (after libpq's own PGPASSWORD and ~/.pgpass).
class SavedPasswords
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SavedPasswords)

public:
    // The application's settings and key file (StoragePaths::settingsKeyFile()).
    SavedPasswords();
    SavedPasswords(QString settingsFile, QString keyFile);

    Result<void> save(const DatabaseUrl &url, const QByteArray &password);
    // The saved password of the URL's user, host, port and database; nullopt when none is saved.
    Result<std::optional<QByteArray>> find(const DatabaseUrl &url);
    void forget(const DatabaseUrl &url);

private:
    std::unique_ptr<QSettings> settings() const;
    static QString keyOf(const DatabaseUrl &url);

    QString m_settingsFile; // empty = the application's settings
    QString m_keyFile;
};

} // namespace fabrica
