#include "DdlCheckAnalyzer.h"

#include <cmath>
#include <vector>

namespace fabrica {

namespace {

// Longer expressions are not simple ranges; the cap also keeps the work linear for hostile input.
constexpr qsizetype maxTokens = 512;

struct Range
{
    qsizetype begin = 0;
    qsizetype end = 0; // exclusive
    qsizetype size() const { return end - begin; }
};

void tightenMinimum(std::optional<double> &minimum, bool &exclusive, double value, bool valueExclusive)
{
    if (!minimum || value > *minimum || (value == *minimum && valueExclusive)) {
        minimum = value;
        exclusive = valueExclusive;
    }
}

void tightenMaximum(std::optional<double> &maximum, bool &exclusive, double value, bool valueExclusive)
{
    if (!maximum || value < *maximum || (value == *maximum && valueExclusive)) {
        maximum = value;
        exclusive = valueExclusive;
    }
}

QStringList intersect(const QStringList &kept, const QStringList &allowed)
{
    QStringList out;
    for (const QString &value : kept) {
        if (allowed.contains(value))
            out << value;
    }
    return out;
}

// A PostgreSQL array literal such as '{a,b,"c d"}'; nothing when nested or malformed.
std::optional<QStringList> arrayLiteral(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 2 || !trimmed.startsWith(QLatin1Char('{')) || !trimmed.endsWith(QLatin1Char('}')))
        return std::nullopt;
    QStringList values;
    QString current;
    bool quoted = false;
    bool wasQuoted = false;
    const auto flush = [&] {
        const QString value = wasQuoted ? current : current.trimmed();
        if (wasQuoted || value.compare(QLatin1String("NULL"), Qt::CaseInsensitive) != 0)
            values << value;
        current.clear();
        wasQuoted = false;
    };
    const QStringView inner = QStringView(trimmed).mid(1, trimmed.size() - 2);
    if (inner.trimmed().isEmpty())
        return values;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const QChar c = inner.at(i);
        if (quoted) {
            if (c == u'\\' && i + 1 < inner.size())
                current += inner.at(++i);
            else if (c == u'"')
                quoted = false;
            else
                current += c;
        } else if (c == u'"') {
            quoted = true;
            wasQuoted = true;
        } else if (c == u',') {
            flush();
        } else if (c == u'{' || c == u'}') {
            return std::nullopt;
        } else {
            current += c;
        }
    }
    if (quoted)
        return std::nullopt;
    flush();
    return values;
}

