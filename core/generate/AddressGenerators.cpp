// Generators of the address category. A row's street, city, region and postal code come from one city of
// the locale (Entities.h), so they agree with each other.
#include "ByteBuffer.h"
#include "Entities.h"
#include "GeneratorFactory.h"
#include "RowGenerator.h"
#include "TextFormat.h"

#include <cmath>

namespace fabrica {

namespace {

int languageIndex(const QString &locale)
{
    if (locale.startsWith(QLatin1String("de")))
        return 1;
    if (locale.startsWith(QLatin1String("fr")))
        return 2;
    if (locale.startsWith(QLatin1String("es")))
        return 3;
    return 0;
}

Result<GeneratorPtr> makeStreet(const GeneratorSpec &spec)
{
    const WordList &streets = LocaleData::get(spec.locale).list(LocaleData::List::Streets);
    return rowGenerator([&streets](qint64, Random &random, ByteBuffer &out) {
        text::appendShort(out, streets.pick(random));
    });
}

Result<GeneratorPtr> makeBuildingNumber(const GeneratorSpec &spec)
{
    // Mostly low numbers, as in real streets; German and French addresses sometimes add a letter or "bis".
    const int language = languageIndex(spec.locale);
    const bool american = spec.locale == QLatin1String("en_US");
    return rowGenerator([language, american](qint64, Random &random, ByteBuffer &out) {
        const qint64 number = american ? qint64(random.below(9899)) + 1
                                       : qint64(std::floor(std::pow(random.unit(), 2.0) * 180)) + 1;
        text::appendInt(out, number);
        if (language == 1 && random.below(15) == 0)
            out.push_back(char('a' + random.below(3)));
        else if (language == 2 && random.below(25) == 0)
            text::appendShort(out, " bis");
    });
}

Result<GeneratorPtr> makeCityPart(const GeneratorSpec &spec)
{
    const LocaleData &data = LocaleData::get(spec.locale);
    const quint64 tableSeed = spec.tableSeed;
    const QString id = spec.type.id;
    const int part = id == QLatin1String("city") ? 0 : id == QLatin1String("region") ? 1 : 2;
    return rowGenerator([&data, tableSeed, part](qint64 row, Random &random, ByteBuffer &out) {
        const City &city = cityAt(data, tableSeed, row);
        if (part == 0)
            text::appendShort(out, city.name);
        else if (part == 1)
            text::appendShort(out, city.region);
        else
            fillTemplate(random, city.postalTemplates[random.below(city.postalTemplates.size())], out,
                         TemplateKind::Postal);
    });
}

Result<GeneratorPtr> makeCountry(const GeneratorSpec &spec)
{
    const std::vector<Country> &countries = CommonData::get().countries();
    const int language = languageIndex(spec.locale);
    if (spec.type.id == QLatin1String("country"))
        return rowGenerator([&countries, language](qint64, Random &random, ByteBuffer &out) {
            out.append(countries[random.below(countries.size())].name[language]);
        });
    const bool alpha3 = spec.string(QStringLiteral("alpha")) == QLatin1String("alpha3");
    return rowGenerator([&countries, alpha3](qint64, Random &random, ByteBuffer &out) {
        const Country &country = countries[random.below(countries.size())];
        text::appendShort(out, alpha3 ? country.alpha3 : country.alpha2);
    });
}

Result<GeneratorPtr> makeCoordinate(const GeneratorSpec &spec)
{
    const double min = spec.number(QStringLiteral("min")), max = spec.number(QStringLiteral("max"));
    const int precision = int(spec.integer(QStringLiteral("precision")));
    const double factor = std::pow(10.0, precision);
    const qint64 low = qint64(std::ceil(min * factor)), high = qint64(std::floor(max * factor));
    return rowGenerator(
        [low, high, precision](qint64, Random &random, ByteBuffer &out) {
            text::appendDecimal(out, random.between(low, high), precision);
        },
        ValueClass::Number);
}

Result<GeneratorPtr> makeTimeZone(const GeneratorSpec &)
{
    const WordList &zones = CommonData::get().timeZones();
    return rowGenerator(
        [&zones](qint64, Random &random, ByteBuffer &out) { text::appendShort(out, zones.pick(random)); });
}

} // namespace

void registerAddressGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("street"), &makeStreet);
    factory.add(QStringLiteral("building_number"), &makeBuildingNumber);
    factory.add(QStringLiteral("city"), &makeCityPart);
    factory.add(QStringLiteral("region"), &makeCityPart);
    factory.add(QStringLiteral("postal_code"), &makeCityPart);
    factory.add(QStringLiteral("country"), &makeCountry);
    factory.add(QStringLiteral("country_code"), &makeCountry);
    factory.add(QStringLiteral("latitude"), &makeCoordinate);
    factory.add(QStringLiteral("longitude"), &makeCoordinate);
    factory.add(QStringLiteral("time_zone"), &makeTimeZone);
}

} // namespace fabrica
