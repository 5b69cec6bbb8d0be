// Generators of the identifier and structure categories: uuid, enum, sample, json and foreign_key.
#include "ByteBuffer.h"
#include "Cardinality.h"
#include "CompositeKey.h"
#include "GeneratorFactory.h"
#include "Permutation.h"
#include "TextFormat.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>

namespace fabrica {

namespace {

char *writeHex(char *p, std::uint64_t value, int bytes)
{
    const char *hex = text::hexDigits();
    for (int shift = bytes * 8 - 4; shift >= 0; shift -= 4)
        *p++ = hex[(value >> shift) & 0xF];
    return p;
}

// RFC 9562 UUIDs, version 4 (random) or 7 (Unix-time ordered).
class UuidGenerator : public Generator
{
public:
    UuidGenerator(bool version7, bool unique, quint64 key)
        : m_version7(version7)
        , m_unique(unique)
        , m_key(key)
    {}

    bool isRowFunction() const override { return true; }
    std::string_view alphabet() const override { return "0123456789abcdef-"; }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        Random random = Random::forRow(m_key, quint64(row));
        std::uint64_t high = random.next(), low = random.next();
        if (m_unique) {
            // A 64-bit bijection of the row fills every bit but the version and variant, so distinct rows
            // give distinct UUIDs by construction.
            const std::uint64_t id = Random::hash(quint64(row) ^ m_key);
            high = (id & 0xFFFFFFFFFFFF0000ull) | (id >> 4 & 0x0FFFull);
            low = (low & ~(0xFull << 58)) | ((id & 0xFull) << 58);
        }
        if (m_version7) {
            // 48-bit millisecond timestamp between 2020 and 2026, then the random bits.
            const std::uint64_t start = 1577836800000ull, span = 189302400000ull;
            const std::uint64_t millis =
                m_unique ? start + (quint64(row) % span) : start + random.below(span);
            high = (millis << 16) | (high & 0x0FFF) | 0x7000;
        } else {
            high = (high & ~0xF000ull) | 0x4000;
        }
        low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
        char *p = out.grow(36);
        p = writeHex(p, high >> 32, 4);
        *p++ = '-';
        p = writeHex(p, high >> 16 & 0xFFFF, 2);
        *p++ = '-';
        p = writeHex(p, high & 0xFFFF, 2);
        *p++ = '-';
        p = writeHex(p, low >> 48, 2);
        *p++ = '-';
        writeHex(p, low & 0xFFFFFFFFFFFFull, 6);
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override { fillFromRows(*this, ctx, out); }

private:
    bool m_version7;
    bool m_unique;
    quint64 m_key;
};

// A value from a list, uniformly or by weight; unique columns walk a permutation of the list.
class ChoiceGenerator : public Generator
{
public:
    ChoiceGenerator(std::vector<std::string> values, const std::vector<double> &weights, bool unique,
                    quint64 key)
        : m_values(std::move(values))
        , m_unique(unique)
        , m_permutation(m_values.size(), key)
        , m_alphabet(asciiAlphabet(std::vector<std::string_view>(m_values.begin(), m_values.end())))
    {
        if (weights.empty())
            return;
        const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
        double running = 0;
        for (double weight : weights) {
            running += weight;
            const double share = running / total;
            m_thresholds.push_back(share >= 1.0 ? ~std::uint64_t(0) : std::uint64_t(std::ldexp(share, 64)));
        }
        m_thresholds.back() = ~std::uint64_t(0);
    }

