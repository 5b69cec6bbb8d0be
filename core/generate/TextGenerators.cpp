// Generators of the text category: string, char, pattern, template and the lorem types.
#include "ByteBuffer.h"
#include "GeneratorFactory.h"
#include "LocaleData.h"
#include "Pattern.h"
#include "Permutation.h"
#include "TextFormat.h"
#include "TextTransform.h"
#include "model/ConstraintKeys.h"
#include "types/TemplateSyntax.h"
#include "types/TypeRegistry.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace fabrica {

namespace {

// Random strings over an alphabet; unique columns decode a permuted row number in base |alphabet|
// (always maxLength characters then, so the decoding is a bijection).
class StringGenerator : public Generator
{
public:
    StringGenerator(std::vector<std::string> alphabet, int minLength, int maxLength, bool unique, quint64 key)
        : m_alphabet(std::move(alphabet))
        , m_minLength(minLength)
        , m_maxLength(maxLength)
        , m_unique(unique)
        , m_permutation(domain(), key)
    {}

    bool isRowFunction() const override { return m_unique; }
    std::optional<quint64> domainSize() const override { return domain(); }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        quint64 index = m_permutation.map(quint64(row) % domain());
        const quint64 base = m_alphabet.size();
        for (int i = 0; i < m_maxLength; ++i) {
            text::appendShort(out, m_alphabet[index % base]);
            index /= base;
        }
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        if (m_unique) {
            fillFromRows(*this, ctx, out);
            return;
        }
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) {
            const int length = int(random.between(m_minLength, m_maxLength));
            for (int k = 0; k < length; ++k)
                text::appendShort(bytes, m_alphabet[random.below(m_alphabet.size())]);
        });
    }

private:
    // alphabet^maxLength for unique columns, saturating; all lengths for the others.
    quint64 domain() const
    {
        quint64 total = 1;
        for (int i = 0; i < m_maxLength; ++i) {
            if (total > ~quint64(0) / m_alphabet.size())
                return ~quint64(0);
            total *= m_alphabet.size();
        }
        return total;
    }

    std::vector<std::string> m_alphabet; // one UTF-8 character each
    int m_minLength;
    int m_maxLength;
    bool m_unique;
    Permutation m_permutation;
};

std::vector<std::string> characters(const QString &alphabet)
{
    std::vector<std::string> result;
    for (qsizetype i = 0; i < alphabet.size(); ++i) {
        const qsizetype length = alphabet.at(i).isHighSurrogate() && i + 1 < alphabet.size() ? 2 : 1;
        const std::string character = alphabet.mid(i, length).toStdString();
        if (std::find(result.begin(), result.end(), character) == result.end())
            result.push_back(character);
        i += length - 1;
    }
    return result;
}

Result<GeneratorPtr> makeString(const GeneratorSpec &spec)
{
    const std::vector<std::string> alphabet = characters(spec.string(QStringLiteral("alphabet")));
    if (alphabet.empty())
        return generationError(spec, QCoreApplication::translate("fabrica::Plan", "the alphabet is empty"));
    const bool fixed = spec.type.id == QLatin1String("char");
    const int minLength = int(spec.integer(fixed ? QStringLiteral("length") : QStringLiteral("minLength")));
    const int maxLength = int(spec.integer(fixed ? QStringLiteral("length") : QStringLiteral("maxLength")));
    return GeneratorPtr(new StringGenerator(alphabet, minLength, maxLength, spec.unique, spec.seed));
}

class PatternGenerator : public Generator
{
public:
    PatternGenerator(Pattern pattern, bool unique, quint64 key)
        : m_pattern(std::move(pattern))
        , m_unique(unique)
        , m_permutation(m_pattern.domainSize(), key)
    {}
    bool isRowFunction() const override { return m_unique; }
    std::optional<quint64> domainSize() const override { return m_pattern.domainSize(); }
    void valueAt(qint64 row, ByteBuffer &out) const override
    {
        m_pattern.nth(m_permutation.map(quint64(row) % m_pattern.domainSize()), out);
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        if (m_unique) {
            fillFromRows(*this, ctx, out);
            return;
        }
        fillValues(ctx, out,
                   [&](qint64, Random &random, ByteBuffer &bytes) { m_pattern.generate(random, bytes); });
    }

private:
    Pattern m_pattern;
    bool m_unique;
    Permutation m_permutation;
};

Result<GeneratorPtr> makePattern(const GeneratorSpec &spec)
{
    Result<Pattern> pattern = Pattern::compile(spec.string(QStringLiteral("pattern")));
    if (!pattern)
        return generationError(spec, pattern.error().message);
    if (spec.unique && !pattern->domainIsExact())
        return generationError(
            spec,
            QCoreApplication::translate("fabrica::Plan", "the pattern can produce the same value in two ways "
                                                         "(e.g. \"a?a?\"), so Fabrica cannot make it unique; "
                                                         "rewrite it so each value has one spelling"));
    return GeneratorPtr(new PatternGenerator(std::move(pattern).value(), spec.unique, spec.seed));
}

