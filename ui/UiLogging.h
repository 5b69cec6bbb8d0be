#pragma once

#include <QLoggingCategory>

// The window's category (ARCHITECTURE.md, Names); enable with QT_LOGGING_RULES="fabrica.ui=true".
Q_DECLARE_LOGGING_CATEGORY(lcUi)
