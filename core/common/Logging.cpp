#include "Logging.h"

Q_LOGGING_CATEGORY(lcModel, "fabrica.core.model", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTypes, "fabrica.core.types", QtWarningMsg)
Q_LOGGING_CATEGORY(lcFormat, "fabrica.core.format", QtWarningMsg)
Q_LOGGING_CATEGORY(lcValidate, "fabrica.core.validate", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGenerate, "fabrica.core.generate", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExport, "fabrica.core.export", QtWarningMsg)
Q_LOGGING_CATEGORY(lcImport, "fabrica.core.import", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStorage, "fabrica.core.storage", QtWarningMsg)
Q_LOGGING_CATEGORY(lcJobs, "fabrica.core.jobs", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAuth, "fabrica.core.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApi, "fabrica.api", QtWarningMsg)
