#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace fabrica {

// Turns the bytes of an imported file (or an entry name) into text: UTF-8 when the bytes are valid UTF-8,
// otherwise a Latin-1 fallback the caller should mention in the report.
class TextDecoding
{
public:
    // True when the bytes are well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
    static bool isUtf8(QByteArrayView bytes);
    // True when the bytes start with the UTF-8 byte order mark EF BB BF.
    static bool hasUtf8Bom(QByteArrayView bytes);
    // The text without a leading byte order mark; nothing when the bytes are not valid UTF-8.
    static std::optional<QString> utf8(const QByteArray &bytes);
    // One character per byte, as Windows-1252: Latin-1 plus € and the typographic quotes that spreadsheet
    // programs write in 0x80–0x9F (the five bytes Windows-1252 leaves undefined stay Latin-1 controls).
    static QString latin1(const QByteArray &bytes);
};

} // namespace fabrica
