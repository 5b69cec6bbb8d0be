// Generators of the person and company categories.
#include "ByteBuffer.h"
#include "Entities.h"
#include "GeneratorFactory.h"
#include "RowGenerator.h"
#include "TextFormat.h"
#include "TextTransform.h"
#include "model/ConstraintKeys.h"

#include <QJsonArray>

#include <array>
#include <map>
#include <mutex>

namespace fabrica {

namespace {

enum class Gender { Any, Female, Male };

Gender genderOf(const GeneratorSpec &spec)
{
    const QString gender = spec.string(QStringLiteral("gender"));
    return gender == QLatin1String("female") ? Gender::Female
           : gender == QLatin1String("male") ? Gender::Male
                                             : Gender::Any;
}

Result<GeneratorPtr> makeName(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    const Gender gender = genderOf(spec);
    const QString id = spec.type.id;
    const bool first = id == QLatin1String("first_name"), full = id == QLatin1String("full_name");
    const WordList &lastNames = data.list(LocaleData::List::LastNames);
    if (id == QLatin1String("last_name"))
        return rowGenerator(
            [&data, tableSeed](qint64 row, Random &, ByteBuffer &out) {
                text::appendShort(out, *personAt(data, tableSeed, row).lastName);
            },
            ValueClass::Text, listAlphabet({&lastNames}));
    const std::string alphabet =
        listAlphabet({&data.list(LocaleData::List::FirstNamesFemale),
                      &data.list(LocaleData::List::FirstNamesMale), full ? &lastNames : nullptr},
                     full ? " " : "");
    return rowGenerator(
        [&data, tableSeed, gender, first, full](qint64 row, Random &random, ByteBuffer &out) {
            const PersonEntity person = personAt(data, tableSeed, row);
            // A fixed gender overrides the row's person: draw a name of that gender instead.
            const bool female = gender == Gender::Any ? person.female : gender == Gender::Female;
            const std::string &given = female == person.female
                                           ? *person.firstName
                                           : data.list(female ? LocaleData::List::FirstNamesFemale
                                                              : LocaleData::List::FirstNamesMale)
                                                 .pick(random);
            text::appendShort(out, given);
            if (full) {
                out.push_back(' ');
                text::appendShort(out, *person.lastName);
            }
            Q_UNUSED(first)
        },
        ValueClass::Text, alphabet);
}

Result<GeneratorPtr> makeTitle(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    const Gender gender = genderOf(spec);
    return rowGenerator([&data, tableSeed, gender](qint64 row, Random &random, ByteBuffer &out) {
        const bool female =
            gender == Gender::Any ? personAt(data, tableSeed, row).female : gender == Gender::Female;
        // About one person in twelve carries an academic title.
        const LocaleData::List list = random.below(12) == 0 ? LocaleData::List::TitlesNeutral
                                      : female              ? LocaleData::List::TitlesFemale
                                                            : LocaleData::List::TitlesMale;
        text::appendShort(out, data.list(list).pick(random));
    });
}

Result<GeneratorPtr> makeGender(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    std::vector<std::string> values;
    for (const QJsonValue &value : spec.value(keys::values).toArray())
        values.push_back(value.toString().toStdString());
    if (values.empty())
        return generationError(spec, QCoreApplication::translate("fabrica::Plan", "values is empty"));
    // The first two values follow the row's person (female, male); further values ("diverse", …) get a
    // small share of the rows.
    return rowGenerator([&data, tableSeed, values](qint64 row, Random &random, ByteBuffer &out) {
        if (values.size() > 2 && random.below(50) == 0)
            out.append(values[2 + random.below(values.size() - 2)]);
        else
            text::appendShort(out,
                              values[values.size() == 1 || personAt(data, tableSeed, row).female ? 0 : 1]);
    });
}

// The names of a locale as they appear in user names and e-mail addresses (ASCII letters and digits, words
// run together), made once per process and locale: transliterating two names for every row was the largest
// cost of these columns.
class NameSlugs
{
public:
    static const NameSlugs &of(const LocaleData &data)
    {
        static std::mutex mutex;
        static std::map<const LocaleData *, std::unique_ptr<const NameSlugs>> cache;
        const std::lock_guard lock(mutex);
        std::unique_ptr<const NameSlugs> &slugs = cache[&data];
        if (!slugs)
            slugs.reset(new NameSlugs(data));
        return *slugs;
    }

