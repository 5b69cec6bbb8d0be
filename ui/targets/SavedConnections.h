#pragma once

#include "common/Result.h"
#include "export/DatabaseTarget.h"
#include "storage/DatabaseUrl.h"

#include <QCoreApplication>
#include <QList>
#include <QSettings>
#include <QString>

#include <memory>
#include <optional>

namespace fabrica {

// Database connections the user saved by name for "write into a database", and the target of the last
// load, in the settings. URLs only, never a password: SavedPasswords keeps those, encrypted, when the user
// ticks "Remember password".
class SavedConnections
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SavedConnections)

public:
    struct Connection
    {
        QString name;
        DatabaseUrl url;
    };

    // The application's settings.
    SavedConnections();
    // An INI file instead (tests, other profiles).
    explicit SavedConnections(QString settingsFile);

    // Sorted by name, ignoring case; entries that no longer parse are left out.
    QList<Connection> list() const;
    std::optional<DatabaseUrl> find(const QString &name) const;
    // Adds the connection or replaces the one of that name; the URL's password is dropped.
    Result<void> save(const QString &name, const DatabaseUrl &url);
    void remove(const QString &name);

    // The target of the last load the user confirmed (what exists, disabled triggers), without its password.
    std::optional<DatabaseTarget> last() const;
    Result<void> setLast(const DatabaseTarget &target);

private:
    std::unique_ptr<QSettings> settings() const;
    Result<void> synced(QSettings &store) const;

    QString m_settingsFile; // empty = the application's settings
};

} // namespace fabrica
