#pragma once

#include <QString>
#include <QStringList>

namespace fabrica {

// base itself when no name in taken equals it (ignoring case, as databases do), else base_2, base_3, …
// Used for new and duplicated tables and columns, so an edit never creates a name clash of its own.
QString uniqueName(const QString &base, const QStringList &taken);

} // namespace fabrica
