#pragma once

#include <QLoggingCategory>

// The desktop window's category; enable with QT_LOGGING_RULES="fabrica.ui=true".
Q_DECLARE_LOGGING_CATEGORY(lcUi)
