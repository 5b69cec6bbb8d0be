#include "Icons.h"

#include "UiLogging.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

const QString kIconDir = u":/fabrica/ui/icons"_s;

QString pathOf(const QString &name)
{
    return kIconDir + u'/' + name + u".svg"_s;
}

} // namespace

QIcon Icons::get(const QString &name)
{
    // One QIcon per name keeps the SVG engine's pixmap cache shared by every action and view that uses it.
    static QHash<QString, QIcon> cache;
    static QSet<QString> missing;

    if (const auto it = cache.constFind(name); it != cache.constEnd())
        return *it;
    const QString path = pathOf(name);
    if (!QFileInfo::exists(path)) {
        if (!missing.contains(name)) {
            missing.insert(name);
            qCWarning(lcUi) << "No icon named" << name << "in" << kIconDir;
        }
        return {};
    }
    const QIcon icon(path);
    cache.insert(name, icon);
    return icon;
}

QStringList Icons::names()
{
    QStringList result;
    const QStringList files = QDir(kIconDir).entryList({u"*.svg"_s}, QDir::Files);
    for (const QString &file : files)
        result.append(file.chopped(4));
    // Sorted by name, not file name: "save-as.svg" sorts before "save.svg".
    result.sort();
    return result;
}

QIcon Icons::appIcon()
{
    // The PNG keeps a sharp large icon where the platform asks for pixmaps, or where the SVG plugin is
    // missing.
    QIcon icon = get(u"app"_s);
    icon.addFile(kIconDir + u"/app-256.png"_s, QSize(256, 256));
    return icon;
}

} // namespace fabrica
