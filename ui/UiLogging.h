#pragma once

#include <QLoggingCategory>

// The window's category (fabrica.ui); enable with QT_LOGGING_RULES="fabrica.ui=true".
Q_DECLARE_LOGGING_CATEGORY(lcUi)
