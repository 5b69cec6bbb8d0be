#include "LocaleData.h"

#include "ByteBuffer.h"
#include "Generator.h"

#include <QFile>

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

// The word files, resources/core/words/<locale>/*.txt and resources/core/words/common/*.txt, compiled in
// as :/fabrica/words/…: UTF-8 without BOM, LF line ends, one entry per line, fields separated by one TAB,
// lines starting with '#' are comments. Files marked (w) in the spec may end every line with a positive
// weight (relative popularity); then every line has one. No empty lines, empty fields, padded fields or
// duplicate rows.

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t code = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07u;
        } else {
            return false;
        }
        if (text.size() - i < std::size_t(length))
            return false;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + std::size_t(k)]);
            if ((next & 0xC0u) != 0x80u)
                return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF)))
            return false;
        if (length == 4 && (code < 0x10000 || code > 0x10FFFF))
            return false;
        i += std::size_t(length);
    }
    return true;
}

bool hasControlCharacter(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return true;
    }
    return false;
}

// A weight is a plain decimal number above zero: "12", "0.5".
bool parseWeight(std::string_view text, double &weight)
{
    bool seenDot = false;
    bool digitsBefore = false;
    bool digitsAfter = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            (seenDot ? digitsAfter : digitsBefore) = true;
        } else if (c == '.' && !seenDot) {
            seenDot = true;
        } else {
            return false;
        }
    }
    if (!digitsBefore || (seenDot && !digitsAfter))
        return false;
    weight = QByteArray(text.data(), qsizetype(text.size())).toDouble();
    return std::isfinite(weight) && weight > 0;
}

QString fieldCount(int count)
{
    return count == 1 ? u"1 field"_s : QString::number(count) + u" fields"_s;
}

std::uint64_t thresholdOf(double probability)
{
    if (!(probability < 1.0))
        return ~std::uint64_t(0);
    if (probability <= 0.0)
        return 0;
    return static_cast<std::uint64_t>(std::ldexp(probability, 64));
}

} // namespace

Result<WordList> WordList::parse(const QByteArray &data, const QString &fileName, int fields, Weights weights)
{
    const auto fail = [&fileName](int line, const QString &message) -> Result<WordList> {
        return makeError(ErrorCode::InvalidInput, message, SourceLocation{fileName, line, 0, {}});
    };
    if (data.startsWith("\xEF\xBB\xBF"))
        return fail(1, u"the file starts with a byte order mark; save it as UTF-8 without BOM"_s);

    WordList list;
    list.m_fields = fields;
    std::unordered_map<std::string, int> seen; // the row's fields joined by TAB → its line
    int firstWeighted = 0;                     // the first line with a weight, 0 = none yet
    int firstUnweighted = 0;

    const std::string_view text(data.constData(), std::size_t(data.size()));
    std::size_t start = 0;
    int lineNumber = 0;
    while (start < text.size()) {
        ++lineNumber;
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;

        if (line.empty())
            return fail(lineNumber, u"empty line"_s);
        if (line.back() == '\r')
            return fail(lineNumber, u"the line ends with a carriage return; use LF line ends"_s);
        if (!isValidUtf8(line))
            return fail(lineNumber, u"the line is not valid UTF-8"_s);
        if (line.front() == '#')
            continue;

        std::vector<std::string_view> parts;
        for (std::size_t from = 0;;) {
            const std::size_t tab = line.find('\t', from);
            parts.push_back(line.substr(from, tab == std::string_view::npos ? line.npos : tab - from));
            if (tab == std::string_view::npos)
                break;
            from = tab + 1;
        }

        const bool hasWeight = weights == Weights::Allowed && int(parts.size()) == fields + 1;
        if (int(parts.size()) != fields && !hasWeight) {
            const QString expected = weights == Weights::Allowed
                                         ? fieldCount(fields) + u" and an optional weight"_s
                                         : fieldCount(fields);
            return fail(lineNumber, u"expected %1, found %2 (separated by single tabs)"_s.arg(
                                        expected, QString::number(parts.size())));
        }
        for (int f = 0; f < int(parts.size()); ++f) {
            const std::string_view part = parts[std::size_t(f)];
            if (part.empty())
                return fail(lineNumber, u"field %1 is empty"_s.arg(f + 1));
            const QString value = QString::fromUtf8(part.data(), qsizetype(part.size()));
            if (value.trimmed() != value)
                return fail(lineNumber, u"field %1 (\"%2\") has white space at its start or end"_s.arg(
                                            QString::number(f + 1), value));
            if (hasControlCharacter(part))
                return fail(lineNumber, u"field %1 contains a control character"_s.arg(f + 1));
        }

        double weight = 1.0;
        if (hasWeight) {
            const std::string_view weightText = parts.back();
            parts.pop_back();
            if (!parseWeight(weightText, weight))
                return fail(lineNumber, u"the weight \"%1\" is not a positive number"_s.arg(QString::fromUtf8(
                                            weightText.data(), qsizetype(weightText.size()))));
            if (firstUnweighted != 0)
                return fail(lineNumber, u"this line has a weight but line %1 has none; give every line a "
                                        u"weight or none"_s.arg(firstUnweighted));
            if (firstWeighted == 0)
                firstWeighted = lineNumber;
        } else {
            if (firstWeighted != 0)
                return fail(lineNumber, u"this line has no weight but line %1 has one; give every line a "
                                        u"weight or none"_s.arg(firstWeighted));
            if (firstUnweighted == 0)
                firstUnweighted = lineNumber;
        }

        std::string key;
        for (const std::string_view part : parts) {
            if (!key.empty())
                key += '\t';
            key.append(part);
        }
        const auto [it, inserted] = seen.emplace(std::move(key), lineNumber);
        if (!inserted)
            return fail(lineNumber, u"duplicate of line %1"_s.arg(it->second));

        for (const std::string_view part : parts)
            list.m_cells.emplace_back(part);
        if (hasWeight)
            list.m_weights.push_back(weight);
        list.m_lines.push_back(lineNumber);
        ++list.m_rows;
    }

    if (list.m_rows == 0)
        return fail(0, u"the file has no entries"_s);
    if (list.m_rows > 0xFFFFFFFFu)
        return fail(0, u"the file has too many entries"_s);
    if (list.weighted())
        list.buildAliasTable();
    return list;
}