    bool isRowFunction() const override { return m_unique; }
    std::string_view alphabet() const override { return m_alphabet; }
    std::optional<quint64> domainSize() const override
    {
        // Zero-weight values never appear.
        if (m_thresholds.empty())
            return m_values.size();
        quint64 reachable = 0;
        for (std::size_t i = 0; i < m_thresholds.size(); ++i)
            reachable += (i == 0 ? m_thresholds[0] > 0 : m_thresholds[i] > m_thresholds[i - 1]) ? 1 : 0;
        return reachable;
    }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        text::appendShort(out, m_values[m_permutation.map(quint64(row) % m_values.size())]);
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        if (m_unique) {
            fillFromRows(*this, ctx, out);
            return;
        }
        // A relation reading this column (weightsBy) gets each value's index beside the text.
        std::int64_t *numbers = out.wantsNumbers() ? out.startNumbers(NumberUnit::Choice, ctx.rows) : nullptr;
        auto loop = [&](auto record) { // two loops: no test per row where no relation reads the column
            for (int i = 0; i < ctx.rows; ++i) {
                if (ctx.isNull(i)) {
                    out.appendNull();
                    continue;
                }
                Random random = ctx.random(i);
                const std::size_t index = pick(random);
                if constexpr (decltype(record)::value)
                    numbers[i] = std::int64_t(index);
                out.append(m_values[index]);
            }
        };
        numbers ? loop(std::true_type{}) : loop(std::false_type{});
    }

private:
    std::size_t pick(Random &random) const
    {
        if (m_thresholds.empty())
            return random.below(m_values.size());
        const std::uint64_t draw = random.next();
        // Enumerations are short: a linear scan beats a binary search up to a few dozen values.
        if (m_thresholds.size() <= 32) {
            std::size_t i = 0;
            while (draw >= m_thresholds[i] && i + 1 < m_thresholds.size())
                ++i;
            return i;
        }
        return std::size_t(std::upper_bound(m_thresholds.begin(), m_thresholds.end(), draw) -
                           m_thresholds.begin());
    }

    std::vector<std::string> m_values;
    std::vector<std::uint64_t> m_thresholds; // cumulative, scaled to 2^64; empty = uniform
    bool m_unique;
    Permutation m_permutation;
    std::string m_alphabet;
};

Result<GeneratorPtr> makeUuid(const GeneratorSpec &spec)
{
    return GeneratorPtr(new UuidGenerator(spec.string(QStringLiteral("version")) == QLatin1String("v7"),
                                          spec.unique, spec.seed));
}

Result<GeneratorPtr> makeEnum(const GeneratorSpec &spec)
{
    std::vector<std::string> values;
    for (const QJsonValue &value : spec.value(keys::values).toArray())
        values.push_back(value.toString().toStdString());
    std::vector<double> weights;
    for (const QJsonValue &weight : spec.value(keys::weights).toArray())
        weights.push_back(weight.toDouble());
    if (spec.unique && !weights.empty()) {
        // Every value of a unique column appears once: weights do not apply, but zero still means never.
        std::vector<std::string> reachable;
        for (std::size_t i = 0; i < values.size() && i < weights.size(); ++i) {
            if (weights[i] > 0)
                reachable.push_back(values[i]);
        }
        values.swap(reachable);
        weights.clear();
    }
    return GeneratorPtr(new ChoiceGenerator(std::move(values), weights, spec.unique, spec.seed));
}

// A pick from the samples, or, in a share `blend` of the rows, a new value in their style: as many words as a
// sample has, the first word one that starts a sample, each next one a word that follows it in some sample
// (any word where none does); no longer than the longest sample, so new values fit where the samples fit.
class BlendedSampleGenerator : public Generator
{
public:
    BlendedSampleGenerator(std::vector<std::string> values, double blend)
        : m_values(std::move(values))
        , m_blend(blend)
    {
        QHash<QString, std::size_t> index;
        auto word = [&](const QString &w) {
            const auto it = index.constFind(w);
            if (it != index.constEnd())
                return *it;
            index.insert(w, m_words.size());
            m_words.push_back(w.toStdString());
            m_next.emplace_back();
            return m_words.size() - 1;
        };
        for (const std::string &value : m_values) {
            m_longest = std::max(m_longest, value.size());
            const QStringList words =
                QString::fromStdString(value).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (words.isEmpty())
                continue;
            m_lengths.push_back(words.size());
            std::size_t previous = word(words.first());
            m_starts.push_back(previous);
            for (qsizetype i = 1; i < words.size(); ++i) {
                const std::size_t current = word(words[i]);
                m_next[previous].push_back(current);
                previous = current;
            }
        }
        std::vector<std::string_view> all(m_values.begin(), m_values.end());
        m_alphabet = asciiAlphabet(all, " ");
    }

