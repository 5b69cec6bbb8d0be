#include "TextTransform.h"
#include "ByteBuffer.h"

#include <QString>

#include <algorithm>

namespace fabrica::transform {

namespace {

bool isAscii(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

QString decode(std::string_view in)
{
    return QString::fromUtf8(in.data(), qsizetype(in.size()));
}

void encode(const QString &text, ByteBuffer &out)
{
    const QByteArray utf8 = text.toUtf8();
    out.append(utf8.constData(), std::size_t(utf8.size()));
}

// Letters that Unicode decomposition does not reduce to ASCII.
const char *special(char32_t c)
{
    switch (c) {
    case U'ß':
        return "ss";
    case U'ẞ':
        return "SS";
    case U'æ':
        return "ae";
    case U'Æ':
        return "AE";
    case U'œ':
        return "oe";
    case U'Œ':
        return "OE";
    case U'ø':
        return "o";
    case U'Ø':
        return "O";
    case U'ł':
        return "l";
    case U'Ł':
        return "L";
    case U'đ':
        return "d";
    case U'Đ':
        return "D";
    case U'þ':
        return "th";
    case U'Þ':
        return "TH";
    case U'ð':
        return "d";
    case U'ı':
        return "i";
    default:
        return nullptr;
    }
}

} // namespace

void lower(std::string_view in, ByteBuffer &out)
{
    if (isAscii(in)) {
        for (char c : in)
            out.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
        return;
    }
    encode(decode(in).toLower(), out);
}

void upper(std::string_view in, ByteBuffer &out)
{
    if (isAscii(in)) {
        for (char c : in)
            out.push_back(c >= 'a' && c <= 'z' ? char(c - 32) : c);
        return;
    }
    encode(decode(in).toUpper(), out);
}

void title(std::string_view in, ByteBuffer &out)
{
    QString text = decode(in).toLower();
    bool start = true;
    for (QChar &c : text) {
        if (start && c.isLetter())
            c = c.toUpper();
        start = !c.isLetterOrNumber() && c != QLatin1Char('\'');
    }
    encode(text, out);
}

void ascii(std::string_view in, ByteBuffer &out)
{
    if (isAscii(in)) {
        out.append(in);
        return;
    }
    const QString text = decode(in);
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text.at(i).unicode();
        if (text.at(i).isHighSurrogate() && i + 1 < text.size())
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
        if (c < 0x80) {
            out.push_back(char(c));
            continue;
        }
        if (const char *replacement = special(c)) {
            out.append(replacement);
            continue;
        }
        const QString decomposed = QString(QChar(text.at(i))).normalized(QString::NormalizationForm_KD);
        bool any = false;
        for (QChar d : decomposed) {
            if (d.unicode() < 0x80) {
                out.push_back(char(d.unicode()));
                any = true;
            }
        }
        if (!any) // no ASCII form (e.g. CJK): keep the character
            encode(text.mid(i, QChar::requiresSurrogates(c) ? 2 : 1), out);
        if (QChar::requiresSurrogates(c))
            ++i;
    }
}

void slug(std::string_view in, ByteBuffer &out, char separator)
{
    ByteBuffer plain;
    ascii(in, plain);
    bool pending = false;
    const std::size_t start = out.size();
    for (char c : plain.view()) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        const bool upperCase = c >= 'A' && c <= 'Z';
        if (alnum || upperCase) {
            if (pending && out.size() > start && separator != '\0')
                out.push_back(separator);
            pending = false;
            out.push_back(upperCase ? char(c + 32) : c);
        } else {
            pending = true;
        }
    }
}

bool apply(std::string_view filter, std::string_view in, ByteBuffer &out)
{
    if (filter == "lower")
        lower(in, out);
    else if (filter == "upper")
        upper(in, out);
    else if (filter == "title")
        title(in, out);
    else if (filter == "slug")
        slug(in, out);
    else if (filter == "ascii")
        ascii(in, out);
    else
        return false;
    return true;
}

} // namespace fabrica::transform
