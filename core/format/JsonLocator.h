#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace fabrica {

// Maps JSON pointers ("/schema/tables/0/name") to line and column in the JSON text they came from, so
// errors found after parsing (QJsonDocument keeps no positions) can still point into the user's file.
// For an object member it records the position of the key; for an array element, of the value.
class JsonLocator
{
public:
    JsonLocator() = default;
    // Scans json, which should be valid JSON; scanning stops quietly where it is not.
    explicit JsonLocator(const QByteArray &json, const QString &fileName = {});

    // Location of pointer, or of its nearest ancestor that was found; the file alone when none was.
    SourceLocation locate(const QString &pointer) const;
    // Location of a byte offset into json (1-based line and column, column counted in characters).
    SourceLocation locateOffset(qsizetype offset) const;

    // Escapes a key for use as a JSON pointer segment ("~" → "~0", "/" → "~1").
    static QString escapeSegment(const QString &key);

private:
    void scanValue(const QString &pointer);
    void scanObject(const QString &pointer);
    void scanArray(const QString &pointer);
    bool scanString(QString *decoded);
    void skipWhitespace();
    bool failed() const { return m_pos < 0; }

    QByteArray m_json;
    QString m_fileName;
    qsizetype m_pos = 0;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace fabrica