// Vose's alias method: every column holds a share of 1/n, split between its own row and one other.
void WordList::buildAliasTable()
{
    const std::size_t n = m_rows;
    double total = 0;
    for (const double w : m_weights)
        total += w;
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = m_weights[i] * double(n) / total;
        (scaled[i] < 1.0 ? small : large).push_back(std::uint32_t(i));
    }
    m_alias.resize(n);
    while (!small.empty() && !large.empty()) {
        const std::uint32_t less = small.back();
        small.pop_back();
        const std::uint32_t more = large.back();
        m_alias[less] = Alias{thresholdOf(scaled[less]), more};
        scaled[more] = (scaled[more] + scaled[less]) - 1.0;
        if (scaled[more] < 1.0) {
            large.pop_back();
            small.push_back(more);
        }
    }
    // What is left is full up to rounding error.
    for (const auto *rest : {&small, &large}) {
        for (const std::uint32_t i : *rest)
            m_alias[i] = Alias{~std::uint64_t(0), i};
    }
}

std::string listAlphabet(std::initializer_list<const WordList *> lists, std::string_view extra)
{
    // The lists live as long as the process and every name column asks for the same few: made once each
    // (on a 1,000-table schema this scan had been a tenth of compiling it).
    static std::mutex mutex;
    static std::map<std::pair<std::vector<const WordList *>, std::string>, std::string> made;
    auto key = std::make_pair(std::vector<const WordList *>(lists), std::string(extra));
    {
        const std::lock_guard lock(mutex);
        if (const auto it = made.find(key); it != made.end())
            return it->second;
    }
    std::vector<std::string_view> words;
    for (const WordList *list : lists) {
        for (std::size_t i = 0; list && i < list->size(); ++i)
            words.push_back(list->at(i));
    }
    std::string alphabet = asciiAlphabet(words, extra);
    const std::lock_guard lock(mutex);
    made.emplace(std::move(key), alphabet);
    return alphabet;
}

void fillTemplate(Random &random, std::string_view pattern, ByteBuffer &out, TemplateKind kind)
{
    static constexpr char kInwardLetters[] = "ABDEFGHJLNPQRSTUWXYZ";
    for (const char c : pattern) {
        if (c == '#')
            out.push_back(char('0' + random.below(10)));
        else if (c == 'N' && kind == TemplateKind::Phone)
            out.push_back(char('2' + random.below(8)));
        else if (c == '?' && kind == TemplateKind::Postal)
            out.push_back(kInwardLetters[random.below(sizeof kInwardLetters - 1)]);
        else
            out.push_back(c);
    }
}

namespace {

constexpr const char *kLocales[] = {"en_US", "en_GB", "de_DE", "fr_FR", "es_ES"};
constexpr int kLocaleCount = int(std::size(kLocales));

struct ListFile
{
    const char *name;
    WordList::Weights weights;
};

constexpr ListFile kListFiles[LocaleData::kListCount] = {
    {"first_names_female.txt", WordList::Weights::Allowed},
    {"first_names_male.txt", WordList::Weights::Allowed},
    {"last_names.txt", WordList::Weights::Allowed},
    {"titles_female.txt", WordList::Weights::Forbidden},
    {"titles_male.txt", WordList::Weights::Forbidden},
    {"titles_neutral.txt", WordList::Weights::Forbidden},
    {"streets.txt", WordList::Weights::Forbidden},
    {"company_suffixes.txt", WordList::Weights::Allowed},
    {"company_words.txt", WordList::Weights::Forbidden},
    {"departments.txt", WordList::Weights::Forbidden},
    {"industries.txt", WordList::Weights::Forbidden},
    {"job_titles.txt", WordList::Weights::Forbidden},
    {"email_domains.txt", WordList::Weights::Allowed},
    {"email_domains_reserved.txt", WordList::Weights::Allowed},
};

QString resourcePath(const QString &folder, const char *file)
{
    return u":/fabrica/words/"_s + folder + u'/' + QLatin1StringView(file);
}

WordList load(const QString &path, int fields, WordList::Weights weights = WordList::Weights::Forbidden)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Cannot open the compiled-in word list %s: %s", qPrintable(path),
               qPrintable(file.errorString()));
    Result<WordList> list = WordList::parse(file.readAll(), path, fields, weights);
    if (!list)
        qFatal("The compiled-in word list is broken: %s", qPrintable(list.error().toString()));
    return std::move(list).value();
}