class Expression
{
public:
    Expression(const DdlContext &context, const QList<SqlToken> &tokens)
        : m_context(context)
        , m_tokens(tokens)
        , m_match(std::size_t(tokens.size()), -1)
    {
        std::vector<qsizetype> open;
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const SqlToken &token = tokens.at(i);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                open.push_back(i);
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                if (open.empty() || tokens.at(open.back()).isSymbol("(") != token.isSymbol(")")) {
                    m_balanced = false;
                    return;
                }
                m_match[std::size_t(open.back())] = i;
                m_match[std::size_t(i)] = open.back();
                open.pop_back();
            }
        }
        m_balanced = open.empty();
    }

    bool balanced() const { return m_balanced; }
    Range all() const { return Range{0, m_tokens.size()}; }

    // The conditions joined by AND, however the parentheses nest them.
    std::optional<QList<Range>> conjuncts() const
    {
        QList<Range> work{all()};
        QList<Range> out;
        while (!work.isEmpty()) {
            const Range range = strip(work.takeLast());
            QList<Range> parts;
            qsizetype start = range.begin;
            bool inBetween = false;
            for (qsizetype i = range.begin; i < range.end; i = next(i)) {
                const SqlToken &token = m_tokens.at(i);
                if (token.isWord("OR"))
                    return std::nullopt;
                if (token.isWord("BETWEEN")) {
                    inBetween = true;
                } else if (token.isWord("AND")) {
                    if (inBetween) {
                        inBetween = false;
                    } else {
                        parts << Range{start, i};
                        start = i + 1;
                    }
                }
            }
            if (parts.isEmpty()) {
                out << range;
                continue;
            }
            parts << Range{start, range.end};
            for (qsizetype i = parts.size() - 1; i >= 0; --i)
                work << parts.at(i);
        }
        return out;
    }

    bool condition(Range range, DdlCheckAnalyzer::Facts &facts) const
    {
        range = strip(range);
        qsizetype comparison = -1, between = -1, in = -1, is = -1;
        for (qsizetype i = range.begin; i < range.end; i = next(i)) {
            const SqlToken &token = m_tokens.at(i);
            if (token.isWord("NOT") && is < 0)
                return false;
            if (token.isSymbol("=") || token.isSymbol("==") || token.isSymbol("<") || token.isSymbol("<=") ||
                token.isSymbol(">") || token.isSymbol(">=")) {
                if (comparison >= 0)
                    return false;
                comparison = i;
            } else if (token.isWord("BETWEEN") && between < 0) {
                between = i;
            } else if (token.isWord("IN") && in < 0) {
                in = i;
            } else if (token.isWord("IS") && is < 0) {
                is = i;
            } else if (token.isWord("LIKE") || token.isWord("ILIKE") || token.isWord("SIMILAR") ||
                       token.isWord("REGEXP") || token.isWord("GLOB") || token.isWord("MATCH")) {
                return false;
            }
        }
        if (is >= 0) {
            const bool notNull = range.end - is == 3 && m_tokens.at(is + 1).isWord("NOT") &&
                                 m_tokens.at(is + 2).isWord("NULL");
            if (!notNull || !about(column(Range{range.begin, is}), facts))
                return false;
            facts.notNull = true;
            return true;
        }
        if (between >= 0 && comparison < 0 && in < 0) {
            qsizetype andAt = -1;
            for (qsizetype i = between + 1; i < range.end && andAt < 0; i = next(i)) {
                if (m_tokens.at(i).isWord("AND"))
                    andAt = i;
            }
            const std::optional<double> low = number(Range{between + 1, andAt});
            const std::optional<double> high = number(Range{andAt + 1, range.end});
            if (andAt < 0 || !low || !high || !about(column(Range{range.begin, between}), facts))
                return false;
            tightenMinimum(facts.minimum, facts.minimumExclusive, *low, false);
            tightenMaximum(facts.maximum, facts.maximumExclusive, *high, false);
            return true;
        }
        if (in >= 0 && comparison < 0) {
            const qsizetype open = in + 1;
            if (open >= range.end || !m_tokens.at(open).isSymbol("(") ||
                m_match[std::size_t(open)] != range.end - 1)
                return false;
            const std::optional<QStringList> values = list(Range{open + 1, range.end - 1});
            return values && about(column(Range{range.begin, in}), facts) && allow(*values, facts);
        }
        if (comparison < 0 || between >= 0 || in >= 0)
            return false;
        const Range left{range.begin, comparison};
        const Range right{comparison + 1, range.end};
        const QString op = m_tokens.at(comparison).text;
        if (op == QLatin1String("=") || op == QLatin1String("==")) {
            const Range any = strip(right);
            if (any.size() >= 3 &&
                (m_tokens.at(any.begin).isWord("ANY") || m_tokens.at(any.begin).isWord("SOME")) &&
                m_tokens.at(any.begin + 1).isSymbol("(") &&
                m_match[std::size_t(any.begin + 1)] == any.end - 1) {
                const std::optional<QStringList> values = arrayValues(Range{any.begin + 2, any.end - 1});
                return values && about(column(left), facts) && allow(*values, facts);
            }
            if (const std::optional<QString> value = literal(right); value && about(column(left), facts))
                return allow({*value}, facts);
            if (const std::optional<QString> value = literal(left); value && about(column(right), facts))
                return allow({*value}, facts);
            return false;
        }
        // col op number, or number op col read from the column's side.
        bool flipped = false;
        std::optional<double> value = number(right);
        std::optional<QString> name = value ? column(left) : std::nullopt;
        if (!name) {
            value = number(left);
            name = value ? column(right) : std::nullopt;
            flipped = true;
        }
        if (!value || !about(name, facts))
            return false;
        const bool greater = (op.startsWith(QLatin1Char('>'))) != flipped;
        const bool exclusive = !op.endsWith(QLatin1Char('='));
        if (greater)
            tightenMinimum(facts.minimum, facts.minimumExclusive, *value, exclusive);
        else
            tightenMaximum(facts.maximum, facts.maximumExclusive, *value, exclusive);
        return true;
    }

    qsizetype next(qsizetype i) const
    {
        // Groups are stepped over whole: only what is outside parentheses counts.
        const qsizetype match = m_match[std::size_t(i)];
        return (match > i ? match : i) + 1;
    }

    Range strip(Range range) const
    {
        while (range.size() >= 2 && m_tokens.at(range.begin).isSymbol("(") &&
               m_match[std::size_t(range.begin)] == range.end - 1) {
            ++range.begin;
            --range.end;
        }
        return range;
    }

    // The operand without the parentheses and casts around it: ((carrier)::text) → carrier.
    Range core(Range range) const
    {
        for (;;) {
            range = strip(range);
            qsizetype cast = -1;
            for (qsizetype i = range.begin; i < range.end && cast < 0; i = next(i)) {
                if (m_tokens.at(i).isSymbol("::"))
                    cast = i;
            }
            if (cast > range.begin) {
                range.end = cast;
                continue;
            }
            if (range.size() >= 4 && m_tokens.at(range.begin).isWord("CAST") &&
                m_tokens.at(range.begin + 1).isSymbol("(") &&
                m_match[std::size_t(range.begin + 1)] == range.end - 1) {
                qsizetype as = -1;
                for (qsizetype i = range.begin + 2; i < range.end - 1 && as < 0; i = next(i)) {
                    if (m_tokens.at(i).isWord("AS"))
                        as = i;
                }
                if (as > range.begin + 2) {
                    range = Range{range.begin + 2, as};
                    continue;
                }
            }
            return range;
        }
    }

    std::optional<QString> column(Range range) const
    {
        range = core(range);
        if (range.size() == 3 && m_context.isName(m_tokens.at(range.begin)) &&
            m_tokens.at(range.begin + 1).isSymbol("."))
            range.begin += 2; // table.column
        if (range.size() != 1)
            return std::nullopt;
        const SqlToken &token = m_tokens.at(range.begin);
        if (!m_context.isName(token) || token.isWord("TRUE") || token.isWord("FALSE") || token.isWord("NULL"))
            return std::nullopt;
        return m_context.nameOf(token);
    }

    // A number, signed, maybe in a string: PostgreSQL writes negative constants as '-100'::integer.
    std::optional<double> number(Range range) const
    {
        bool negative = false;
        range = core(range);
        while (range.size() > 1 &&
               (m_tokens.at(range.begin).isSymbol("-") || m_tokens.at(range.begin).isSymbol("+"))) {
            negative = negative != m_tokens.at(range.begin).isSymbol("-");
            ++range.begin;
            range = core(range);
        }
        if (range.size() != 1)
            return std::nullopt;
        const SqlToken &token = m_tokens.at(range.begin);
        if (token.kind != SqlToken::Kind::Number &&
            (token.kind != SqlToken::Kind::String || token.quote == u'$'))
            return std::nullopt;
        bool ok = false;
        const double value = token.text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return std::nullopt;
        return negative ? -value : value;
    }

    bool isNull(Range range) const
    {
        range = core(range);
        return range.size() == 1 && m_tokens.at(range.begin).isWord("NULL");
    }

    std::optional<QString> literal(Range range) const
    {
        range = core(range);
        // A typed literal: DATE '2024-01-01', TIMESTAMP '…', INTERVAL '1 day'.
        if (range.size() == 2 && m_tokens.at(range.begin + 1).kind == SqlToken::Kind::String &&
            m_tokens.at(range.begin + 1).quote == u'\'' &&
            (m_tokens.at(range.begin).isWord("DATE") || m_tokens.at(range.begin).isWord("TIME") ||
             m_tokens.at(range.begin).isWord("TIMESTAMP") || m_tokens.at(range.begin).isWord("TIMESTAMPTZ") ||
             m_tokens.at(range.begin).isWord("INTERVAL")))
            ++range.begin;
        QString sign;
        if (range.size() == 2 && m_tokens.at(range.begin).isSymbol("+"))
            ++range.begin;
        if (range.size() == 2 && m_tokens.at(range.begin).isSymbol("-")) {
            sign = QStringLiteral("-");
            ++range.begin;
        }
        if (range.size() != 1)
            return std::nullopt;
        const SqlToken &token = m_tokens.at(range.begin);
        if (token.kind == SqlToken::Kind::Number)
            return token.text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
                       ? std::nullopt
                       : std::optional(sign + token.text);
        if (!sign.isEmpty())
            return std::nullopt;
        if (token.kind == SqlToken::Kind::String && token.quote != u'X' && token.quote != u'B')
            return token.text;
        if (token.isWord("TRUE") || token.isWord("FALSE"))
            return token.text.toLower();
        return std::nullopt;
    }

    std::optional<QStringList> list(Range range) const
    {
        QStringList values;
        qsizetype start = range.begin;
        for (qsizetype i = range.begin; i <= range.end; i = i < range.end ? next(i) : i + 1) {
            if (i < range.end && !m_tokens.at(i).isSymbol(","))
                continue;
            const Range item{start, i};
            start = i + 1;
            if (isNull(item))
                continue; // IN ('a', NULL) allows nothing more
            const std::optional<QString> value = literal(item);
            if (!value)
                return std::nullopt;
            values << *value;
        }
        return values;
    }

    // ARRAY['a'::text, …] or '{a,b}', with any casts around them.
    std::optional<QStringList> arrayValues(Range range) const
    {
        range = core(range);
        if (range.size() >= 3 && m_tokens.at(range.begin).isWord("ARRAY") &&
            m_tokens.at(range.begin + 1).isSymbol("[") &&
            m_match[std::size_t(range.begin + 1)] == range.end - 1)
            return list(Range{range.begin + 2, range.end - 1});
        if (range.size() == 1 && m_tokens.at(range.begin).kind == SqlToken::Kind::String)
            return arrayLiteral(m_tokens.at(range.begin).text);
        return std::nullopt;
    }

    bool about(const std::optional<QString> &name, DdlCheckAnalyzer::Facts &facts) const
    {
        if (!name)
            return false;
        if (facts.column.isEmpty()) {
            facts.column = *name;
            return true;
        }
        return m_context.sameName(facts.column, *name);
    }

    static bool allow(const QStringList &values, DdlCheckAnalyzer::Facts &facts)
    {
        if (values.isEmpty())
            return false;
        facts.allowedValues = facts.allowedValues ? intersect(*facts.allowedValues, values) : values;
        return true;
    }

