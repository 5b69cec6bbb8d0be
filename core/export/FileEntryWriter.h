#pragma once

#include "common/Result.h"

#include <QString>

#include <string_view>

namespace fabrica {

// Where a FileSink puts its files instead of the disk (FileSink::setEntryWriter): one file after another,
// each whole before the next begins — a download made while it is sent, as one file or a ZIP. The sink's
// bytes are the same as on disk; compression is the writer's business.
class FileEntryWriter
{
public:
    virtual ~FileEntryWriter() = default;

    // fileName is the name the file would have in the sink's directory, without a ".gz" ("orders.csv").
    virtual Result<void> beginEntry(const QString &fileName) = 0;
    virtual Result<void> write(std::string_view bytes) = 0;
    virtual Result<void> endEntry() = 0;
    // After the last entry.
    virtual Result<void> finish() = 0;
    // Instead of finish(), after any failure: what was written is worthless.
    virtual void abort() = 0;
};

} // namespace fabrica
