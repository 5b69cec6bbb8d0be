#pragma once

#include "common/Result.h"
#include "generate/ByteBuffer.h"
#include "generate/Plan.h"

#include <string>
#include <string_view>

namespace fabrica {

// Where generated rows go: a file format or a database (ARCHITECTURE.md, "Sinks"). The job calls
// begin, then per table beginTable, write for every chunk in row order, endTable, and finally finish;
// abort instead of finish leaves nothing behind. encode() turns a chunk into the sink's bytes and may run
// on any worker thread at the same time as other encode() calls, so the costly formatting is parallel
// while writing stays in order.
class Sink
{
public:
    virtual ~Sink() = default;

    virtual Result<void> begin(const Plan &plan) = 0;
    virtual Result<void> beginTable(int table) = 0;
    virtual void encode(const TableChunk &chunk, ByteBuffer &out) const = 0;
    virtual Result<void> write(const TableChunk &chunk, std::string_view encoded) = 0;
    virtual Result<void> endTable(int table) = 0;
    virtual Result<void> finish() = 0;
    virtual void abort() = 0;

    // Bytes handed to the output so far (before compression).
    virtual qint64 bytesWritten() const = 0;
};

} // namespace fabrica
