#include "UniqueName.h"

namespace fabrica {

QString uniqueName(const QString &base, const QStringList &taken)
{
    QString name = base;
    for (int n = 2; taken.contains(name, Qt::CaseInsensitive); ++n)
        name = base + QLatin1Char('_') + QString::number(n);
    return name;
}

} // namespace fabrica
