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
    static QString tokenSecretFile();
    static QString settingsKeyFile();
};

} // namespace fabrica
