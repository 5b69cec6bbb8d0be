#include "Error.h"

namespace fabrica {

QString SourceLocation::toString() const
{
    QString text = file;
    if (line > 0) {
        text += (text.isEmpty() ? QString() : QStringLiteral(":")) + QString::number(line);
        if (column > 0)
            text += QLatin1Char(':') + QString::number(column);
    }
    return text;
}

QString Error::toString() const
{
    QString text;
    const QString place = where.toString();
    if (!place.isEmpty())
        text += place + QStringLiteral(": ");
    if (!where.path.isEmpty())
        text += where.path + QStringLiteral(": ");
    return text + message;
}

} // namespace fabrica
