#pragma once

#include "ByteBuffer.h"

#include "Generator.h"

#include <functional>
#include <memory>

namespace fabrica {

// A generator defined by one function that writes the value of a row from the row number and the row's
// random stream: most types need nothing more.
template<typename Write> class RowGenerator : public Generator
{
public:
    RowGenerator(Write write, ValueClass valueClass, std::string alphabet = {})
        : m_write(std::move(write))
        , m_class(valueClass)
        , m_alphabet(std::move(alphabet))
    {}
    ValueClass valueClass() const override { return m_class; }
    std::string_view alphabet() const override { return m_alphabet; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override { fillValues(ctx, out, m_write); }

private:
    Write m_write;
    ValueClass m_class;
    std::string m_alphabet;
};

template<typename Write>
std::unique_ptr<Generator> rowGenerator(Write write, ValueClass valueClass = ValueClass::Text,
                                        std::string alphabet = {})
{
    return std::unique_ptr<Generator>(
        new RowGenerator<Write>(std::move(write), valueClass, std::move(alphabet)));
}

// The same as a row function (valueAt), for key and unique columns: the stream is seeded from the row
// alone, so a foreign key can ask for any row's value.
class KeyRowGenerator : public Generator
{
public:
    using Write = std::function<void(qint64 row, Random &random, ByteBuffer &out)>;
    KeyRowGenerator(Write write, quint64 seed, ValueClass valueClass = ValueClass::Text,
                    std::optional<quint64> domain = std::nullopt)
        : m_write(std::move(write))
        , m_seed(seed)
        , m_class(valueClass)
        , m_domain(domain)
    {}
    ValueClass valueClass() const override { return m_class; }
    bool isRowFunction() const override { return true; }
    std::optional<quint64> domainSize() const override { return m_domain; }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        Random random = Random::forRow(m_seed, quint64(row));
        m_write(row, random, out);
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override { fillFromRows(*this, ctx, out); }

private:
    Write m_write;
    quint64 m_seed;
    ValueClass m_class;
    std::optional<quint64> m_domain;
};

} // namespace fabrica
