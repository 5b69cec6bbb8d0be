#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace fabrica {

// A file of random key bytes readable by its owner only: the JWT signing secret, the settings key.
// Its content is never logged.
class SecretFile
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SecretFile)

public:
    // The file's bytes; on first use the file is made with `bytes` random bytes and mode 0600. An existing
    // file is refused when other users may read or change it, or when its size is not `bytes`.
    static Result<QByteArray> loadOrCreate(const QString &path, int bytes = 32);

private:
    // nullopt-like: an empty QByteArray with ok() means "no such file".
    static Result<QByteArray> load(const QString &path, int bytes);
    static Result<QByteArray> create(const QString &path, int bytes);
    static Result<void> makeParentDirectory(const QString &path);
};

} // namespace fabrica
