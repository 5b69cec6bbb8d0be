#pragma once

#include <QCoreApplication>
#include <QString>

class QFileDevice;

namespace fabrica {

// Why a file operation failed, in the system's words ("No space left on device"), so the user can act on
// it. Qt 6.4 reports a failed buffered write or flush as "Unknown error", while errno, taken right after
// the call, still names the cause.
class SystemError
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SystemError)

public:
    // Call right before a write, flush or commit whose failure reason() is to describe.
    static void clear();
    // The cause of the write, flush or commit on file that just failed.
    static QString reason(const QFileDevice &file);
    // Creates path and its missing parents; on failure *reason says why ("a file of that name is in the
    // way: /tmp/out", "Permission denied").
    static bool makeDirectory(const QString &path, QString *reason);
};

} // namespace fabrica