    std::string_view alphabet() const override { return m_alphabet; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) {
            if (m_starts.empty() || !random.chance(m_blend)) {
                text::appendShort(bytes, m_values[random.below(m_values.size())]);
                return;
            }
            const qsizetype length = m_lengths[random.below(m_lengths.size())];
            std::size_t current = m_starts[random.below(m_starts.size())];
            std::string value = m_words[current];
            for (qsizetype i = 1; i < length; ++i) {
                const std::vector<std::size_t> &next = m_next[current];
                current = next.empty() ? random.below(m_words.size()) : next[random.below(next.size())];
                if (value.size() + 1 + m_words[current].size() > m_longest)
                    break;
                value += ' ';
                value += m_words[current];
            }
            text::appendShort(bytes, value);
        });
    }

private:
    std::vector<std::string> m_values;
    double m_blend;
    std::vector<std::string> m_words;             // distinct words of the samples
    std::vector<std::vector<std::size_t>> m_next; // per word: the words that follow it (repeats weigh)
    std::vector<std::size_t> m_starts;            // per sample with words: its first word
    std::vector<qsizetype> m_lengths;             // per sample with words: how many it has
    std::size_t m_longest = 0;                    // bytes of the longest sample
    std::string m_alphabet;
};

Result<GeneratorPtr> makeSample(const GeneratorSpec &spec)
{
    if (spec.column.samples.isEmpty())
        return generationError(spec, QCoreApplication::translate(
                                         "fabrica::Plan", "type sample needs sample data: add \"samples\" to "
                                                          "the column"));
    // "observed" keeps repeated samples, so values come back as often as they were seen.
    const bool observed = spec.string(QStringLiteral("frequency")) == QLatin1String("observed");
    std::vector<std::string> values;
    QSet<QString> seen;
    for (const QString &sample : spec.column.samples) {
        if ((!observed || spec.unique) && seen.contains(sample)) // a unique column takes each value once
            continue;
        seen.insert(sample);
        values.push_back(sample.toStdString());
    }
    const double blend = std::clamp(spec.number(QStringLiteral("blend")), 0.0, 1.0);
    if (blend > 0) {
        if (spec.unique)
            return generationError(
                spec,
                QCoreApplication::translate("fabrica::Plan", "a unique sample column cannot blend new values "
                                                             "in: set \"blend\" to 0 or drop \"unique\""));
        return GeneratorPtr(new BlendedSampleGenerator(std::move(values), blend));
    }
    return GeneratorPtr(new ChoiceGenerator(std::move(values), {}, spec.unique, spec.seed));
}

// A foreign key: a parent row number, turned into the parent's key by the parent's own row function.
class ForeignKeyGenerator : public Generator
{
public:
    ForeignKeyGenerator(const Generator *parent, qint64 parentRows, bool selfReference, bool unique,
                        quint64 key, std::shared_ptr<const CompositeKey> composite, int component,
                        std::shared_ptr<const Cardinality> cardinality)
        : m_parent(parent)
        , m_parentRows(parentRows)
        , m_self(selfReference)
        , m_unique(unique)
        , m_permutation(quint64(std::max<qint64>(parentRows, 1)), key)
        , m_composite(std::move(composite))
        , m_component(component)
        , m_cardinality(std::move(cardinality))
    {}

