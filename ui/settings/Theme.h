#pragma once

#include "AppSettings.h"

#include <QPalette>

namespace fabrica {

// Gives the running application the platform's own look, a light or a dark one, without a restart.
// Light and Dark use the Fusion style, which draws everything from the palette; System restores the style,
// palette and tooltip colours the application started with.
class Theme
{
public:
    static void apply(AppSettings::Theme theme);
    // The theme last applied (System until apply() is called).
    static AppSettings::Theme current();

    static QPalette lightPalette();
    static QPalette darkPalette();
};

} // namespace fabrica