private:
    const DdlContext &m_context;
    const QList<SqlToken> &m_tokens;
    std::vector<qsizetype> m_match;
    bool m_balanced = true;
};

} // namespace

std::optional<DdlCheckAnalyzer::Facts> DdlCheckAnalyzer::analyse(const DdlContext &context,
                                                                 const QList<SqlToken> &tokens)
{
    if (tokens.isEmpty() || tokens.size() > maxTokens)
        return std::nullopt;
    const Expression expression(context, tokens);
    if (!expression.balanced())
        return std::nullopt;
    const std::optional<QList<Range>> conditions = expression.conjuncts();
    if (!conditions)
        return std::nullopt;
    Facts facts;
    for (const Range &condition : *conditions) {
        if (condition.size() == 0 || !expression.condition(condition, facts))
            return std::nullopt;
    }
    if (facts.column.isEmpty())
        return std::nullopt;
    return facts;
}

std::optional<QString> DdlCheckAnalyzer::literal(const DdlContext &context, const QList<SqlToken> &tokens,
                                                 bool *isNull)
{
    if (isNull)
        *isNull = false;
    if (tokens.isEmpty() || tokens.size() > maxTokens)
        return std::nullopt;
    const Expression expression(context, tokens);
    if (!expression.balanced())
        return std::nullopt;
    if (expression.isNull(expression.all())) {
        if (isNull)
            *isNull = true;
        return std::nullopt;
    }
    return expression.literal(expression.all());
}

void DdlCheckAnalyzer::apply(const Facts &facts, ImportedColumn &column)
{
    if (facts.minimum)
        tightenMinimum(column.minimum, column.minimumExclusive, *facts.minimum, facts.minimumExclusive);
    if (facts.maximum)
        tightenMaximum(column.maximum, column.maximumExclusive, *facts.maximum, facts.maximumExclusive);
    if (facts.allowedValues) {
        const QStringList kept = column.allowedValues.isEmpty()
                                     ? *facts.allowedValues
                                     : intersect(column.allowedValues, *facts.allowedValues);
        // Lists that share nothing cannot both hold; the CHECK is the stricter word.
        column.allowedValues = kept.isEmpty() ? *facts.allowedValues : kept;
    }
    column.notNull = column.notNull || facts.notNull;
}

} // namespace fabrica