    ValueClass valueClass() const override { return m_parent->valueClass(); }
    bool isRowFunction() const override { return m_unique || m_composite; }
    std::optional<quint64> domainSize() const override { return quint64(m_parentRows); }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        if (m_composite)
            m_parent->valueAt(m_composite->component(row, m_component), out);
        else
            m_parent->valueAt(qint64(m_permutation.map(quint64(row) % quint64(m_parentRows))), out);
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        ByteBuffer &bytes = out.bytes();
        if (m_cardinality) { // children of one parent are consecutive rows
            Cardinality::Position position = m_cardinality->locate(ctx.firstRow);
            for (int i = 0; i < ctx.rows; ++i, position = m_cardinality->next(position)) {
                if (ctx.isNull(i)) {
                    out.appendNull();
                    continue;
                }
                m_parent->valueAt(position.parent, bytes);
                out.finish();
            }
            return;
        }
        thread_local std::vector<qint64> parents;
        if (m_composite) { // a chunk's parent rows at once: one cardinality lookup, not one per row
            parents.resize(std::size_t(std::max(ctx.rows, 0)));
            m_composite->components(ctx.firstRow, ctx.rows, m_component, parents.data());
        }
        for (int i = 0; i < ctx.rows; ++i) {
            const qint64 row = ctx.firstRow + i;
            // A row can only point at rows that exist: in its own table, at an earlier one.
            if (ctx.isNull(i) || m_parentRows == 0 || (m_self && row == 0)) {
                out.appendNull();
                continue;
            }
            if (m_composite) {
                m_parent->valueAt(parents[std::size_t(i)], bytes);
            } else if (m_unique) {
                valueAt(row, bytes);
            } else {
                Random random = ctx.random(i);
                m_parent->valueAt(qint64(random.below(quint64(m_self ? row : m_parentRows))), bytes);
            }
            out.finish();
        }
    }

private:
    const Generator *m_parent;
    qint64 m_parentRows;
    bool m_self;
    bool m_unique;
    Permutation m_permutation;
    std::shared_ptr<const CompositeKey> m_composite;
    int m_component;
    std::shared_ptr<const Cardinality> m_cardinality;
};

Result<GeneratorPtr> makeForeignKey(const GeneratorSpec &spec)
{
    const QString reference = spec.column.constraints.value(keys::references).toString();
    const qsizetype dot = reference.indexOf(QLatin1Char('.'));
    qint64 parentRows = 0;
    const Generator *parent = spec.keyGenerator(reference.left(dot), reference.mid(dot + 1), &parentRows);
    if (!parent || !parent->isRowFunction())
        return generationError(
            spec,
            QCoreApplication::translate("fabrica::Plan", "the referenced column %1 cannot be computed from a "
                                                         "row number; reference a sequence, uuid or unique "
                                                         "column")
                .arg(reference));
    const bool self = reference.left(dot) == spec.table.name;
    if (spec.unique && parentRows < spec.rows)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "the foreign key is unique, so it needs a parent row "
                                              "per row: %1 has %2 rows, this table %3")
                      .arg(reference.left(dot))
                      .arg(parentRows)
                      .arg(spec.rows));
    return GeneratorPtr(new ForeignKeyGenerator(parent, parentRows, self, spec.unique, spec.seed,
                                                spec.compositeKey, spec.compositeIndex, spec.cardinality));
}

// A JSON object per row, one member per field spec {"type": …, "constraints": {…}}; each field is a
// generator of its own, filled for the whole chunk, then the objects are assembled row by row.
class JsonObjectGenerator : public Generator
{
public:
    struct Field
    {
        std::string key;                // the member name, already JSON-encoded with its quotes
        std::unique_ptr<Column> column; // the synthetic column the field's generator was built from
        GeneratorPtr generator;
        std::uint64_t nullThreshold = 0; // of 2^64: share of rows where the member is null
    };

    explicit JsonObjectGenerator(std::vector<Field> fields)
        : m_fields(std::move(fields))
    {}

