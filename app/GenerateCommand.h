#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

struct GenerationRequest;

// `fabrica generate SCHEMA --out PATH --format …` or `--to URL`: generates a schema's data into files or
// into a database, with a progress bar on a terminal and a summary of rows, bytes, seconds and speed.
class GenerateCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GenerateCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);

private:
    // Whether --out is one file or a directory, and the format and compression its name gives.
    static Result<void> chooseOutput(bool formatGiven, GenerationRequest *request);
};

} // namespace fabrica