[[noreturn]] void fatalAt(const QString &path, int line, const QString &message)
{
    qFatal("The compiled-in word list is broken: %s:%d: %s", qPrintable(path), line, qPrintable(message));
}

// The placeholder characters of a phone template, in order.
std::string phonePlaceholders(std::string_view pattern)
{
    std::string result;
    for (const char c : pattern) {
        if (c == '#' || c == 'N')
            result += c;
    }
    return result;
}

std::vector<std::string> splitAlternatives(const std::string &field)
{
    std::vector<std::string> result;
    std::size_t from = 0;
    for (;;) {
        const std::size_t bar = field.find('|', from);
        result.push_back(field.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
        if (bar == std::string::npos)
            return result;
        from = bar + 1;
    }
}

} // namespace

const char *LocaleData::fileName(List which)
{
    return kListFiles[std::size_t(which)].name;
}

WordList::Weights LocaleData::weights(List which)
{
    return kListFiles[std::size_t(which)].weights;
}

QStringList LocaleData::locales()
{
    QStringList result;
    for (const char *locale : kLocales)
        result.append(QLatin1StringView(locale));
    return result;
}

const LocaleData &LocaleData::get(const QString &locale)
{
    struct Slot
    {
        std::once_flag once;
        std::unique_ptr<const LocaleData> data;
    };
    static Slot loaded[kLocaleCount];

    int index = 0; // unknown locales fall back to en_US
    const QStringView view(locale);
    if (view.size() == 5 && (view[2] == u'_' || view[2] == u'-')) {
        for (int i = 0; i < kLocaleCount; ++i) {
            const QLatin1StringView name(kLocales[i]);
            if (view.left(2) == name.left(2) && view.right(2) == name.right(2)) {
                index = i;
                break;
            }
        }
    }
    Slot &slot = loaded[index];
    std::call_once(slot.once,
                   [&slot, index] { slot.data.reset(new LocaleData(QLatin1StringView(kLocales[index]))); });
    return *slot.data;
}

LocaleData::LocaleData(const QString &locale)
    : m_locale(locale)
{
    for (int i = 0; i < kListCount; ++i)
        m_lists[std::size_t(i)] = load(resourcePath(locale, kListFiles[i].name), 1, kListFiles[i].weights);

    const QString citiesPath = resourcePath(locale, "cities.txt");
    const WordList cities = load(citiesPath, 4);
    m_cities.reserve(cities.size());
    for (std::size_t i = 0; i < cities.size(); ++i) {
        City city{cities.field(i, 0), cities.field(i, 1), cities.field(i, 2),
                  splitAlternatives(cities.field(i, 3))};
        for (const std::string &postal : city.postalTemplates) {
            if (postal.empty())
                fatalAt(citiesPath, cities.line(i), u"empty postal code template"_s);
        }
        m_cities.push_back(std::move(city));
    }

    const QString phonesPath = resourcePath(locale, "phone.txt");
    const WordList phones = load(phonesPath, 3);
    m_phones.reserve(phones.size());
    for (std::size_t i = 0; i < phones.size(); ++i) {
        PhoneFormat phone{phones.field(i, 0), phones.field(i, 1), phones.field(i, 2)};
        const std::string placeholders = phonePlaceholders(phone.national);
        if (phonePlaceholders(phone.international) != placeholders ||
            phonePlaceholders(phone.e164) != placeholders)
            fatalAt(phonesPath, phones.line(i), u"the three templates have different placeholders"_s);
        m_phones.push_back(std::move(phone));
    }
}

const CommonData &CommonData::get()
{
    static const CommonData data;
    return data;
}

CommonData::CommonData()
{
    const QString folder = u"common"_s;
    m_loremWords = load(resourcePath(folder, "lorem_words.txt"), 1);
    m_tlds = load(resourcePath(folder, "tlds.txt"), 1, WordList::Weights::Allowed);
    m_domainWords = load(resourcePath(folder, "domain_words.txt"), 1);
    m_userAgents = load(resourcePath(folder, "user_agents.txt"), 1, WordList::Weights::Allowed);
    m_timeZones = load(resourcePath(folder, "time_zones.txt"), 1);

    const WordList countries = load(resourcePath(folder, "countries.txt"), 7);
    m_countries.reserve(countries.size());
    for (std::size_t i = 0; i < countries.size(); ++i) {
        m_countries.push_back(Country{
            countries.field(i, 0),
            countries.field(i, 1),
            countries.field(i, 2),
            {countries.field(i, 3), countries.field(i, 4), countries.field(i, 5), countries.field(i, 6)}});
    }
}

} // namespace fabrica
