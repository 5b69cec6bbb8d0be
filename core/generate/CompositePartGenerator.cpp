#include "CompositePartGenerator.h"

#include <algorithm>
#include <vector>

namespace fabrica {

CompositePartGenerator::CompositePartGenerator(std::unique_ptr<Generator> inner,
                                               std::shared_ptr<const CompositeKey> key, int part,
                                               quint64 seed)
    : m_inner(std::move(inner))
    , m_key(std::move(key))
    , m_part(part)
    , m_seed(seed)
{}

void CompositePartGenerator::valueAt(qint64 row, ByteBuffer &out) const
{
    const qint64 index = m_key->component(row, m_part);
    if (m_inner->isRowFunction()) {
        m_inner->valueAt(index, out);
        return;
    }
    thread_local ColumnChunk one;
    static const TableChunk empty;
    const GenerationContext ctx{empty, nullptr, 0, 1, m_seed};
    innerValue(ctx, index, false, one);
    out.append(one.value(0));
}

void CompositePartGenerator::innerValue(const GenerationContext &ctx, qint64 index, bool numbers,
                                        ColumnChunk &one) const
{
    one.reset(1);
    one.requestNumbers(numbers);
    // The inner generator's random stream at "row" index: the same column seed, so a value depends on
    // (seed, table, column, index) only, whatever the chunk or thread.
    GenerationContext single{ctx.chunk, nullptr, index, 1, ctx.columnSeed};
    m_inner->fill(single, one);
}

void CompositePartGenerator::fill(GenerationContext &ctx, ColumnChunk &out) const
{
    thread_local std::vector<qint64> indexes;
    indexes.resize(std::size_t(std::max(ctx.rows, 0)));
    m_key->components(ctx.firstRow, ctx.rows, m_part, indexes.data());
    const bool numbers = out.wantsNumbers();
    ByteBuffer &bytes = out.bytes();
    if (m_inner->isRowFunction() && !numbers) { // the fast path: no chunk per value
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            m_inner->valueAt(indexes[std::size_t(i)], bytes);
            out.finish();
        }
        return;
    }
    thread_local ColumnChunk one;
    thread_local std::vector<std::int64_t> values;
    values.assign(std::size_t(ctx.rows), 0);
    NumberUnit unit = NumberUnit::None;
    int scale = 0;
    for (int i = 0; i < ctx.rows; ++i) {
        if (ctx.isNull(i)) {
            out.appendNull();
            continue;
        }
        innerValue(ctx, indexes[std::size_t(i)], numbers, one);
        if (one.isNull(0)) {
            out.appendNull();
            continue;
        }
        out.append(one.value(0));
        if (numbers && one.numberUnit() != NumberUnit::None) {
            unit = one.numberUnit();
            scale = one.numberScale();
            values[std::size_t(i)] = one.number(0);
        }
    }
    // The inner generator writes its numbers only when it can (a date in UTC); otherwise readers parse.
    if (numbers && unit != NumberUnit::None) {
        std::int64_t *target = out.startNumbers(unit, ctx.rows, scale);
        std::copy(values.begin(), values.end(), target);
    }
}

} // namespace fabrica
