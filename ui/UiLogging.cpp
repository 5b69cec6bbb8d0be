#include "UiLogging.h"

Q_LOGGING_CATEGORY(lcUi, "fabrica.ui", QtWarningMsg)