    // The slug of a name that personAt() gave (a pointer into one of the locale's name lists): found by
    // its position in the list, as a hash lookup per name was most of these columns' cost.
    std::string_view operator[](const std::string *name) const
    {
        for (const List &list : m_lists) {
            if (list.words && name >= &list.words->at(0) && name <= &list.words->at(list.words->size() - 1)) {
                const std::size_t row =
                    std::size_t(name - &list.words->at(0)) / std::size_t(std::max(1, list.words->fields()));
                return list.slugs[row];
            }
        }
        return {};
    }

private:
    struct List
    {
        const WordList *words = nullptr;
        std::vector<std::string_view> slugs; // into m_text, one per row of words
    };

    explicit NameSlugs(const LocaleData &data)
    {
        const LocaleData::List names[] = {LocaleData::List::FirstNamesFemale,
                                          LocaleData::List::FirstNamesMale, LocaleData::List::LastNames};
        std::vector<std::size_t> ends;
        for (std::size_t l = 0; l < m_lists.size(); ++l) {
            const WordList &words = data.list(names[l]);
            for (std::size_t i = 0; i < words.size(); ++i) {
                ByteBuffer slug;
                transform::slug(words.at(i), slug, '\0');
                m_text.append(slug.data(), slug.size());
                ends.push_back(m_text.size());
            }
        }
        // Views only once m_text no longer grows.
        std::size_t next = 0, from = 0;
        for (std::size_t l = 0; l < m_lists.size(); ++l) {
            const WordList &words = data.list(names[l]);
            if (words.size() > 0)
                m_lists[l].words = &words;
            for (std::size_t i = 0; i < words.size(); ++i, ++next) {
                m_lists[l].slugs.emplace_back(m_text.data() + from, ends[next] - from);
                from = ends[next];
            }
        }
    }

