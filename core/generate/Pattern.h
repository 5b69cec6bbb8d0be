#pragma once

#include "ByteBuffer.h"

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <string>
#include <vector>

namespace fabrica {

class Random;

// The "pattern" type: values matching a regular expression, for the subset users write for codes, SKUs,
// licence plates and phone numbers. compile() parses once into a flat tree of nodes with pre-encoded UTF-8
// literals and class member tables; generate() and nth() then only walk it and append bytes.
//
// Supported: literals; escapes \. \\ \- \/ \n \t \r \f \v \a \e \xHH \x{H…} \uXXXX (any escaped
// punctuation is itself); . (printable ASCII); classes [a-z0-9_] with ranges over any Unicode letters
// ([À-ÿ], [а-я]), POSIX names [[:alpha:]] and a leading ] or a leading/trailing - as literals; negated
// classes [^…] (the complement within printable ASCII U+0020..U+007E); \d \w \s \D \W \S with their ASCII
// meaning (\s is the space only, the negated ones are complements within printable ASCII); groups ( ),
// (?: ) and alternation |; quantifiers ? * + {n} {n,} {n,m}, a lazy ? suffix accepted and ignored. * + and
// {n,} repeat at most n + openEndedExtra times (0..8, 1..9, n..n+8). ^ at the start and $ at the end are
// accepted and produce nothing.
//
// Values are drawn structurally: each alternative of a | equally likely, each repetition count in the
// range equally likely, each class member equally likely. Alternatives that are all single characters
// ("a|b|[cd]") merge into one class, so each distinct character is then equally likely.
class Pattern
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Pattern)

public:
    static constexpr int maxPatternLength = 4096; // characters of the pattern itself
    static constexpr int maxCount = 1000;         // the largest n or m of {n,m}
    static constexpr int maxNesting = 64;         // groups inside groups
    static constexpr int openEndedExtra = 8;      // *, + and {n,} stop at n + 8 repetitions
    static constexpr int maxValueLength = 100000; // characters of the longest value a pattern may make

    // Parses pattern. A pattern it cannot generate is an ErrorCode::Validation error whose message reads
    // "pattern, character N: what is wrong" (N counts characters from 1).
    static Result<Pattern> compile(const QString &pattern);

    // Appends one random matching value, UTF-8, to out. Thread-safe; allocates only by growing out.
    void generate(Random &random, ByteBuffer &out) const;
    void generate(Random &random, std::string &out) const // for callers outside the engine's hot path
    {
        ByteBuffer buffer;
        generate(random, buffer);
        out.append(buffer.view());
    }

    // How many values nth() can make, saturating at UINT64_MAX ("huge"). Each distinct way of generating
    // counts once; compile() merges the common coincidences (class members, alternatives that are equal
    // literal strings or single characters), so for most patterns this is the number of distinct strings.
    // Where different ways can still make the same string ("a?a?", "(a|ab)(b|)") it is an upper bound,
    // and domainIsExact() says false.
    quint64 domainSize() const { return m_nodes[m_root].domain; }
    // True when domainSize() is provably the number of distinct strings, i.e. nth() is injective; decided
    // conservatively (fixed-length parts, or a variable part whose characters cannot start what follows).
    bool domainIsExact() const { return m_exact; }
    // Appends the index-th value (0 <= index < domainSize()): a mixed-radix decode of index over the tree,
    // shortest repetitions first and the last position varying fastest. Injective over [0, domainSize())
    // when domainIsExact(), so unique columns can map a row through a keyed permutation instead of
    // remembering values.
    void nth(quint64 index, ByteBuffer &out) const;
    void nth(quint64 index, std::string &out) const
    {
        ByteBuffer buffer;
        nth(index, buffer);
        out.append(buffer.view());
    }

    int minLength() const { return m_nodes[m_root].minLength; } // in characters
    int maxLength() const { return m_nodes[m_root].maxLength; }

private:
    class Compiler;

    enum class Kind : quint8 { Literal, Table, Ranges, Sequence, Alternation, Repeat };
    struct Node
    {
        Kind kind = Kind::Literal;
        // [begin, end) in: m_bytes (Literal), m_members (Table), m_ranges (Ranges), m_children and
        // m_places (Sequence, Alternation), m_powers (Repeat).
        quint32 begin = 0;
        quint32 end = 0;
        quint32 child = 0; // Repeat: the repeated node
        quint32 min = 0;   // Repeat: the count range
        quint32 max = 0;
        int minLength = 0;
        int maxLength = 0;
        quint64 domain = 1;
    };
    // One range of a large class; before = how many members the earlier ranges of the class hold.
    struct Range
    {
        char32_t first;
        char32_t last;
        quint64 before;
    };

    Pattern() = default;
    void appendRandom(quint32 index, Random &random, ByteBuffer &out) const;
    void appendNth(quint32 index, quint64 value, ByteBuffer &out) const;
    char32_t rangeMember(const Node &node, quint64 value) const;
    quint64 power(const Node &repeat, quint32 exponent) const;

    std::vector<Node> m_nodes;
    std::vector<quint32> m_children;
    std::vector<quint64> m_places;  // parallel to m_children; in a Sequence the product of later domains
    std::vector<quint64> m_powers;  // per Repeat: domain(child)^k for k = 0.. until it saturates
    std::vector<quint32> m_members; // one character's UTF-8 bytes, the first in the lowest byte
    std::vector<Range> m_ranges;
    std::string m_bytes;
    quint32 m_root = 0;
    bool m_exact = true;
};

} // namespace fabrica