    ValueClass valueClass() const override { return ValueClass::Json; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        std::vector<ColumnChunk> values(m_fields.size());
        for (std::size_t f = 0; f < m_fields.size(); ++f) {
            values[f].reset(ctx.rows);
            GenerationContext fieldContext{ctx.chunk, nullptr, ctx.firstRow, ctx.rows,
                                           Random::hash(ctx.columnSeed ^ (f + 1) * 0xC2B2AE3D27D4EB4Full)};
            m_fields[f].generator->fill(fieldContext, values[f]);
        }
        ByteBuffer &bytes = out.bytes();
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            bytes.push_back('{');
            for (std::size_t f = 0; f < m_fields.size(); ++f) {
                const Field &field = m_fields[f];
                if (f > 0)
                    bytes.push_back(',');
                text::appendShort(bytes, field.key);
                bytes.push_back(':');
                Random nulls =
                    Random::forRow(ctx.columnSeed ^ 0x4E554C4C53ull ^ f, quint64(ctx.firstRow + i));
                if (field.nullThreshold && nulls.next() < field.nullThreshold) {
                    text::appendShort(bytes, "null");
                    continue;
                }
                const std::string_view value = values[f].value(i);
                const ValueClass kind = field.generator->valueClass();
                if (kind == ValueClass::Text)
                    appendJsonString(value, bytes);
                else
                    bytes.append(value);
            }
            bytes.push_back('}');
            out.finish();
        }
    }

    static void appendJsonString(std::string_view value, ByteBuffer &out)
    {
        out.push_back('"');
        for (const char c : value) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out.push_back('\\');
                out.push_back(c);
            } else if (byte < 0x20) {
                out.append("\\u00");
                out.push_back(text::hexDigits()[byte >> 4]);
                out.push_back(text::hexDigits()[byte & 0xF]);
            } else {
                out.push_back(c);
            }
        }
        out.push_back('"');
    }

private:
    std::vector<Field> m_fields;
};

Result<GeneratorPtr> makeJson(const GeneratorSpec &spec)
{
    const QJsonObject fields = spec.value(keys::fields).toObject();
    std::vector<JsonObjectGenerator::Field> built;
    int index = 0;
    for (auto it = fields.begin(); it != fields.end(); ++it, ++index) {
        const QJsonObject fieldSpec = it.value().toObject();
        const DataType *type =
            TypeRegistry::instance().find(fieldSpec.value(QStringLiteral("type")).toString());
        if (!type || type->id == QLatin1String("foreign_key"))
            return generationError(spec, QCoreApplication::translate(
                                             "fabrica::Plan", "field \"%1\" of the JSON object needs a data "
                                                              "type other than foreign_key")
                                             .arg(it.key()));
        JsonObjectGenerator::Field field;
        ByteBuffer key;
        JsonObjectGenerator::appendJsonString(it.key().toStdString(), key);
        field.key = key.str();
        field.column = std::make_unique<Column>(
            Column{it.key(), type->id, fieldSpec.value(QStringLiteral("constraints")).toObject(), {}, {}});
        const double nullPercent = field.column->constraints.value(keys::nullPercent).toDouble();
        field.nullThreshold =
            nullPercent >= 100 ? ~std::uint64_t(0) : std::uint64_t(std::ldexp(nullPercent / 100.0, 64));
        const GeneratorSpec fieldSpecFull{spec.schema,
                                          spec.table,
                                          spec.tableIndex,
                                          *field.column,
                                          -1,
                                          *type,
                                          spec.locale,
                                          Random::hash(spec.seed + quint64(index) + 1),
                                          spec.tableSeed,
                                          spec.rows,
                                          false,
                                          spec.keyGenerator};
        Result<GeneratorPtr> generator = GeneratorFactory::instance().create(fieldSpecFull);
        if (!generator)
            return generationError(spec, QStringLiteral("%1: %2").arg(it.key(), generator.error().message));
        field.generator = std::move(generator).value();
        built.push_back(std::move(field));
    }
    return GeneratorPtr(new JsonObjectGenerator(std::move(built)));
}

} // namespace

void registerStructureGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("uuid"), &makeUuid);
    factory.add(QStringLiteral("enum"), &makeEnum);
    factory.add(QStringLiteral("sample"), &makeSample);
    factory.add(QStringLiteral("foreign_key"), &makeForeignKey);
    factory.add(QStringLiteral("json"), &makeJson);
}

} // namespace fabrica