    std::string m_text;
    std::array<List, 3> m_lists;
};

// username and the local part of e-mail addresses: from the row's person, ASCII, lower case.
void localPart(const NameSlugs &slugs, const PersonEntity &person, Random &random, bool unique, qint64 row,
               char separator, ByteBuffer &out)
{
    const std::string_view first = slugs[person.firstName], last = slugs[person.lastName];
    switch (random.below(4)) {
    case 0:
        text::appendShort(out, first);
        out.push_back(separator);
        text::appendShort(out, last);
        break;
    case 1:
        out.push_back(first.empty() ? 'x' : first[0]);
        text::appendShort(out, last);
        break;
    case 2:
        text::appendShort(out, first);
        text::appendShort(out, last);
        break;
    default:
        text::appendShort(out, last);
        out.push_back(separator);
        text::appendShort(out, first);
        break;
    }
    if (unique) { // the row number keeps the value unique; base 36 keeps it short
        out.push_back(separator);
        text::appendBase36(out, quint64(row));
    } else if (random.below(3) == 0) {
        text::appendInt(out, qint64(random.below(100)));
    }
}

Result<GeneratorPtr> makeUsername(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    const std::size_t maxLength = std::size_t(spec.integer(QStringLiteral("maxLength")));
    const bool unique = spec.unique;
    if (unique) { // the row number in base 36 after '_' keeps names unique: it must fit with a letter to
                  // spare
        ByteBuffer suffix;
        suffix.push_back('_');
        text::appendBase36(suffix, quint64(std::max<qint64>(spec.rows - 1, 0)));
        if (suffix.size() + 1 > maxLength)
            return generationError(spec, QCoreApplication::translate(
                                             "fabrica::Plan", "maxLength %1 is too short for %2 unique user "
                                                              "names; allow at least %3 characters")
                                             .arg(maxLength)
                                             .arg(spec.rows)
                                             .arg(suffix.size() + 1));
    }
    const NameSlugs &slugs = NameSlugs::of(data);
    auto write = [&data, &slugs, tableSeed, maxLength, unique](qint64 row, Random &random, ByteBuffer &out) {
        const std::size_t start = out.size();
        localPart(slugs, personAt(data, tableSeed, row), random, unique, row, random.below(2) ? '.' : '_',
                  out);
        if (out.size() - start > maxLength) { // keep the unique suffix: cut the name part
            ByteBuffer suffix;
            if (unique) {
                suffix.push_back('_');
                text::appendBase36(suffix, quint64(row));
            }
            out.resize(start + maxLength - std::min(maxLength, suffix.size()));
            text::appendShort(out, suffix);
        }
    };
    return GeneratorPtr(new KeyRowGenerator(write, spec.seed));
}

Result<GeneratorPtr> makeEmail(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    // Safe by default: the locale's reserved domains (RFC 2606 / 6761), which never reach a mailbox. A domain
    // the user names is taken as given; real providers only with realDomains.
    const std::string domain = spec.string(QStringLiteral("domain")).toStdString();
    const bool fixedDomain = !domain.empty();
    const WordList &domains =
        data.list(spec.flag(QStringLiteral("realDomains")) ? LocaleData::List::EmailDomains
                                                           : LocaleData::List::ReservedEmailDomains);
    const bool unique = spec.unique;
    const NameSlugs &slugs = NameSlugs::of(data);
    auto write = [&data, &slugs, &domains, tableSeed, fixedDomain, domain, unique](qint64 row, Random &random,
                                                                                   ByteBuffer &out) {
        localPart(slugs, personAt(data, tableSeed, row), random, unique, row, '.', out);
        out.push_back('@');
        text::appendShort(out, fixedDomain ? domain : domains.pick(random));
    };
    return GeneratorPtr(new KeyRowGenerator(write, spec.seed));
}

Result<GeneratorPtr> makePhone(const GeneratorSpec &spec)
{
    if (spec.unique)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan", "unique phone numbers are not generated yet"));
    const LocaleData &data = LocaleData::get(spec.locale);
    const QString format = spec.string(QStringLiteral("format"));
    const int which = format == QLatin1String("international") ? 1 : format == QLatin1String("e164") ? 2 : 0;
    return rowGenerator([&data, which](qint64, Random &random, ByteBuffer &out) {
        const PhoneFormat &phone = data.phones()[random.below(data.phones().size())];
        fillTemplate(random,
                     which == 0   ? phone.national
                     : which == 1 ? phone.international
                                  : phone.e164,
                     out, TemplateKind::Phone);
    });
}

Result<GeneratorPtr> makeList(const GeneratorSpec &spec, LocaleData::List list)
{
    const WordList &words = LocaleData::get(spec.locale).list(list);
    return rowGenerator(
        [&words](qint64, Random &random, ByteBuffer &out) { text::appendShort(out, words.pick(random)); });
}

Result<GeneratorPtr> makeJobTitle(const GeneratorSpec &spec)
{
    return makeList(spec, LocaleData::List::JobTitles);
}
Result<GeneratorPtr> makeDepartment(const GeneratorSpec &spec)
{
    return makeList(spec, LocaleData::List::Departments);
}
Result<GeneratorPtr> makeIndustry(const GeneratorSpec &spec)
{
    return makeList(spec, LocaleData::List::Industries);
}

Result<GeneratorPtr> makeCompanyName(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    return rowGenerator([&data](qint64, Random &random, ByteBuffer &out) {
        const WordList &words = data.list(LocaleData::List::CompanyWords);
        const WordList &names = data.list(LocaleData::List::LastNames);
        switch (random.below(4)) {
        case 0:
            text::appendShort(out, names.pick(random));
            break;
        case 1:
            text::appendShort(out, names.pick(random));
            text::appendShort(out, " & ");
            text::appendShort(out, names.pick(random));
            break;
        case 2:
            text::appendShort(out, words.pick(random));
            out.push_back(' ');
            text::appendShort(out, words.pick(random));
            break;
        default:
            text::appendShort(out, words.pick(random));
            break;
        }
        out.push_back(' ');
        text::appendShort(out, data.list(LocaleData::List::CompanySuffixes).pick(random));
    });
}

} // namespace

void registerPersonGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("first_name"), &makeName);
    factory.add(QStringLiteral("last_name"), &makeName);
    factory.add(QStringLiteral("full_name"), &makeName);
    factory.add(QStringLiteral("title"), &makeTitle);
    factory.add(QStringLiteral("gender"), &makeGender);
    factory.add(QStringLiteral("username"), &makeUsername);
    factory.add(QStringLiteral("email"), &makeEmail);
    factory.add(QStringLiteral("phone"), &makePhone);
    factory.add(QStringLiteral("job_title"), &makeJobTitle);
    factory.add(QStringLiteral("company_name"), &makeCompanyName);
    factory.add(QStringLiteral("department"), &makeDepartment);
    factory.add(QStringLiteral("industry"), &makeIndustry);
}

} // namespace fabrica
