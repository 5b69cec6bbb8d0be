#include "StoragePaths.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace fabrica {

QString StoragePaths::defaultDatabase()
{
    const QString fromEnvironment = qEnvironmentVariable("FABRICA_DATABASE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStringLiteral("sqlite:") + QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                           .filePath(QStringLiteral("fabrica.sqlite"));
}

QString StoragePaths::configuredDatabase()
{
    if (!qEnvironmentVariableIsEmpty("FABRICA_DATABASE"))
        return defaultDatabase();
    const QString chosen = QSettings().value(databaseSettingKey()).toString().trimmed();
    return chosen.isEmpty() ? defaultDatabase() : chosen;
}

QString StoragePaths::databaseSettingKey()
{
    return QStringLiteral("storage/url");
}

QString StoragePaths::tokenSecretFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("token-secret.key"));
}

QString StoragePaths::settingsKeyFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("settings.key"));
}

} // namespace fabrica