// Literal text with placeholders filled from other columns of the same row or from fresh values of a type.
class TemplateGenerator : public Generator
{
public:
    struct Part
    {
        std::string literal;
        int column = -1;                     // a column of the same table
        std::unique_ptr<Column> innerColumn; // or a data type: its synthetic column…
        GeneratorPtr inner;                  // …and generator
        std::vector<std::string> filters;
    };

    explicit TemplateGenerator(std::vector<Part> parts)
        : m_parts(std::move(parts))
    {}

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        // Values of type placeholders for the whole chunk, each from its own stream.
        std::vector<ColumnChunk> inner(m_parts.size());
        for (std::size_t p = 0; p < m_parts.size(); ++p) {
            if (!m_parts[p].inner)
                continue;
            inner[p].reset(ctx.rows);
            GenerationContext innerContext{ctx.chunk, nullptr, ctx.firstRow, ctx.rows,
                                           Random::hash(ctx.columnSeed ^ (p + 1) * 0x9E3779B97F4A7C15ull)};
            m_parts[p].inner->fill(innerContext, inner[p]);
        }
        ByteBuffer &bytes = out.bytes();
        ByteBuffer scratch, filtered;
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            for (std::size_t p = 0; p < m_parts.size(); ++p) {
                const Part &part = m_parts[p];
                std::string_view value = part.literal;
                if (part.column >= 0) {
                    const ColumnChunk &source = ctx.chunk.columns[part.column];
                    value = source.isNull(i) ? std::string_view() : source.value(i);
                } else if (part.inner) {
                    value = inner[p].value(i);
                }
                if (part.filters.empty()) {
                    text::appendShort(bytes, value);
                    continue;
                }
                scratch.assign(value);
                for (const std::string &filter : part.filters) {
                    filtered.clear();
                    transform::apply(filter, scratch, filtered);
                    scratch.swap(filtered);
                }
                text::appendShort(bytes, scratch);
            }
            out.finish();
        }
    }

private:
    std::vector<Part> m_parts;
};

Result<GeneratorPtr> makeTemplate(const GeneratorSpec &spec)
{
    QList<TemplateSyntax::Part> parsed;
    if (const auto error = TemplateSyntax::parse(spec.string(keys::templateText), &parsed))
        return generationError(spec, error->message);
    std::vector<TemplateGenerator::Part> parts;
    bool hasUniqueColumn = false;
    int innerIndex = 0;
    for (const TemplateSyntax::Part &piece : parsed) {
        TemplateGenerator::Part part;
        part.literal = piece.literal.toStdString();
        for (const QString &filter : piece.filters)
            part.filters.push_back(filter.toStdString());
        if (!piece.placeholder.isEmpty()) {
            part.column = spec.table.columnIndex(piece.placeholder);
            if (part.column >= 0) {
                const QJsonObject &constraints = spec.table.columns.at(part.column).constraints;
                // A NULL source renders as nothing, so only a NOT NULL unique column keeps the template
                // unique.
                const bool notNull =
                    constraints.value(keys::notNull).toBool() || constraints.value(keys::primaryKey).toBool();
                hasUniqueColumn =
                    hasUniqueColumn || (notNull && (constraints.value(keys::unique).toBool() ||
                                                    constraints.value(keys::primaryKey).toBool()));
            } else {
                const DataType *type = TypeRegistry::instance().find(piece.placeholder);
                part.innerColumn =
                    std::make_unique<Column>(Column{piece.placeholder, piece.placeholder, {}, {}, {}});
                const GeneratorSpec innerSpec{spec.schema,
                                              spec.table,
                                              spec.tableIndex,
                                              *part.innerColumn,
                                              -1,
                                              *type,
                                              spec.locale,
                                              Random::hash(spec.seed + quint64(++innerIndex)),
                                              spec.tableSeed,
                                              spec.rows,
                                              false,
                                              spec.keyGenerator};
                Result<GeneratorPtr> inner = GeneratorFactory::instance().create(innerSpec);
                if (!inner)
                    return generationError(spec, inner.error().message);
                part.inner = std::move(inner).value();
            }
        }
        parts.push_back(std::move(part));
    }
    if (spec.unique && !hasUniqueColumn)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "a unique template needs a placeholder of a unique, NOT NULL "
                                              "column of the same table, such as {id}"));
    return GeneratorPtr(new TemplateGenerator(std::move(parts)));
}

