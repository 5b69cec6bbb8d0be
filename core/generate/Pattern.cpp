#include "Pattern.h"
#include "ByteBuffer.h"

#include "Random.h"

#include <algorithm>
#include <limits>

namespace fabrica {

namespace {

constexpr quint64 kHuge = std::numeric_limits<quint64>::max();
constexpr char32_t kPrintableFirst = 0x20;
constexpr char32_t kPrintableLast = 0x7E;
// Classes up to this size get a table of encoded members; larger ones ([\x{0}-\x{FFFF}]) are looked up by
// range, so a short pattern cannot ask for megabytes of tables.
constexpr quint64 kTableLimit = 1024;

quint64 saturatingAdd(quint64 a, quint64 b)
{
    return a > kHuge - b ? kHuge : a + b;
}

quint64 saturatingMul(quint64 a, quint64 b)
{
    return (b != 0 && a > kHuge / b) ? kHuge : a * b;
}

// A set of characters as sorted, disjoint, non-adjacent inclusive ranges.
struct Span
{
    char32_t first;
    char32_t last;
};
using CharSet = std::vector<Span>;

void normalise(CharSet &set)
{
    std::sort(set.begin(), set.end(), [](const Span &a, const Span &b) { return a.first < b.first; });
    CharSet merged;
    for (const Span &span : set) {
        if (!merged.empty() && span.first <= merged.back().last + 1)
            merged.back().last = std::max(merged.back().last, span.last);
        else
            merged.push_back(span);
    }
    // Surrogates are not characters: they have no UTF-8 and no regular expression matches them.
    set.clear();
    for (const Span &span : merged) {
        if (span.last < 0xD800 || span.first > 0xDFFF) {
            set.push_back(span);
            continue;
        }
        if (span.first < 0xD800)
            set.push_back({span.first, 0xD7FF});
        if (span.last > 0xDFFF)
            set.push_back({0xE000, span.last});
    }
}

CharSet unite(CharSet a, const CharSet &b)
{
    a.insert(a.end(), b.begin(), b.end());
    normalise(a);
    return a;
}

// The printable ASCII characters not in set (which is normalised).
CharSet complement(const CharSet &set)
{
    CharSet result;
    char32_t next = kPrintableFirst;
    for (const Span &span : set) {
        if (span.last < next)
            continue;
        if (span.first > kPrintableLast)
            break;
        if (span.first > next)
            result.push_back({next, span.first - 1});
        next = span.last + 1;
    }
    if (next <= kPrintableLast)
        result.push_back({next, kPrintableLast});
    return result;
}

quint64 memberCount(const CharSet &set)
{
    quint64 count = 0;
    for (const Span &span : set)
        count += span.last - span.first + 1;
    return count;
}

bool intersects(const CharSet &a, const CharSet &b)
{
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].last < b[j].first)
            ++i;
        else if (b[j].last < a[i].first)
            ++j;
        else
            return true;
    }
    return false;
}

const CharSet kDigits = {{U'0', U'9'}};
const CharSet kWord = {{U'0', U'9'}, {U'A', U'Z'}, {U'_', U'_'}, {U'a', U'z'}};
const CharSet kSpace = {{U' ', U' '}};
const CharSet kPrintable = {{kPrintableFirst, kPrintableLast}};

struct PosixClass
{
    const char32_t *name;
    CharSet set;
};
const PosixClass kPosixClasses[] = {
    {U"alpha", {{U'A', U'Z'}, {U'a', U'z'}}},
    {U"digit", kDigits},
    {U"alnum", {{U'0', U'9'}, {U'A', U'Z'}, {U'a', U'z'}}},
    {U"upper", {{U'A', U'Z'}}},
    {U"lower", {{U'a', U'z'}}},
    {U"xdigit", {{U'0', U'9'}, {U'A', U'F'}, {U'a', U'f'}}},
    {U"word", kWord},
    {U"space", kSpace},
    {U"blank", kSpace},
    {U"punct", {{U'!', U'/'}, {U':', U'@'}, {U'[', U'`'}, {U'{', U'~'}}},
    {U"print", kPrintable},
    {U"graph", {{U'!', U'~'}}},
};

template<typename Out> void appendUtf8(Out &out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(char(c));
    } else if (c < 0x800) {
        const char bytes[] = {char(0xC0 | (c >> 6)), char(0x80 | (c & 0x3F))};
        out.append(bytes, 2);
    } else if (c < 0x10000) {
        const char bytes[] = {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)),
                              char(0x80 | (c & 0x3F))};
        out.append(bytes, 3);
    } else {
        const char bytes[] = {char(0xF0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3F)),
                              char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
        out.append(bytes, 4);
    }
}

// A character's UTF-8 packed into a word, the first byte lowest; the lead byte gives the length back.
quint32 packUtf8(char32_t c)
{
    std::string bytes;
    appendUtf8(bytes, c);
    quint32 packed = 0;
    for (size_t i = 0; i < bytes.size(); ++i)
        packed |= quint32(quint8(bytes[i])) << (8 * i);
    return packed;
}

