#pragma once

#include "DatabaseUrl.h"

#include <QString>

namespace fabrica {

// Where Fabrica keeps its own files: the embedded database under the application data folder, the
// token-signing secret and the settings key beside the settings (both 0600, never in the database).
class StoragePaths
{
public:
    // FABRICA_DATABASE when set, else sqlite:<AppDataLocation>/fabrica.sqlite.
    static QString defaultDatabase();
    // What the window opens: FABRICA_DATABASE when set (scripts and tests override the user's choice), else
    // the storage chosen in the settings, else the default file.
    static QString configuredDatabase();
    // The settings key holding the chosen storage URL (empty or missing = the default); never a password.
    static QString databaseSettingKey();
    static QString tokenSecretFile();
    static QString settingsKeyFile();
};

} // namespace fabrica
