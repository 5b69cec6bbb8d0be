#pragma once

#include "Generator.h"
#include "GeneratorFactory.h"

#include <QCoreApplication>

namespace fabrica {

// Makes a column's values fit its declared size ("maxLength", "sqlType": varchar(n), char(n),
// numeric(p,s), integer widths; docs/schema-format.md, "Declared SQL types and sizes") whatever generator
// makes them. A value that does not fit is drawn again from streams derived from its own row (so it stays
// a pure function of seed and row), and only when no draw fits is it shortened at a word boundary (text)
// or clamped (numbers); ColumnChunk::countSizes() records both. Unique columns are never re-drawn or
// shortened: wrap() refuses them when their values do not fit.
class SizeLimit final : public Generator
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SizeLimit)

public:
    // What a value must satisfy; a zero or unset field checks nothing.
    struct Fit
    {
        int maxChars = 0; // characters (not bytes) of the value's text
        bool integerRange = false;
        qint64 minimum = 0;
        qint64 maximum = 0;
        int integerDigits = -1; // numeric(p,s): p - s digits before the point; -1 = unchecked

        bool any() const { return maxChars > 0 || integerRange || integerDigits >= 0; }
        bool fits(std::string_view value) const;
    };

    static constexpr int kAttempts = 8;

    // base wrapped when the column declares a size; base itself otherwise.
    static Result<GeneratorPtr> wrap(const GeneratorSpec &spec, GeneratorPtr base);
    // The fit the column's constraints ask of values of class valueClass.
    static Fit fitOf(const QJsonObject &constraints, ValueClass valueClass);
    // value cut to at most maxChars characters: at the last space or hyphen when there is one, never inside a
    // UTF-8 character, without trailing spaces or punctuation.
    static std::string_view shorten(std::string_view value, int maxChars);
    // Characters in UTF-8 text (bytes that do not continue a character).
    static qsizetype characters(std::string_view value);

    // rowByRow: the generator reads no other column of the row, so single rows can be drawn again.
    SizeLimit(GeneratorPtr base, Fit fit, bool rowByRow);

    ValueClass valueClass() const override { return m_base->valueClass(); }
    std::string_view alphabet() const override { return m_base->alphabet(); }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override;
    bool isRowFunction() const override { return m_base->isRowFunction(); }
    void valueAt(qint64 row, ByteBuffer &out) const override { m_base->valueAt(row, out); }
    std::optional<quint64> domainSize() const override { return m_base->domainSize(); }

private:
    // The last resort for a value no draw made fit.
    void lastResort(std::string_view value, ByteBuffer &out) const;

    GeneratorPtr m_base;
    Fit m_fit;
    bool m_rowByRow = false;
};

} // namespace fabrica
