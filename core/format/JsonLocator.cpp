#include "JsonLocator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fabrica {

namespace {
// Nesting deeper than this is not worth locating, and recursion must stay bounded on hostile input.
constexpr int kMaxDepth = 256;
}

JsonLocator::JsonLocator(const QByteArray &json, const QString &fileName) : m_json(json), m_fileName(fileName)
{
    skipWhitespace();
    scanValue(QString());
}

SourceLocation JsonLocator::locate(const QString &pointer) const
{
    QString current = pointer;
    while (true) {
        const auto it = m_offsets.constFind(current);
        if (it != m_offsets.constEnd())
            return locateOffset(*it);
        if (current.isEmpty())
            return SourceLocation{m_fileName, 0, 0, {}};
        current.truncate(current.lastIndexOf(QLatin1Char('/')));
    }
}

SourceLocation JsonLocator::locateOffset(qsizetype offset) const
{
    offset = qBound(qsizetype(0), offset, m_json.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (m_json.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Count characters, not bytes: UTF-8 continuation bytes do not start a character.
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(m_json.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return SourceLocation{m_fileName, line, column, {}};
}

QString JsonLocator::escapeSegment(const QString &key)
{
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

void JsonLocator::skipWhitespace()
{
    while (m_pos >= 0 && m_pos < m_json.size()) {
        const char c = m_json.at(m_pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ++m_pos;
    }
}

void JsonLocator::scanValue(const QString &pointer)
{
    if (failed() || m_pos >= m_json.size() || pointer.count(QLatin1Char('/')) > kMaxDepth) {
        m_pos = -1;
        return;
    }
    m_offsets.insert(pointer, m_pos);
    const char c = m_json.at(m_pos);
    if (c == '{') {
        scanObject(pointer);
    } else if (c == '[') {
        scanArray(pointer);
    } else if (c == '"') {
        if (!scanString(nullptr))
            m_pos = -1;
    } else {
        // number, true, false, null: runs until a delimiter
        while (m_pos < m_json.size()) {
            const char d = m_json.at(m_pos);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' || d == '\t')
                break;
            ++m_pos;
        }
    }
}

void JsonLocator::scanObject(const QString &pointer)
{
    ++m_pos; // '{'
    skipWhitespace();
    if (m_pos < m_json.size() && m_json.at(m_pos) == '}') {
        ++m_pos;
        return;
    }
    while (!failed() && m_pos < m_json.size()) {
        const qsizetype keyOffset = m_pos;
        QString key;
        if (m_json.at(m_pos) != '"' || !scanString(&key)) {
            m_pos = -1;
            return;
        }
        const QString memberPointer = pointer + QLatin1Char('/') + escapeSegment(key);
        skipWhitespace();
        if (m_pos >= m_json.size() || m_json.at(m_pos) != ':') {
            m_pos = -1;
            return;
        }
        ++m_pos;
        skipWhitespace();
        scanValue(memberPointer);
        if (failed())
            return;
        m_offsets.insert(memberPointer, keyOffset); // the key is where a reader looks for a member
        skipWhitespace();
        if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
            ++m_pos;
            skipWhitespace();
            continue;
        }
        if (m_pos < m_json.size() && m_json.at(m_pos) == '}')
            ++m_pos;
        else
            m_pos = -1;
        return;
    }
}

void JsonLocator::scanArray(const QString &pointer)
{
    ++m_pos; // '['
    skipWhitespace();
    if (m_pos < m_json.size() && m_json.at(m_pos) == ']') {
        ++m_pos;
        return;
    }
    for (int index = 0; !failed() && m_pos < m_json.size(); ++index) {
        scanValue(pointer + QLatin1Char('/') + QString::number(index));
        if (failed())
            return;
        skipWhitespace();
        if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
            ++m_pos;
            skipWhitespace();
            continue;
        }
        if (m_pos < m_json.size() && m_json.at(m_pos) == ']')
            ++m_pos;
        else
            m_pos = -1;
        return;
    }
}

bool JsonLocator::scanString(QString *decoded)
{
    // m_json[m_pos] is the opening quote. Keys are decoded; values are only skipped.
    const qsizetype start = ++m_pos;
    bool escaped = false;
    while (m_pos < m_json.size()) {
        const char c = m_json.at(m_pos++);
        if (c == '\\') {
            escaped = true;
            ++m_pos;
        } else if (c == '"') {
            if (decoded) {
                const QByteArray raw = m_json.mid(start - 1, m_pos - start + 1);
                if (!escaped) {
                    *decoded = QString::fromUtf8(raw.mid(1, raw.size() - 2));
                } else {
                    // Let the real parser decode escapes: wrap the string in an array.
                    const QByteArray wrapped = '[' + raw + ']';
                    *decoded = QJsonDocument::fromJson(wrapped).array().at(0).toString();
                }
            }
            return true;
        }
    }
    return false;
}

} // namespace fabrica