// lorem_word, lorem_sentence and lorem_paragraph.
class LoremGenerator : public Generator
{
public:
    LoremGenerator(int minWords, int maxWords, int minSentences, int maxSentences)
        : m_words(CommonData::get().loremWords())
        , m_minWords(minWords)
        , m_maxWords(maxWords)
        , m_minSentences(minSentences)
        , m_maxSentences(maxSentences)
        , m_alphabet(listAlphabet({&m_words}, " .ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    {
        // Words of up to 16 bytes also live in 16-byte slots, so a sentence copies each word with one
        // fixed-size move straight into the column and advances by its length.
        bool packable = m_words.size() > 0;
        for (std::size_t i = 0; i < m_words.size() && packable; ++i)
            packable = m_words.at(i).size() <= kSlot;
        if (packable) {
            m_slots.assign(m_words.size() * kSlot, ' ');
            m_lengths.resize(m_words.size());
            for (std::size_t i = 0; i < m_words.size(); ++i) {
                std::memcpy(m_slots.data() + i * kSlot, m_words.at(i).data(), m_words.at(i).size());
                m_lengths[i] = std::uint8_t(m_words.at(i).size());
            }
        }
    }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) {
            const int sentences =
                m_maxSentences == 0 ? 0 : int(random.between(m_minSentences, m_maxSentences));
            if (sentences == 0) {
                text::appendShort(bytes, m_words.pick(random));
            } else {
                for (int s = 0; s < sentences; ++s) {
                    if (s > 0)
                        bytes.push_back(' ');
                    sentence(random, bytes);
                }
            }
        });
    }

private:
    static constexpr std::size_t kSlot = 16;
    static constexpr int kMaxPackedWords = 64;

    void sentence(Random &random, ByteBuffer &out) const
    {
        const int words = int(random.between(m_minWords, m_maxWords));
        if (m_lengths.empty() || words > kMaxPackedWords) {
            slowSentence(words, random, out);
            return;
        }
        // Room for the worst case (every word a full slot, a space before each, the period); trimmed after.
        char *const start = out.grow(std::size_t(words) * (kSlot + 1) + 1);
        char *p = start;
        for (int w = 0; w < words; ++w) {
            const std::size_t index = m_words.pickIndex(random);
            if (w > 0)
                *p++ = ' ';
            std::memcpy(p, m_slots.data() + index * kSlot, kSlot);
            if (w == 0 && *p >= 'a' && *p <= 'z')
                *p = char(*p - 32);
            p += m_lengths[index];
        }
        *p++ = '.';
        out.resize(std::size_t(p - out.data()));
    }

    void slowSentence(int words, Random &random, ByteBuffer &out) const
    {
        // Built in a local buffer with inline copies and appended once: a sentence is one copy into the
        // column instead of a dozen small ones.
        char buffer[1024];
        char *p = buffer;
        for (int w = 0; w < words; ++w) {
            const std::string &word = m_words.pick(random);
            if (p - buffer + word.size() + 2 > sizeof buffer) { // very long sentences: flush as we go
                out.append(buffer, std::size_t(p - buffer));
                p = buffer;
            }
            if (w > 0)
                *p++ = ' ';
            char *start = p;
            p = text::copyShort(p, word.data(), word.size());
            if (w == 0 && *start >= 'a' && *start <= 'z')
                *start = char(*start - 32);
        }
        *p++ = '.';
        out.append(buffer, std::size_t(p - buffer));
    }

    const WordList &m_words;
    int m_minWords;
    int m_maxWords;
    int m_minSentences;
    int m_maxSentences;
    std::string m_alphabet;              // the words' letters, capitals, space and period
    std::vector<char> m_slots;           // word i at i * kSlot, padded; empty when a word is longer
    std::vector<std::uint8_t> m_lengths; // byte length of word i

public:
    std::string_view alphabet() const override { return m_alphabet; }
};

Result<GeneratorPtr> makeLorem(const GeneratorSpec &spec)
{
    const QString id = spec.type.id;
    if (id == QLatin1String("lorem_word"))
        return GeneratorPtr(new LoremGenerator(1, 1, 0, 0));
    if (id == QLatin1String("lorem_sentence"))
        return GeneratorPtr(new LoremGenerator(int(spec.integer(QStringLiteral("minWords"))),
                                               int(spec.integer(QStringLiteral("maxWords"))), 1, 1));
    return GeneratorPtr(new LoremGenerator(6, 14, int(spec.integer(QStringLiteral("minSentences"))),
                                           int(spec.integer(QStringLiteral("maxSentences")))));
}

} // namespace

void registerTextGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("string"), &makeString);
    factory.add(QStringLiteral("char"), &makeString);
    factory.add(QStringLiteral("pattern"), &makePattern);
    factory.add(QStringLiteral("template"), &makeTemplate);
    factory.add(QStringLiteral("lorem_word"), &makeLorem);
    factory.add(QStringLiteral("lorem_sentence"), &makeLorem);
    factory.add(QStringLiteral("lorem_paragraph"), &makeLorem);
}

} // namespace fabrica
