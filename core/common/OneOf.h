#pragma once

#include <QLatin1String>
#include <QStringView>

#include <initializer_list>

namespace fabrica {

// Whether value is exactly one of the ASCII options: type names, keywords and the like.
inline bool isOneOf(QStringView value, std::initializer_list<const char *> options)
{
    for (const char *option : options) {
        if (value == QLatin1String(option))
            return true;
    }
    return false;
}

} // namespace fabrica
