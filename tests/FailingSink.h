#pragma once

// A sink for tests that passes everything on to another sink but fails the write of chunk number failAt
// (0-based, counted over all tables): a disk, network or program failure in the middle of a save or load.

#include "export/Sink.h"

namespace fabrica::test {

class FailingSink : public Sink
{
public:
    FailingSink(Sink &inner, int failAt)
        : m_inner(inner)
        , m_failAt(failAt)
    {}
    Result<void> begin(const Plan &plan) override { return m_inner.begin(plan); }
    Result<void> beginTable(int table) override { return m_inner.beginTable(table); }
    void encode(const TableChunk &chunk, ByteBuffer &out) const override { m_inner.encode(chunk, out); }
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override
    {
        if (m_chunks++ == m_failAt)
            return makeError(ErrorCode::Io, QStringLiteral("injected failure"));
        return m_inner.write(chunk, encoded);
    }
    Result<void> endTable(int table) override { return m_inner.endTable(table); }
    Result<void> finish() override { return m_inner.finish(); }
    void abort() override
    {
        m_aborted = true;
        m_inner.abort();
    }
    qint64 bytesWritten() const override { return m_inner.bytesWritten(); }
    bool aborted() const { return m_aborted; }

private:
    Sink &m_inner;
    int m_failAt;
    int m_chunks = 0;
    bool m_aborted = false;
};

} // namespace fabrica::test
