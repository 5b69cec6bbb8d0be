// Generators of the internet category.
#include "ByteBuffer.h"
#include "GeneratorFactory.h"
#include "LocaleData.h"
#include "Permutation.h"
#include "RowGenerator.h"
#include "TextFormat.h"

#include <QHostAddress>

#include <iterator>
#include <string_view>

namespace fabrica {

namespace {

// The suffixes of default domains and URLs: names RFC 2606 and RFC 6761 reserve for documentation and
// testing, so no generated name resolves to somebody's site. example.com comes up more often, as real .com
// does.
constexpr std::string_view kReservedSuffixes[] = {"example.com", "example.com", "example.com", "example.net",
                                                  "example.org", "example",     "test"};

// How a generated domain ends: the user's TLD, a real TLD (realDomains) or a reserved suffix (the default).
struct DomainEnding
{
    std::string tld; // given by the user, without the leading dot; empty = not given
    bool real = false;
};

// Appends "word[-word].suffix"; returns the position of the dot before the suffix.
std::size_t appendDomain(Random &random, const DomainEnding &ending, ByteBuffer &out)
{
    const CommonData &common = CommonData::get();
    text::appendShort(out, common.domainWords().pick(random));
    if (random.below(3) == 0) {
        if (random.below(2))
            out.push_back('-');
        text::appendShort(out, common.domainWords().pick(random));
    }
    const std::size_t dot = out.size();
    out.push_back('.');
    if (!ending.tld.empty())
        text::appendShort(out, ending.tld);
    else if (ending.real)
        text::appendShort(out, common.tlds().pick(random));
    else
        text::appendShort(out, kReservedSuffixes[random.below(std::size(kReservedSuffixes))]);
    return dot;
}

Result<GeneratorPtr> makeDomain(const GeneratorSpec &spec)
{
    const QString tldText = spec.string(QStringLiteral("tld"));
    const DomainEnding ending{tldText.startsWith(QLatin1Char('.')) ? tldText.mid(1).toStdString()
                                                                   : tldText.toStdString(),
                              spec.flag(QStringLiteral("realDomains"))};
    const bool unique = spec.unique;
    return GeneratorPtr(new KeyRowGenerator(
        [ending, unique](qint64 row, Random &random, ByteBuffer &out) {
            const std::size_t dot = appendDomain(random, ending, out);
            if (unique) { // the row number before the suffix keeps it unique: "word-1a2b.example.com"
                ByteBuffer suffix;
                suffix.push_back('-');
                text::appendBase36(suffix, quint64(row));
                out.insert(dot, suffix);
            }
        },
        spec.seed));
}

Result<GeneratorPtr> makeUrl(const GeneratorSpec &spec)
{
    const std::string scheme = spec.string(QStringLiteral("scheme")).toStdString();
    const DomainEnding ending{{}, spec.flag(QStringLiteral("realDomains"))};
    const bool unique = spec.unique;
    return GeneratorPtr(new KeyRowGenerator(
        [scheme, ending, unique](qint64 row, Random &random, ByteBuffer &out) {
            out.append(scheme).append("://");
            if (random.below(2))
                text::appendShort(out, "www.");
            appendDomain(random, ending, out);
            const int segments = int(random.below(3)) + (unique ? 1 : 0);
            const WordList &words = CommonData::get().domainWords();
            for (int s = 0; s < segments; ++s) {
                out.push_back('/');
                text::appendShort(out, words.pick(random));
            }
            if (unique) {
                out.push_back('-');
                text::appendBase36(out, quint64(row));
            }
        },
        spec.seed));
}

Result<GeneratorPtr> makeEmailDomain(const GeneratorSpec &spec)
{
    const WordList &domains =
        LocaleData::get(spec.locale)
            .list(spec.flag(QStringLiteral("realDomains")) ? LocaleData::List::EmailDomains
                                                           : LocaleData::List::ReservedEmailDomains);
    return rowGenerator([&domains](qint64, Random &random, ByteBuffer &out) {
        text::appendShort(out, domains.pick(random));
    });
}

Result<GeneratorPtr> makeIpv4(const GeneratorSpec &spec)
{
    const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(spec.string(QStringLiteral("cidr")));
    if (subnet.first.protocol() != QAbstractSocket::IPv4Protocol)
        return generationError(spec, QCoreApplication::translate("fabrica::Plan",
                                                                 "cidr \"%1\" is not an IPv4 network such as "
                                                                 "10.0.0.0/8")
                                         .arg(spec.string(QStringLiteral("cidr"))));
    const quint64 size = quint64(1) << (32 - subnet.second);
    const quint32 base =
        subnet.first.toIPv4Address() & (subnet.second == 0 ? 0u : ~quint32(0) << (32 - subnet.second));
    const Permutation permutation(size, spec.seed);
    const bool unique = spec.unique;
    return GeneratorPtr(new KeyRowGenerator(
        [base, size, permutation, unique](qint64 row, Random &random, ByteBuffer &out) {
            const quint32 address =
                base + quint32(unique ? permutation.map(quint64(row) % size) : random.below(size));
            for (int shift = 24; shift >= 0; shift -= 8) {
                text::appendUnsigned(out, (address >> shift) & 0xFF);
                if (shift)
                    out.push_back('.');
            }
        },
        spec.seed, ValueClass::Text, size));
}

Result<GeneratorPtr> makeIpv6(const GeneratorSpec &spec)
{
    const bool unique = spec.unique;
    const quint64 key = spec.seed;
    return GeneratorPtr(new KeyRowGenerator(
        [unique, key](qint64 row, Random &random, ByteBuffer &out) {
            // 2000::/3 (global unicast); a unique column puts a bijection of the row in the low 64 bits.
            quint16 groups[8];
            const std::uint64_t high = (random.next() & 0x1FFFFFFFFFFFFFFFull) | 0x2000000000000000ull;
            const std::uint64_t low = unique ? Random::hash(quint64(row) ^ key) : random.next();
            for (int g = 0; g < 4; ++g) {
                groups[g] = quint16(high >> (48 - 16 * g));
                groups[4 + g] = quint16(low >> (48 - 16 * g));
            }
            // RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::".
            int bestStart = -1, bestLength = 1;
            for (int g = 0; g < 8;) {
                int end = g;
                while (end < 8 && groups[end] == 0)
                    ++end;
                if (end - g > bestLength) {
                    bestStart = g;
                    bestLength = end - g;
                }
                g = end == g ? g + 1 : end;
            }
            for (int g = 0; g < 8; ++g) {
                if (g == bestStart) {
                    text::appendShort(out, "::");
                    g += bestLength - 1;
                    continue;
                }
                if (g > 0 && g != bestStart + bestLength)
                    out.push_back(':');
                char buffer[8];
                const auto result = std::to_chars(buffer, buffer + sizeof buffer, groups[g], 16);
                out.append(buffer, std::size_t(result.ptr - buffer));
            }
        },
        spec.seed));
}

Result<GeneratorPtr> makeMac(const GeneratorSpec &spec)
{
    const bool unique = spec.unique;
    const Permutation permutation(quint64(1) << 46, spec.seed);
    return GeneratorPtr(new KeyRowGenerator(
        [unique, permutation](qint64 row, Random &random, ByteBuffer &out) {
            // Locally administered, unicast: bit 1 of the first byte set, bit 0 clear.
            const std::uint64_t bits =
                unique ? permutation.map(quint64(row) % (quint64(1) << 46)) : random.next() >> 18;
            // 46 free bits around the two flag bits (41, 40) of the first byte.
            const std::uint64_t value =
                (bits >> 40 << 42) | (std::uint64_t(0b10) << 40) | (bits & 0xFFFFFFFFFFull);
            const char *hex = text::hexDigits();
            for (int shift = 40; shift >= 0; shift -= 8) {
                out.push_back(hex[(value >> (shift + 4)) & 0xF]);
                out.push_back(hex[(value >> shift) & 0xF]);
                if (shift)
                    out.push_back(':');
            }
        },
        spec.seed));
}

Result<GeneratorPtr> makeUserAgent(const GeneratorSpec &)
{
    const WordList &agents = CommonData::get().userAgents();
    return rowGenerator(
        [&agents](qint64, Random &random, ByteBuffer &out) { text::appendShort(out, agents.pick(random)); });
}

Result<GeneratorPtr> makeHexColor(const GeneratorSpec &)
{
    return rowGenerator([](qint64, Random &random, ByteBuffer &out) {
        const std::uint64_t color = random.below(0x1000000);
        out.push_back('#');
        const char *hex = text::hexDigits();
        for (int shift = 20; shift >= 0; shift -= 4)
            out.push_back(hex[(color >> shift) & 0xF]);
    });
}

Result<GeneratorPtr> makeSlug(const GeneratorSpec &spec)
{
    const int minWords = int(spec.integer(QStringLiteral("minWords")));
    const int maxWords = int(spec.integer(QStringLiteral("maxWords")));
    const bool unique = spec.unique;
    return GeneratorPtr(new KeyRowGenerator(
        [minWords, maxWords, unique](qint64 row, Random &random, ByteBuffer &out) {
            const WordList &words = CommonData::get().domainWords();
            const int count = int(random.between(minWords, maxWords));
            for (int w = 0; w < count; ++w) {
                if (w > 0)
                    out.push_back('-');
                text::appendShort(out, words.pick(random));
            }
            if (unique) {
                out.push_back('-');
                text::appendBase36(out, quint64(row));
            }
        },
        spec.seed));
}

} // namespace

void registerInternetGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("url"), &makeUrl);
    factory.add(QStringLiteral("domain"), &makeDomain);
    factory.add(QStringLiteral("email_domain"), &makeEmailDomain);
    factory.add(QStringLiteral("ipv4"), &makeIpv4);
    factory.add(QStringLiteral("ipv6"), &makeIpv6);
    factory.add(QStringLiteral("mac_address"), &makeMac);
    factory.add(QStringLiteral("user_agent"), &makeUserAgent);
    factory.add(QStringLiteral("hex_color"), &makeHexColor);
    factory.add(QStringLiteral("slug"), &makeSlug);
}

} // namespace fabrica
