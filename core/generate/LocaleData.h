#pragma once

#include "ByteBuffer.h"

#include "Random.h"
#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace fabrica {

// One word file of resources/core/words/ (format described at the top of LocaleData.cpp): rows of UTF-8
// fields with optional weights. pick() is O(1) through an alias table and never allocates. Immutable
// after parse(), so any number of threads may share one list.
class WordList
{
public:
    // Whether a file may end each line with a weight (the spec's "(w)" files).
    enum class Weights { Forbidden, Allowed };

    WordList() = default;

    std::size_t size() const { return m_rows; }
    int fields() const { return m_fields; }
    // The first field of row i.
    const std::string &at(std::size_t i) const { return m_cells[i * std::size_t(m_fields)]; }
    // Field f (0-based) of row i.
    const std::string &field(std::size_t i, int f) const
    {
        return m_cells[i * std::size_t(m_fields) + std::size_t(f)];
    }
    bool weighted() const { return !m_weights.empty(); }
    // The weight of row i as written in the file; 1 when the file has none.
    double weight(std::size_t i) const { return m_weights.empty() ? 1.0 : m_weights[i]; }
    // The 1-based line of row i in its file, for messages about its content.
    int line(std::size_t i) const { return m_lines[i]; }

    // A row index drawn by weight (uniformly when the file has no weights). The list must not be empty.
    std::size_t pickIndex(Random &random) const
    {
        if (m_alias.empty())
            return std::size_t(random.below(m_rows));
        // One draw gives both the column (high 64 bits of r * n) and a uniform fraction within it (low bits).
        const std::uint64_t r = random.next();
        const std::size_t column = std::size_t(Random::mulHigh(r, m_rows));
        const std::uint64_t fraction = r * std::uint64_t(m_rows);
        const Alias &alias = m_alias[column];
        return fraction < alias.threshold ? column : alias.other;
    }
    // The first field of a row drawn by weight.
    const std::string &pick(Random &random) const { return at(pickIndex(random)); }

    // Parses a word file: fields tab-separated values per line, plus a trailing weight where weights is
    // Allowed. Rejects what the spec forbids (BOM, CR, invalid UTF-8, empty lines or fields, white space
    // around fields, wrong field counts, bad or mixed weights, duplicate rows) with "file:line: message".
    static Result<WordList> parse(const QByteArray &data, const QString &fileName, int fields,
                                  Weights weights = Weights::Forbidden);

private:
    struct Alias
    {
        std::uint64_t threshold; // keep the column when the fraction is below this (of 2^64)
        std::uint32_t other;
    };
    void buildAliasTable();

    std::vector<std::string> m_cells; // row-major, m_fields per row
    std::vector<double> m_weights;    // empty when unweighted
    std::vector<int> m_lines;
    std::vector<Alias> m_alias; // empty when unweighted
    std::size_t m_rows = 0;
    int m_fields = 1;
};

struct City
{
    std::string name, region, regionCode;
    std::vector<std::string> postalTemplates; // fill with TemplateKind::Postal
};

// Templates of one phone number style; all three hold the same placeholder sequence, so filling them
// from copies of one Random gives the same number in three notations.
struct PhoneFormat
{
    std::string national, international, e164;
};

struct Country
{
    std::string alpha2, alpha3, numeric;
    std::string name[4]; // en, de, fr, es
};

// The word lists of one locale, compiled in from :/fabrica/words/<locale>/. Loaded once, on first use;
// thread-safe afterwards.
class LocaleData
{
public:
    enum class List {
        FirstNamesFemale,
        FirstNamesMale,
        LastNames,
        TitlesFemale,
        TitlesMale,
        TitlesNeutral,
        Streets,
        CompanySuffixes,
        CompanyWords,
        Departments,
        Industries,
        JobTitles,
        EmailDomains,         // real providers (gmail.com, web.de, …): only when the user asks for them
        ReservedEmailDomains, // RFC 2606 / 6761 names, varied per locale: the safe default
    };
    static constexpr int kListCount = int(List::ReservedEmailDomains) + 1;

    // The data of locale ("en_US", "de_DE", …; '-' works as '_'); unknown locales get en_US. A malformed
    // compiled-in file is a build bug and ends the program with qFatal naming file and line.
    static const LocaleData &get(const QString &locale);
    static QStringList locales(); // en_US en_GB de_DE fr_FR es_ES

    // The file name of a list, e.g. "first_names_female.txt", and whether that file may carry weights.
    static const char *fileName(List which);
    static WordList::Weights weights(List which);

    const WordList &list(List which) const { return m_lists[std::size_t(which)]; }
    const std::vector<City> &cities() const { return m_cities; }
    const std::vector<PhoneFormat> &phones() const { return m_phones; }
    QString locale() const { return m_locale; }

private:
    explicit LocaleData(const QString &locale);

    QString m_locale;
    std::array<WordList, kListCount> m_lists;
    std::vector<City> m_cities;
    std::vector<PhoneFormat> m_phones;
};

// Locale-independent lists, compiled in from :/fabrica/words/common/. Loaded once; thread-safe.
class CommonData
{
public:
    static const CommonData &get();

    const WordList &loremWords() const { return m_loremWords; }
    const WordList &tlds() const { return m_tlds; }
    const WordList &domainWords() const { return m_domainWords; }
    const WordList &userAgents() const { return m_userAgents; }
    const WordList &timeZones() const { return m_timeZones; }
    const std::vector<Country> &countries() const { return m_countries; }

private:
    CommonData();

    WordList m_loremWords, m_tlds, m_domainWords, m_userAgents, m_timeZones;
    std::vector<Country> m_countries;
};

// Which placeholders a template has. Postal codes keep 'N' literal: it is a letter of UK outward codes
// ("N1", "SN1"), while phone templates use it for a digit 2-9.
enum class TemplateKind { Postal, Phone };

// Appends pattern to out with its placeholders filled: '#' any digit, '?' a UK inward-code letter
// (ABDEFGHJLNPQRSTUWXYZ), and for phones 'N' a digit 2-9; everything else is copied.
void fillTemplate(Random &random, std::string_view pattern, ByteBuffer &out, TemplateKind kind);
// The ASCII bytes of the first fields of lists, plus extra (Generator::alphabet()).
std::string listAlphabet(std::initializer_list<const WordList *> lists, std::string_view extra = {});

inline void fillTemplate(Random &random, std::string_view pattern, std::string &out, TemplateKind kind)
{
    ByteBuffer buffer;
    fillTemplate(random, pattern, buffer, kind);
    out.append(buffer.view());
}

} // namespace fabrica
