#include "SystemError.h"

#include <QDir>
#include <QFileDevice>
#include <QFileInfo>

#include <cerrno>

namespace fabrica {

void SystemError::clear()
{
    errno = 0;
}

QString SystemError::reason(const QFileDevice &file)
{
    const int code = errno;
    return code != 0 ? qt_error_string(code) : file.errorString();
}

bool SystemError::makeDirectory(const QString &path, QString *reason)
{
    // The nearest part of the path that exists decides most failures: a file where a folder should be.
    QFileInfo existing(QDir::cleanPath(QDir(path).absolutePath()));
    while (!existing.exists() && !existing.isRoot() && existing.absoluteFilePath() != existing.absolutePath())
        existing = QFileInfo(existing.absolutePath());
    if (existing.exists() && !existing.isDir()) {
        *reason = tr("a file of that name is in the way: %1").arg(existing.absoluteFilePath());
        return false;
    }
    clear();
    if (QDir().mkpath(path))
        return true;
    const int code = errno;
    *reason = code != 0 ? qt_error_string(code) : tr("the system gave no reason");
    return false;
}

} // namespace fabrica