inline void appendPacked(ByteBuffer &out, quint32 packed)
{
    const quint32 lead = packed & 0xFF;
    if (lead < 0x80) {
        out.push_back(char(lead));
        return;
    }
    const char bytes[] = {char(lead), char((packed >> 8) & 0xFF), char((packed >> 16) & 0xFF),
                          char((packed >> 24) & 0xFF)};
    out.append(bytes, lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
}

// The parse tree before it is flattened into Pattern's nodes. The make* functions normalise as they build,
// so coinciding ways of making the same string merge where that is cheap to see.
struct Ast
{
    enum Kind { Literal, Class, Sequence, Alternation, Repeat } kind = Literal;
    std::u32string text;       // Literal
    CharSet set;               // Class: normalised, at least two members
    std::vector<Ast> children; // Sequence, Alternation; Repeat: the one repeated item
    int min = 0;               // Repeat
    int max = 0;
    int minLength = 0; // in characters
    int maxLength = 0;

    bool fixedLength() const { return minLength == maxLength; }
    bool isLiteral() const { return kind == Literal; }
};

Ast makeLiteral(std::u32string text)
{
    Ast ast;
    ast.minLength = ast.maxLength = int(text.size());
    ast.text = std::move(text);
    return ast;
}

Ast makeClass(CharSet set)
{
    if (set.size() == 1 && set.front().first == set.front().last)
        return makeLiteral(std::u32string(1, set.front().first));
    Ast ast;
    ast.kind = Ast::Class;
    ast.set = std::move(set);
    ast.minLength = ast.maxLength = 1;
    return ast;
}

Ast makeSequence(std::vector<Ast> items)
{
    std::vector<Ast> flat;
    auto add = [&flat](Ast &&item) {
        if (item.isLiteral() && item.text.empty())
            return;
        if (item.isLiteral() && !flat.empty() && flat.back().isLiteral()) {
            flat.back().text += item.text;
            flat.back().minLength = flat.back().maxLength = int(flat.back().text.size());
            return;
        }
        flat.push_back(std::move(item));
    };
    for (Ast &item : items) {
        if (item.kind == Ast::Sequence) {
            for (Ast &child : item.children)
                add(std::move(child));
        } else {
            add(std::move(item));
        }
    }
    if (flat.empty())
        return makeLiteral({});
    if (flat.size() == 1)
        return std::move(flat.front());
    Ast ast;
    ast.kind = Ast::Sequence;
    for (const Ast &child : flat) {
        ast.minLength += child.minLength;
        ast.maxLength += child.maxLength;
    }
    ast.children = std::move(flat);
    return ast;
}

Ast makeAlternation(std::vector<Ast> alternatives)
{
    std::vector<Ast> flat;
    for (Ast &alternative : alternatives) {
        if (alternative.kind == Ast::Alternation) {
            for (Ast &child : alternative.children)
                flat.push_back(std::move(child));
        } else {
            flat.push_back(std::move(alternative));
        }
    }
    const bool singleCharacters = std::all_of(flat.begin(), flat.end(), [](const Ast &a) {
        return a.kind == Ast::Class || (a.isLiteral() && a.text.size() == 1);
    });
    if (singleCharacters) {
        CharSet set;
        for (const Ast &a : flat) {
            if (a.kind == Ast::Class)
                set.insert(set.end(), a.set.begin(), a.set.end());
            else
                set.push_back({a.text.front(), a.text.front()});
        }
        normalise(set);
        return makeClass(std::move(set));
    }
    std::vector<Ast> distinct;
    for (Ast &a : flat) {
        const bool repeated =
            a.isLiteral() && std::any_of(distinct.begin(), distinct.end(),
                                         [&a](const Ast &b) { return b.isLiteral() && b.text == a.text; });
        if (!repeated)
            distinct.push_back(std::move(a));
    }
    if (distinct.size() == 1)
        return std::move(distinct.front());
    Ast ast;
    ast.kind = Ast::Alternation;
    ast.minLength = std::numeric_limits<int>::max();
    for (const Ast &child : distinct) {
        ast.minLength = std::min(ast.minLength, child.minLength);
        ast.maxLength = std::max(ast.maxLength, child.maxLength);
    }
    ast.children = std::move(distinct);
    return ast;
}

// The caller has checked that child.maxLength * max stays within Pattern::maxValueLength.
Ast makeRepeat(Ast child, int min, int max)
{
    if (max == 0 || (child.isLiteral() && child.text.empty()))
        return makeLiteral({});
    if (min == 1 && max == 1)
        return child;
    if (child.isLiteral() && min == max) {
        std::u32string text;
        for (int i = 0; i < min; ++i)
            text += child.text;
        return makeLiteral(std::move(text));
    }
    Ast ast;
    ast.kind = Ast::Repeat;
    ast.min = min;
    ast.max = max;
    ast.minLength = child.minLength * min;
    ast.maxLength = child.maxLength * max;
    ast.children.push_back(std::move(child));
    return ast;
}

CharSet firstCharacters(const Ast &ast);

// The characters the concatenation items[from..] can start with.
CharSet firstCharacters(const std::vector<Ast> &items, size_t from)
{
    CharSet set;
    for (size_t i = from; i < items.size(); ++i) {
        set = unite(std::move(set), firstCharacters(items[i]));
        if (items[i].minLength > 0)
            break;
    }
    return set;
}

CharSet firstCharacters(const Ast &ast)
{
    switch (ast.kind) {
    case Ast::Literal:
        return ast.text.empty() ? CharSet{} : CharSet{{ast.text.front(), ast.text.front()}};
    case Ast::Class:
        return ast.set;
    case Ast::Sequence:
        return firstCharacters(ast.children, 0);
    case Ast::Alternation:
    case Ast::Repeat: {
        CharSet set;
        for (const Ast &child : ast.children)
            set = unite(std::move(set), firstCharacters(child));
        return set;
    }
    }
    return {};
}

// Every character a value of ast can contain.
CharSet alphabet(const Ast &ast)
{
    if (ast.kind == Ast::Class)
        return ast.set;
    CharSet set;
    for (char32_t c : ast.text)
        set.push_back({c, c});
    for (const Ast &child : ast.children) {
        const CharSet members = alphabet(child);
        set.insert(set.end(), members.begin(), members.end());
    }
    normalise(set);
    return set;
}

// Whether every value of ast has exactly one derivation, so counting derivations counts strings. A
// sufficient test, not a complete one: false can be wrong, true never is.
bool isExact(const Ast &ast)
{
    if (!std::all_of(ast.children.begin(), ast.children.end(), isExact))
        return false;
    switch (ast.kind) {
    case Ast::Literal:
    case Ast::Class:
        return true;
    case Ast::Repeat:
        // Fixed-length pieces: the length gives the count, the count gives the cuts.
        return ast.children.front().fixedLength() && ast.children.front().minLength > 0;
    case Ast::Sequence:
        // Each cut is known from the left: after a fixed-length part, or where a variable part's last
        // character is followed by one it cannot contain.
        for (size_t i = 0; i + 1 < ast.children.size(); ++i) {
            const Ast &child = ast.children[i];
            if (!child.fixedLength() && intersects(alphabet(child), firstCharacters(ast.children, i + 1)))
                return false;
        }
        return true;
    case Ast::Alternation: {
        std::vector<CharSet> firsts;
        for (const Ast &child : ast.children)
            firsts.push_back(firstCharacters(child));
        for (size_t i = 0; i < ast.children.size(); ++i) {
            for (size_t j = i + 1; j < ast.children.size(); ++j) {
                const Ast &a = ast.children[i], &b = ast.children[j];
                const bool disjoint =
                    a.maxLength < b.minLength || b.maxLength < a.minLength ||
                    (a.isLiteral() && b.isLiteral()) ||
                    (a.minLength > 0 && b.minLength > 0 && !intersects(firsts[i], firsts[j]));
                if (!disjoint)
                    return false;
            }
        }
        return true;
    }
    }
    return false;
}

bool isAsciiAlnum(char32_t c)
{
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

int hexValue(char32_t c)
{
    if (c >= U'0' && c <= U'9')
        return int(c - U'0');
    if (c >= U'A' && c <= U'F')
        return int(c - U'A' + 10);
    if (c >= U'a' && c <= U'f')
        return int(c - U'a' + 10);
    return -1;
}

} // namespace

// A recursive-descent parser over the pattern's code points, then the flattening into Pattern's nodes.
class Pattern::Compiler
{
public:
    explicit Compiler(const QString &pattern)
    {
        const QList<uint> ucs4 = pattern.toUcs4();
        m_text.assign(ucs4.begin(), ucs4.end());
    }

    Result<Pattern> run()
    {
        if (size() > maxPatternLength) {
            fail(maxPatternLength, Pattern::tr("patterns may be at most %1 characters long")
                                       .arg(QString::number(maxPatternLength)));
            return m_error;
        }
        Ast root;
        Anchors anchors;
        if (!parseAlternation(true, 0, root, anchors))
            return m_error;
        if (m_pos < size()) { // only a ')' stops the top level early
            fail(m_pos, Pattern::tr("unbalanced parenthesis: this ')' has no '('"));
            return m_error;
        }
        m_pattern.m_exact = isExact(root);
        m_pattern.m_root = build(root);
        return std::move(m_pattern);
    }

private:
    struct Anchors // where a ^ or $ inside an item sits, -1 = none
    {
        qsizetype start = -1;
        qsizetype end = -1;
    };
    struct Atom // what one escape or class member stands for
    {
        bool isSet = false;
        char32_t c = 0;
        CharSet set;
    };

    qsizetype size() const { return qsizetype(m_text.size()); }
    bool at(qsizetype i, char32_t c) const { return i < size() && m_text[size_t(i)] == c; }
    QString written(qsizetype from, qsizetype to) const
    {
        to = std::min(to, size());
        return QString::fromUcs4(m_text.data() + from, to - from);
    }

    bool fail(qsizetype where, const QString &what)
    {
        m_error = makeError(ErrorCode::Validation,
                            Pattern::tr("pattern, character %1: %2").arg(QString::number(where + 1), what));
        return false;
    }
    bool failStart(qsizetype where)
    {
        return fail(where, Pattern::tr("^ is only supported at the start of the pattern"));
    }
    bool failEnd(qsizetype where)
    {
        return fail(where, Pattern::tr("$ is only supported at the end of the pattern"));
    }
    bool failTooLong(qsizetype where, qint64 length)
    {
        return fail(where, Pattern::tr("values of this pattern can be %1 characters long; the limit is %2")
                               .arg(QString::number(length), QString::number(maxValueLength)));
    }

    bool parseAlternation(bool atStart, int depth, Ast &out, Anchors &anchors)
    {
        std::vector<Ast> alternatives;
        for (;;) {
            Ast alternative;
            if (!parseSequence(atStart, depth, alternative, anchors))
                return false;
            alternatives.push_back(std::move(alternative));
            if (!at(m_pos, U'|'))
                break;
            ++m_pos;
        }
        out = makeAlternation(std::move(alternatives));
        return true;
    }

    bool parseSequence(bool atStart, int depth, Ast &out, Anchors &anchors)
    {
        std::vector<Ast> items;
        qint64 length = 0;  // the longest value so far; 0 = still at the start
        qsizetype end = -1; // a $ seen: nothing that makes characters may follow
        while (m_pos < size() && !at(m_pos, U'|') && !at(m_pos, U')')) {
            const qsizetype start = m_pos;
            if (at(m_pos, U'^')) {
                if (!atStart || length > 0)
                    return failStart(start);
                if (anchors.start < 0)
                    anchors.start = start;
                ++m_pos;
                continue;
            }
            if (at(m_pos, U'$')) {
                if (end < 0)
                    end = start;
                ++m_pos;
                continue;
            }
            Ast item;
            Anchors inner;
            if (!parseItem(atStart && length == 0, depth, item, inner) || !parseQuantifier(item, inner))
                return false;
            if (item.maxLength > 0 && end >= 0)
                return failEnd(end);
            if (anchors.start < 0)
                anchors.start = inner.start;
            if (end < 0)
                end = inner.end;
            length += item.maxLength;
            if (length > maxValueLength)
                return failTooLong(start, length);
            items.push_back(std::move(item));
        }
        if (anchors.end < 0)
            anchors.end = end;
        out = makeSequence(std::move(items));
        return true;
    }

    bool parseItem(bool atStart, int depth, Ast &out, Anchors &anchors)
    {
        const char32_t c = m_text[size_t(m_pos)];
        qsizetype close = 0;
        switch (c) {
        case U'(':
            return parseGroup(atStart, depth, out, anchors);
        case U'[':
            return parseClass(out);
        case U'.':
            ++m_pos;
            out = makeClass(kPrintable);
            return true;
        case U'\\': {
            Atom atom;
            if (!parseEscape(false, atom))
                return false;
            out = atom.isSet ? makeClass(std::move(atom.set)) : makeLiteral(std::u32string(1, atom.c));
            return true;
        }
        case U'*':
        case U'+':
        case U'?':
            return fail(m_pos,
                        Pattern::tr("quantifier %1 has nothing to repeat").arg(written(m_pos, m_pos + 1)));
        case U'{':
            if (braces(m_pos, &close))
                return fail(
                    m_pos, Pattern::tr("quantifier %1 has nothing to repeat").arg(written(m_pos, close + 1)));
            break; // not a quantifier: a literal brace, as in PCRE
        default:
            break;
        }
        ++m_pos;
        out = makeLiteral(std::u32string(1, c));
        return true;
    }

    bool parseGroup(bool atStart, int depth, Ast &out, Anchors &anchors)
    {
        const qsizetype open = m_pos;
        if (depth >= maxNesting)
            return fail(open,
                        Pattern::tr("groups are nested more than %1 deep").arg(QString::number(maxNesting)));
        ++m_pos;
        if (at(m_pos, U'?') && !checkGroupKind(open))
            return false;
        if (!parseAlternation(atStart, depth + 1, out, anchors))
            return false;
        if (!at(m_pos, U')'))
            return fail(open, Pattern::tr("unbalanced parenthesis: this '(' is never closed"));
        ++m_pos;
        return true;
    }

    // At "(?": accepts "(?:" and explains every other kind of group.
    bool checkGroupKind(qsizetype open)
    {
        const qsizetype p = open + 2;
        const char32_t c = p < size() ? m_text[size_t(p)] : 0;
        const char32_t d = p + 1 < size() ? m_text[size_t(p + 1)] : 0;
        if (c == U':') {
            m_pos = p + 1;
            return true;
        }
        if (c == U'=' || c == U'!')
            return fail(
                open,
                Pattern::tr("lookahead %1 is not supported; Fabrica generates values, it cannot test them")
                    .arg(written(open, p + 1) + QStringLiteral("…)")));
        if (c == U'<' && (d == U'=' || d == U'!'))
            return fail(
                open,
                Pattern::tr("lookbehind %1 is not supported; Fabrica generates values, it cannot test them")
                    .arg(written(open, p + 2) + QStringLiteral("…)")));
        if (c == U'<' || c == U'\'' || (c == U'P' && d == U'<')) {
            const char32_t closer = c == U'\'' ? U'\'' : U'>';
            qsizetype nameEnd = p + (c == U'P' ? 2 : 1);
            while (nameEnd < size() && m_text[size_t(nameEnd)] != closer && m_text[size_t(nameEnd)] != U')')
                ++nameEnd;
            const QString shown = at(nameEnd, closer)
                                      ? QString(written(open, nameEnd + 1) + QStringLiteral("…)"))
                                      : written(open, nameEnd);
            return fail(
                open,
                Pattern::tr("named group %1 is not supported; write a plain group (…) or (?:…)").arg(shown));
        }
        if (c == U'P' && d == U'=')
            return fail(open,
                        Pattern::tr("backreference %1 is not supported; write the group out again instead")
                            .arg(written(open, p + 2) + QStringLiteral("…)")));
        if (c == U'>')
            return fail(open, Pattern::tr("atomic group (?>…) is not supported; write (?:…)"));
        qsizetype flagsEnd = p;
        while (flagsEnd < size() &&
               (isAsciiAlnum(m_text[size_t(flagsEnd)]) || at(flagsEnd, U'-') || at(flagsEnd, U'^')))
            ++flagsEnd;
        if (flagsEnd > p && (at(flagsEnd, U')') || at(flagsEnd, U':'))) {
            const QString shown = at(flagsEnd, U')')
                                      ? written(open, flagsEnd + 1)
                                      : QString(written(open, flagsEnd + 1) + QStringLiteral("…)"));
            return fail(open,
                        Pattern::tr("inline option %1 is not supported; spell the variants out, as in [Aa]")
                            .arg(shown));
        }
        return fail(open, Pattern::tr("group %1 is not supported; write (…) or (?:…)")
                              .arg(written(open, p + 1) + QStringLiteral("…)")));
    }

    // Whether text at i is {n}, {n,}, {n,m} or {,m}; close receives the position of the '}'.
    bool braces(qsizetype i, qsizetype *close) const
    {
        qsizetype p = i + 1, digits = 0;
        while (p < size() && m_text[size_t(p)] >= U'0' && m_text[size_t(p)] <= U'9')
            ++p, ++digits;
        if (at(p, U',')) {
            ++p;
            while (p < size() && m_text[size_t(p)] >= U'0' && m_text[size_t(p)] <= U'9')
                ++p, ++digits;
        }
        if (!at(p, U'}') || digits == 0)
            return false;
        *close = p;
        return true;
    }

    // Reads the digits at m_pos as a repetition count of at most maxCount.
    bool count(int *value)
    {
        const qsizetype start = m_pos;
        while (m_pos < size() && m_text[size_t(m_pos)] >= U'0' && m_text[size_t(m_pos)] <= U'9')
            ++m_pos;
        const QString digits = written(start, m_pos);
        bool ok = false;
        *value = digits.toInt(&ok);
        if (!ok || *value > maxCount)
            return fail(start, Pattern::tr("repetition count %1 is above the limit of %2")
                                   .arg(digits, QString::number(maxCount)));
        return true;
    }

    bool parseQuantifier(Ast &item, const Anchors &anchors)
    {
        const qsizetype start = m_pos;
        int min = 0, max = 0;
        qsizetype close = 0;
        if (at(m_pos, U'?')) {
            min = 0, max = 1;
        } else if (at(m_pos, U'*')) {
            min = 0, max = openEndedExtra;
        } else if (at(m_pos, U'+')) {
            min = 1, max = 1 + openEndedExtra;
        } else if (at(m_pos, U'{') && braces(m_pos, &close)) {
            if (at(m_pos + 1, U','))
                return fail(m_pos, Pattern::tr("repetition %1 needs a minimum; write %2")
                                       .arg(written(m_pos, close + 1),
                                            QString(QStringLiteral("{0") + written(m_pos + 1, close + 1))));
            ++m_pos;
            if (!count(&min))
                return false;
            max = min;
            if (at(m_pos, U',')) {
                ++m_pos;
                max = min + openEndedExtra;
                if (!at(m_pos, U'}') && !count(&max))
                    return false;
            }
            if (min > max)
                return fail(start, Pattern::tr("repetition %1 has a minimum greater than its maximum")
                                       .arg(written(start, close + 1)));
            m_pos = close;
        } else {
            return true;
        }
        ++m_pos;
        if (at(m_pos, U'?')) {
            ++m_pos; // lazy: which match a tester prefers means nothing to a generator
        } else if (at(m_pos, U'+')) {
            return fail(start, Pattern::tr("possessive quantifier %1 is not supported; drop the last '+'")
                                   .arg(written(start, m_pos + 1)));
        }
        if (at(m_pos, U'?') || at(m_pos, U'*') || at(m_pos, U'+') ||
            (at(m_pos, U'{') && braces(m_pos, &close))) {
            const qsizetype end = at(m_pos, U'{') ? close + 1 : m_pos + 1;
            return fail(m_pos,
                        Pattern::tr("quantifier %1 follows another quantifier; put the repeated part in a "
                                    "group, as in (a{2}){3}")
                            .arg(written(m_pos, end)));
        }
        if (max > 1 && anchors.start >= 0)
            return failStart(anchors.start);
        if (max > 1 && anchors.end >= 0)
            return failEnd(anchors.end);
        if (qint64(item.maxLength) * max > maxValueLength)
            return failTooLong(start, qint64(item.maxLength) * max);
        item = makeRepeat(std::move(item), min, max);
        return true;
    }

    bool parseClass(Ast &out)
    {
        const qsizetype open = m_pos++;
        const bool negated = at(m_pos, U'^');
        if (negated)
            ++m_pos;
        const qsizetype contentStart = m_pos;
        if (const qsizetype colon = posixEnd(open); colon >= 0) // PCRE refuses "[:alpha:]" alone too
            return fail(open, Pattern::tr("POSIX class %1 only works inside a class; write [%1]")
                                  .arg(written(open, colon + 2)));
        CharSet set;
        for (;;) {
            if (m_pos >= size()) {
                if (at(contentStart, U']'))
                    return fail(open,
                                Pattern::tr("empty class %1 matches nothing; write \\] for a literal ']'")
                                    .arg(written(open, contentStart + 1)));
                return fail(open, Pattern::tr("unbalanced bracket: this '[' is never closed; write \\[ for a "
                                              "literal '['"));
            }
            if (at(m_pos, U']') && m_pos > contentStart) // a ] first is a member, as in PCRE
                break;
            if (const qsizetype colon = posixEnd(m_pos); colon >= 0) {
                if (!addPosixClass(m_pos, colon, set))
                    return false;
                m_pos = colon + 2;
                continue;
            }
            const qsizetype firstStart = m_pos;
            Atom first;
            if (!parseClassAtom(first))
                return false;
            if (!at(m_pos, U'-') || m_pos + 1 >= size() || at(m_pos + 1, U']')) {
                if (first.isSet)
                    set.insert(set.end(), first.set.begin(), first.set.end());
                else
                    set.push_back({first.c, first.c});
                continue;
            }
            const qsizetype dash = m_pos++;
            const QString rangeBound = Pattern::tr("%1 cannot bound a range; write \\- for a literal '-'");
            if (first.isSet)
                return fail(firstStart, rangeBound.arg(written(firstStart, dash)));
            Atom last;
            if (!parseClassAtom(last))
                return false;
            if (last.isSet)
                return fail(dash + 1, rangeBound.arg(written(dash + 1, m_pos)));
            if (last.c < first.c)
                return fail(firstStart, Pattern::tr("range %1-%2 is out of order; write %2-%1")
                                            .arg(written(firstStart, dash), written(dash + 1, m_pos)));
            set.push_back({first.c, last.c});
        }
        ++m_pos;
        normalise(set);
        if (negated)
            set = complement(set);
        if (set.empty())
            return fail(
                open,
                Pattern::tr("class %1 leaves no printable character to generate").arg(written(open, m_pos)));
        out = makeClass(std::move(set));
        return true;
    }

    bool parseClassAtom(Atom &atom)
    {
        if (at(m_pos, U'\\'))
            return parseEscape(true, atom);
        atom.c = m_text[size_t(m_pos++)];
        return true;
    }

    // Where "[:name:]" starting at open has its closing ':', or -1; the syntax is PCRE's, so that what PCRE
    // reads as a POSIX class (even a misspelt one) is never taken for a list of characters here.
    qsizetype posixEnd(qsizetype open) const
    {
        if (!at(open, U'[') || !at(open + 1, U':'))
            return -1;
        for (qsizetype i = open + 2; i < size(); ++i) {
            if (at(i, U'\\') && (at(i + 1, U']') || at(i + 1, U'\\')))
                ++i;
            else if (at(i, U']') || (at(i, U'[') && at(i + 1, U':')))
                return -1;
            else if (at(i, U':') && at(i + 1, U']'))
                return i;
        }
        return -1;
    }

    // [:name:] from open to nameEnd (at the second ':'), added to set.
    bool addPosixClass(qsizetype open, qsizetype nameEnd, CharSet &set)
    {
        const bool negated = at(open + 2, U'^');
        const std::u32string name(m_text.begin() + open + 2 + (negated ? 1 : 0), m_text.begin() + nameEnd);
        for (const PosixClass &posix : kPosixClasses) {
            if (name == posix.name) {
                const CharSet members = negated ? complement(posix.set) : posix.set;
                set.insert(set.end(), members.begin(), members.end());
                return true;
            }
        }
        return fail(open,
                    Pattern::tr("POSIX class %1 is not supported; use one of alpha, digit, alnum, upper, "
                                "lower, xdigit, word, space, blank, punct, print, graph")
                        .arg(written(open, nameEnd + 2)));
    }

    // Reads n hexadecimal digits at m_pos (n = 0: one to six up to a '}'); -1 when they are not there.
    qint64 hexDigits(int n)
    {
        qint64 value = 0;
        int digits = 0;
        for (; m_pos < size() && (n == 0 || digits < n); ++digits, ++m_pos) {
            const int v = hexValue(m_text[size_t(m_pos)]);
            if (v < 0 || digits == 6)
                break;
            value = value * 16 + v;
        }
        if (digits == 0 || (n != 0 && digits != n))
            return -1;
        return value;
    }

    bool parseEscape(bool inClass, Atom &atom)
    {
        const qsizetype start = m_pos;
        if (m_pos + 1 >= size())
            return fail(start, Pattern::tr("a '\\' at the end of the pattern escapes nothing"));
        const char32_t c = m_text[size_t(m_pos + 1)];
        m_pos += 2;
        const auto set = [&atom](const CharSet &members) {
            atom.isSet = true;
            atom.set = members;
            return true;
        };
        const auto character = [&atom](char32_t value) {
            atom.c = value;
            return true;
        };
        qint64 value = -1;
        switch (c) {
        case U'd':
            return set(kDigits);
        case U'D':
            return set(complement(kDigits));
        case U'w':
            return set(kWord);
        case U'W':
            return set(complement(kWord));
        case U's':
            return set(kSpace);
        case U'S':
            return set(complement(kSpace));
        case U'n':
            return character(U'\n');
        case U't':
            return character(U'\t');
        case U'r':
            return character(U'\r');
        case U'f':
            return character(U'\f');
        case U'v':
            return character(U'\v');
        case U'a':
            return character(U'\a');
        case U'e':
            return character(0x1B);
        case U'x':
            if (at(m_pos, U'{')) {
                ++m_pos;
                value = hexDigits(0);
                if (value >= 0 && at(m_pos, U'}'))
                    ++m_pos;
                else
                    value = -1;
            } else {
                value = hexDigits(2);
            }
            if (value < 0)
                return fail(start,
                            Pattern::tr("%1 needs two hexadecimal digits, as in \\x41, or braces, as in "
                                        "\\x{20AC}")
                                .arg(written(start, m_pos)));
            break;
        case U'u':
            value = hexDigits(4);
            if (value < 0)
                return fail(start, Pattern::tr("%1 needs four hexadecimal digits, as in \\u00E9")
                                       .arg(written(start, m_pos)));
            break;
        case U'0':
            return fail(
                start,
                Pattern::tr("octal escape %1 is not supported; write \\x{…}").arg(written(start, m_pos)));
        case U'1':
        case U'2':
        case U'3':
        case U'4':
        case U'5':
        case U'6':
        case U'7':
        case U'8':
        case U'9':
        case U'k':
        case U'g':
            while (c != U'k' && c != U'g' && m_pos < size() && m_text[size_t(m_pos)] >= U'0' &&
                   m_text[size_t(m_pos)] <= U'9')
                ++m_pos;
            return fail(start,
                        Pattern::tr("backreference %1 is not supported; write the group out again instead")
                            .arg(written(start, m_pos)));
        case U'b':
        case U'B':
            if (inClass)
                break;
            return fail(start, Pattern::tr("word boundary %1 is not supported; Fabrica generates values, it "
                                           "cannot test them")
                                   .arg(written(start, m_pos)));
        case U'A':
        case U'z':
        case U'Z':
        case U'G':
            return fail(start, Pattern::tr("anchor %1 is not supported; use ^ at the start or $ at the end")
                                   .arg(written(start, m_pos)));
        case U'p':
        case U'P':
            return fail(start,
                        Pattern::tr("unicode property %1 is not supported; write a range instead, as in "
                                    "[A-Za-zÀ-ÿ]")
                            .arg(written(start, m_pos)));
        default:
            if (!isAsciiAlnum(c))
                return character(c); // escaped punctuation and any non-ASCII character stand for themselves
            break;
        }
        if (value < 0)
            return fail(start, Pattern::tr("escape %1 is not supported").arg(written(start, m_pos)));
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return fail(start, Pattern::tr("%1 is not a Unicode character").arg(written(start, m_pos)));
        return character(char32_t(value));
    }

    // Flattens ast into m_pattern's arrays; returns its node's index (children come first).
    quint32 build(const Ast &ast)
    {
        Pattern &p = m_pattern;
        Node node;
        node.minLength = ast.minLength;
        node.maxLength = ast.maxLength;
        switch (ast.kind) {
        case Ast::Literal:
            node.kind = Kind::Literal;
            node.begin = quint32(p.m_bytes.size());
            for (char32_t c : ast.text)
                appendUtf8(p.m_bytes, c);
            node.end = quint32(p.m_bytes.size());
            break;
        case Ast::Class:
            node.domain = memberCount(ast.set);
            if (node.domain <= kTableLimit) {
                node.kind = Kind::Table;
                node.begin = quint32(p.m_members.size());
                for (const Span &span : ast.set) {
                    for (char32_t c = span.first; c <= span.last; ++c)
                        p.m_members.push_back(packUtf8(c));
                }
                node.end = quint32(p.m_members.size());
            } else {
                node.kind = Kind::Ranges;
                node.begin = quint32(p.m_ranges.size());
                quint64 before = 0;
                for (const Span &span : ast.set) {
                    p.m_ranges.push_back({span.first, span.last, before});
                    before += span.last - span.first + 1;
                }
                node.end = quint32(p.m_ranges.size());
            }
            break;
        case Ast::Sequence:
        case Ast::Alternation: {
            std::vector<quint32> children;
            for (const Ast &child : ast.children)
                children.push_back(build(child));
            node.kind = ast.kind == Ast::Sequence ? Kind::Sequence : Kind::Alternation;
            node.begin = quint32(p.m_children.size());
            p.m_children.insert(p.m_children.end(), children.begin(), children.end());
            p.m_places.resize(p.m_children.size(), 0);
            node.end = quint32(p.m_children.size());
            if (node.kind == Kind::Sequence) {
                quint64 place = 1;
                for (quint32 i = node.end; i-- > node.begin;) {
                    p.m_places[i] = place;
                    place = saturatingMul(place, p.m_nodes[p.m_children[i]].domain);
                }
                node.domain = place;
            } else {
                node.domain = 0;
                for (quint32 child : children)
                    node.domain = saturatingAdd(node.domain, p.m_nodes[child].domain);
            }
            break;
        }
        case Ast::Repeat: {
            node.kind = Kind::Repeat;
            node.child = build(ast.children.front());
            node.min = quint32(ast.min);
            node.max = quint32(ast.max);
            const quint64 base = p.m_nodes[node.child].domain;
            node.begin = quint32(p.m_powers.size());
            quint64 power = 1;
            p.m_powers.push_back(power);
            for (int k = 1; k <= ast.max && power != kHuge; ++k) {
                power = saturatingMul(power, base);
                p.m_powers.push_back(power);
            }
            node.end = quint32(p.m_powers.size());
            node.domain = 0;
            for (quint32 k = node.min; k <= node.max; ++k)
                node.domain = saturatingAdd(node.domain, p.power(node, k));
            break;
        }
        }
        p.m_nodes.push_back(node);
        return quint32(p.m_nodes.size() - 1);
    }

    std::u32string m_text;
    qsizetype m_pos = 0;
    Pattern m_pattern;
    Error m_error;
};

Result<Pattern> Pattern::compile(const QString &pattern)
{
    return Compiler(pattern).run();
}

quint64 Pattern::power(const Node &repeat, quint32 exponent) const
{
    const quint32 i = repeat.begin + exponent;
    return i < repeat.end ? m_powers[i] : kHuge;
}

char32_t Pattern::rangeMember(const Node &node, quint64 value) const
{
    const auto first = m_ranges.begin() + node.begin, last = m_ranges.begin() + node.end;
    const auto range =
        std::upper_bound(first, last, value, [](quint64 v, const Range &r) { return v < r.before; }) - 1;
    return range->first + char32_t(value - range->before);
}

void Pattern::generate(Random &random, ByteBuffer &out) const
{
    appendRandom(m_root, random, out);
}

void Pattern::appendRandom(quint32 index, Random &random, ByteBuffer &out) const
{
    const Node &node = m_nodes[index];
    switch (node.kind) {
    case Kind::Literal:
        out.append(m_bytes.data() + node.begin, node.end - node.begin);
        return;
    case Kind::Table:
        appendPacked(out, m_members[node.begin + random.below(node.end - node.begin)]);
        return;
    case Kind::Ranges:
        appendUtf8(out, rangeMember(node, random.below(node.domain)));
        return;
    case Kind::Sequence:
        for (quint32 i = node.begin; i < node.end; ++i)
            appendRandom(m_children[i], random, out);
        return;
    case Kind::Alternation:
        appendRandom(m_children[node.begin + random.below(node.end - node.begin)], random, out);
        return;
    case Kind::Repeat: {
        const quint64 count =
            node.min == node.max ? node.min : node.min + random.below(node.max - node.min + 1);
        const Node &child = m_nodes[node.child];
        if (child.kind == Kind::Table) { // the common "[A-Z]{3}": no call per character
            const quint32 *members = m_members.data() + child.begin;
            for (quint64 i = 0; i < count; ++i)
                appendPacked(out, members[random.below(child.end - child.begin)]);
            return;
        }
        for (quint64 i = 0; i < count; ++i)
            appendRandom(node.child, random, out);
        return;
    }
    }
}

void Pattern::nth(quint64 index, ByteBuffer &out) const
{
    appendNth(m_root, index, out);
}

// value < domain (saturated domains included: a saturated place value only ever divides to 0).
void Pattern::appendNth(quint32 index, quint64 value, ByteBuffer &out) const
{
    const Node &node = m_nodes[index];
    switch (node.kind) {
    case Kind::Literal:
        out.append(m_bytes.data() + node.begin, node.end - node.begin);
        return;
    case Kind::Table:
        appendPacked(out, m_members[node.begin + value]);
        return;
    case Kind::Ranges:
        appendUtf8(out, rangeMember(node, value));
        return;
    case Kind::Sequence:
        for (quint32 i = node.begin; i < node.end; ++i) {
            const quint32 child = m_children[i];
            appendNth(child, (value / m_places[i]) % m_nodes[child].domain, out);
        }
        return;
    case Kind::Alternation:
        for (quint32 i = node.begin; i < node.end; ++i) {
            const quint64 domain = m_nodes[m_children[i]].domain;
            if (value < domain || i + 1 == node.end) {
                appendNth(m_children[i], value, out);
                return;
            }
            value -= domain;
        }
        return;
    case Kind::Repeat: {
        quint32 count = node.min;
        for (; count < node.max; ++count) { // shorter repetitions come first
            const quint64 block = power(node, count);
            if (value < block)
                break;
            value -= block;
        }
        const Node &child = m_nodes[node.child];
        if (child.kind == Kind::Table && count <= 64) { // one division per digit instead of two
            quint32 digits[64];
            for (quint32 k = 0; k < count; ++k) {
                digits[k] = quint32(value % child.domain);
                value /= child.domain;
            }
            for (quint32 k = count; k-- > 0;)
                appendPacked(out, m_members[child.begin + digits[k]]);
            return;
        }
        for (quint32 k = count; k-- > 0;) // the last repetition is the lowest digit
            appendNth(node.child, (value / power(node, k)) % child.domain, out);
        return;
    }
    }
}

} // namespace fabrica
