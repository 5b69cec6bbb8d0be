#pragma once

#include <QIcon>
#include <QStringList>

namespace fabrica {

// The window's SVG icons (resources/ui/icons, compiled in under :/fabrica/ui/icons), looked up by name.
// Icons are cached per name; call from the GUI thread only, like everything that makes a QIcon.
class Icons
{
public:
    // The icon for :/fabrica/ui/icons/<name>.svg; a null QIcon, and one warning per name, if there is none.
    static QIcon get(const QString &name);
    // Every available icon name (file name without ".svg"), sorted.
    static QStringList names();
    // The application's window icon: the SVG logo, plus a 256 px PNG for consumers that want a pixmap.
    static QIcon appIcon();
};

} // namespace fabrica
