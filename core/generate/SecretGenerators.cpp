// Generators of secrets: password_hash (the stored form of a password, never readable text) and token
// (an opaque random string). Both are shaped exactly like the real thing, from the row's random stream.
#include "ByteBuffer.h"
#include "GeneratorFactory.h"
#include "Permutation.h"
#include "RowGenerator.h"
#include "TextFormat.h"

#include <QJsonObject>

#include <cmath>
#include <limits>

namespace fabrica {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kBcrypt64[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// bytes random bytes in unpadded base64 over alphabet, bit for bit as an encoder writes them, so the
// last character takes only the values real encodings end in.
void appendRandomBase64(ByteBuffer &out, Random &random, int bytes, const char *alphabet)
{
    std::uint64_t pending = 0;
    int bits = 0;
    std::uint64_t word = 0;
    int wordBytes = 0;
    for (int i = 0; i < bytes; ++i) {
        if (wordBytes == 0) {
            word = random.next();
            wordBytes = 8;
        }
        pending = (pending << 8) | (word & 0xFF);
        word >>= 8;
        --wordBytes;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(alphabet[(pending >> bits) & 0x3F]);
        }
    }
    if (bits > 0)
        out.push_back(alphabet[(pending << (6 - bits)) & 0x3F]);
}

// count characters of a 2^bits-letter alphabet, each from bits fresh random bits.
void appendRandomChars(ByteBuffer &out, Random &random, int count, const char *alphabet, int bits)
{
    const int perWord = 64 / bits;
    const std::uint64_t mask = (std::uint64_t(1) << bits) - 1;
    std::uint64_t word = 0;
    for (int i = 0; i < count; ++i) {
        if (i % perWord == 0)
            word = random.next();
        out.push_back(alphabet[word & mask]);
        word >>= bits;
    }
}

void appendRandomHex(ByteBuffer &out, Random &random, int digits)
{
    appendRandomChars(out, random, digits, text::hexDigits(), 4);
}

enum class Algorithm { Argon2id, Bcrypt, Sha256 };

Result<GeneratorPtr> makePasswordHash(const GeneratorSpec &spec)
{
    const QString name = spec.string(QStringLiteral("algorithm"));
    const Algorithm algorithm = name == QLatin1String("bcrypt")   ? Algorithm::Bcrypt
                                : name == QLatin1String("sha256") ? Algorithm::Sha256
                                                                  : Algorithm::Argon2id;
    static const std::string_view argon2Head = "$argon2id$v=19$m=65536,t=3,p=4$";
    static const std::string_view bcryptHead = "$2b$12$";
    std::string alphabet = algorithm == Algorithm::Sha256   ? std::string("0123456789abcdef")
                           : algorithm == Algorithm::Bcrypt ? std::string(kBcrypt64) + "$"
                                                            : std::string(kBase64) + "$=,";
    return rowGenerator(
        [algorithm](qint64, Random &random, ByteBuffer &out) {
            switch (algorithm) {
            case Algorithm::Argon2id: // PHC string: 16-byte salt, 32-byte hash
                text::appendShort(out, argon2Head);
                appendRandomBase64(out, random, 16, kBase64);
                out.push_back('$');
                appendRandomBase64(out, random, 32, kBase64);
                break;
            case Algorithm::Bcrypt: // cost 12, 16-byte salt (22 characters), 23-byte hash (31)
                text::appendShort(out, bcryptHead);
                appendRandomBase64(out, random, 16, kBcrypt64);
                appendRandomBase64(out, random, 23, kBcrypt64);
                break;
            case Algorithm::Sha256:
                appendRandomHex(out, random, 64);
                break;
            }
        },
        ValueClass::Text, std::move(alphabet));
}

Result<GeneratorPtr> makeToken(const GeneratorSpec &spec)
{
    const int length = int(spec.integer(QStringLiteral("length")));
    const bool hex = spec.string(QStringLiteral("encoding")) != QLatin1String("base64url");
    const int bitsPerChar = hex ? 4 : 6;
    const char *digits = hex ? text::hexDigits() : kBase64Url;
    // A unique column ends in its row's image under a permutation, written in as many characters as it
    // needs: distinct by construction. The characters before it are random.
    const int indexChars = std::min(length, (64 + bitsPerChar - 1) / bitsPerChar);
    const int indexBits = std::min(64, indexChars * bitsPerChar);
    const std::uint64_t domain =
        indexBits >= 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t(1) << indexBits);
    const bool unique = spec.unique;
    std::string alphabet = hex ? std::string(text::hexDigits(), 16) : std::string(kBase64Url, 64);
    auto write = [=, permutation = Permutation(domain, spec.seed)](qint64 row, Random &random,
                                                                   ByteBuffer &out) {
        if (!unique) {
            appendRandomChars(out, random, length, digits, bitsPerChar);
            return;
        }
        appendRandomChars(out, random, length - indexChars, digits, bitsPerChar);
        const std::uint64_t value = permutation.map(std::uint64_t(row) % domain);
        for (int i = indexChars - 1; i >= 0; --i)
            out.push_back(digits[(value >> (i * bitsPerChar)) & ((1u << bitsPerChar) - 1)]);
    };
    if (unique)
        return GeneratorPtr(
            new KeyRowGenerator(write, spec.seed, ValueClass::Text,
                                indexBits >= 64 ? std::nullopt : std::optional<quint64>(domain)));
    return rowGenerator(write, ValueClass::Text, std::move(alphabet));
}

} // namespace

void registerSecretGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("password_hash"), &makePasswordHash);
    factory.add(QStringLiteral("token"), &makeToken);
}

} // namespace fabrica
