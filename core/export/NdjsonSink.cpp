#include "NdjsonSink.h"

namespace fabrica {

namespace {

// A line holds exactly one object, so there is nothing for "pretty" to lay out.
ExportOptions compact(ExportOptions options)
{
    options.pretty = false;
    return options;
}

} // namespace

NdjsonSink::NdjsonSink(ExportOptions options)
    : JsonSink(compact(std::move(options)))
{}

QString NdjsonSink::extension() const
{
    return QStringLiteral("ndjson");
}

Result<void> NdjsonSink::begin(const Plan &plan)
{
    if (options().singleFile && plan.tables().size() > 1)
        return makeError(
            ErrorCode::InvalidInput,
            tr("an NDJSON file holds one table, and the schema has %1; write to a directory instead")
                .arg(plan.tables().size()));
    return JsonSink::begin(plan);
}

void NdjsonSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    out.reserve(out.size() + estimate(chunk) + std::size_t(chunk.rows));
    for (int row = 0; row < chunk.rows; ++row) {
        appendRow(chunk, row, out);
        out.push_back('\n');
    }
}

} // namespace fabrica
