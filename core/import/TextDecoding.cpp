#include "TextDecoding.h"

namespace fabrica {

namespace {

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// Windows-1252 for 0x80–0x9F; 0 where the code page defines nothing.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

} // namespace

bool TextDecoding::isUtf8(QByteArrayView bytes)
{
    // The well-formed byte sequences of the Unicode standard (table 3-7), checked byte by byte so that no
    // decoder's leniency (overlong forms, encoded surrogates) slips through.
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        qsizetype length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0; // overlong below U+0800
            else if (c == 0xED)
                high = 0x9F; // surrogates U+D800–U+DFFF
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90; // overlong below U+10000
            else if (c == 0xF4)
                high = 0x8F; // past U+10FFFF
        } else {
            return false; // a stray continuation byte, C0/C1 (overlong) or F5–FF
        }
        if (size - i < length || p[i + 1] < low || p[i + 1] > high)
            return false;
        for (qsizetype k = 2; k < length; ++k) {
            if (!isContinuation(p[i + k]))
                return false;
        }
        i += length;
    }
    return true;
}

bool TextDecoding::hasUtf8Bom(QByteArrayView bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF");
}

std::optional<QString> TextDecoding::utf8(const QByteArray &bytes)
{
    QByteArrayView view(bytes);
    if (hasUtf8Bom(view))
        view = view.sliced(3);
    if (!isUtf8(view))
        return std::nullopt;
    return QString::fromUtf8(view);
}

QString TextDecoding::latin1(const QByteArray &bytes)
{
    QString text = QString::fromLatin1(bytes);
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x80 && u <= 0x9F && kWindows1252High[u - 0x80] != 0)
            c = QChar(kWindows1252High[u - 0x80]);
    }
    return text;
}

} // namespace fabrica
