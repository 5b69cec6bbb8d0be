// Generators of the finance category: iban, bic, credit_card, currency_code, isbn13, ean13 (amount is a
// decimal, in NumberGenerators.cpp). Every value is valid by construction (check digits, Luhn).
#include "ByteBuffer.h"
#include "Codes.h"
#include "GeneratorFactory.h"
#include "Permutation.h"
#include "RowGenerator.h"

namespace fabrica {

namespace {

Result<GeneratorPtr> makeIban(const GeneratorSpec &spec)
{
    const QString country = spec.string(QStringLiteral("country")).toUpper();
    std::vector<const IbanFormat *> formats;
    if (country.isEmpty()) {
        for (const QString &code : Codes::ibanCountries())
            formats.push_back(Codes::ibanFormat(code));
    } else if (const IbanFormat *format = Codes::ibanFormat(country)) {
        formats.push_back(format);
    } else {
        return generationError(spec, QCoreApplication::translate(
                                         "fabrica::Plan", "no IBAN format for country \"%1\"; supported: %2")
                                         .arg(country, Codes::ibanCountries().join(QLatin1String(", "))));
    }
    const bool unique = spec.unique;
    // Unique IBANs of several countries: the row picks the country, the permuted row the account.
    const quint64 domain = Codes::ibanDomainSize(*formats.front());
    const Permutation permutation(domain, spec.seed);
    return GeneratorPtr(new KeyRowGenerator(
        [formats, unique, permutation, domain](qint64 row, Random &random, ByteBuffer &out) {
            char buffer[40];
            const IbanFormat &format = *formats[unique ? 0 : random.below(formats.size())];
            const int length =
                unique ? Codes::writeIbanFromIndex(format, permutation.map(quint64(row) % domain), buffer)
                       : Codes::writeIban(random, format, buffer);
            out.append(buffer, std::size_t(length));
        },
        spec.seed, ValueClass::Text, domain));
}

Result<GeneratorPtr> makeBic(const GeneratorSpec &)
{
    return rowGenerator([](qint64, Random &random, ByteBuffer &out) {
        char buffer[16];
        out.append(buffer, std::size_t(Codes::writeBic(random, QStringView(), buffer)));
    });
}

Result<GeneratorPtr> makeCard(const GeneratorSpec &spec)
{
    const std::optional<CardBrand> brand = Codes::cardBrandFromId(spec.string(QStringLiteral("brand")));
    if (!brand)
        return generationError(spec, QCoreApplication::translate("fabrica::Plan", "unknown card brand"));
    const bool unique = spec.unique;
    const CardBrand fixed = *brand == CardBrand::Any && unique ? CardBrand::Visa : *brand;
    const quint64 domain = Codes::cardDomainSize(fixed);
    const Permutation permutation(domain, spec.seed);
    return GeneratorPtr(new KeyRowGenerator(
        [fixed, unique, permutation, domain](qint64 row, Random &random, ByteBuffer &out) {
            char buffer[24];
            const int length =
                unique
                    ? Codes::writeCardNumberFromIndex(fixed, permutation.map(quint64(row) % domain), buffer)
                    : Codes::writeCardNumber(random, fixed, buffer);
            out.append(buffer, std::size_t(length));
        },
        spec.seed, ValueClass::Text, domain));
}

Result<GeneratorPtr> makeCurrency(const GeneratorSpec &)
{
    const QList<QByteArray> &codes = Codes::currencyCodes();
    return rowGenerator([&codes](qint64, Random &random, ByteBuffer &out) {
        const QByteArray &code = codes[qsizetype(random.below(quint64(codes.size())))];
        out.append(code.constData(), std::size_t(code.size()));
    });
}

Result<GeneratorPtr> makeProductCode(const GeneratorSpec &spec)
{
    const bool isbn = spec.type.id == QLatin1String("isbn13");
    const quint64 domain = isbn ? Codes::isbn13DomainSize() : Codes::ean13DomainSize();
    const Permutation permutation(domain, spec.seed);
    const bool unique = spec.unique;
    return GeneratorPtr(new KeyRowGenerator(
        [isbn, unique, permutation, domain](qint64 row, Random &random, ByteBuffer &out) {
            char buffer[16];
            int length;
            if (unique) {
                const quint64 index = permutation.map(quint64(row) % domain);
                length = isbn ? Codes::writeIsbn13FromIndex(index, buffer)
                              : Codes::writeEan13FromIndex(index, buffer);
            } else {
                length = isbn ? Codes::writeIsbn13(random, buffer) : Codes::writeEan13(random, buffer);
            }
            out.append(buffer, std::size_t(length));
        },
        spec.seed, ValueClass::Text, domain));
}

} // namespace

void registerFinanceGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("iban"), &makeIban);
    factory.add(QStringLiteral("bic"), &makeBic);
    factory.add(QStringLiteral("credit_card"), &makeCard);
    factory.add(QStringLiteral("currency_code"), &makeCurrency);
    factory.add(QStringLiteral("isbn13"), &makeProductCode);
    factory.add(QStringLiteral("ean13"), &makeProductCode);
}

} // namespace fabrica
