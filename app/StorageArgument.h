#pragma once

#include "storage/Repository.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>
#include <optional>

namespace fabrica {

// The --database option every storage command takes, and opening that storage (migrated to the current
// version unless asked not to), with the error printed for the user.
class StorageArgument
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::StorageArgument)

public:
    static QCommandLineOption option();
    // The storage URL the command names (or the default), or nullopt after printing why it is invalid.
    static std::optional<DatabaseUrl> url(const QCommandLineParser &parser);
    // The repository, or nullptr after printing why not.
    static std::unique_ptr<Repository> open(const QCommandLineParser &parser, bool migrate = true);
    static std::unique_ptr<Repository> open(const DatabaseUrl &url, bool migrate = true);
};

} // namespace fabrica
