#pragma once

#include "CompositeKey.h"
#include "Generator.h"

#include <memory>

namespace fabrica {

// One column of a composite key that is not a foreign key (a date, a text, an enum, …): the row's
// combination index (CompositeKey::component) picks the value the column's unique generator gives that
// index, so the combinations of the key's columns are distinct while each column repeats its values.
// The inner generator is built unique, so its values at indexes [0, domain) are distinct.
class CompositePartGenerator : public Generator
{
public:
    // seed: the column's stream seed (GenerationContext::columnSeed), for valueAt outside a chunk.
    CompositePartGenerator(std::unique_ptr<Generator> inner, std::shared_ptr<const CompositeKey> key,
                           int part, quint64 seed);

    ValueClass valueClass() const override { return m_inner->valueClass(); }
    std::string_view alphabet() const override { return m_inner->alphabet(); }
    bool isRowFunction() const override { return true; }
    void valueAt(qint64 row, ByteBuffer &out) const override;
    void fill(GenerationContext &ctx, ColumnChunk &out) const override;

private:
    // The inner generator's value (and number, for relations that read this column) at index, by filling
    // a one-row chunk whose first row is index: works for every generator, row function or not.
    void innerValue(const GenerationContext &ctx, qint64 index, bool numbers, ColumnChunk &one) const;

    std::unique_ptr<Generator> m_inner;
    std::shared_ptr<const CompositeKey> m_key;
    int m_part;
    quint64 m_seed;
};

} // namespace fabrica
