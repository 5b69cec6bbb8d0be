#include "StoragePaths.h"

#include <QDir>
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
