#include "CanonicalJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace fabrica {

namespace {
constexpr int kWidth = 100;
constexpr int kIndent = 2;
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53
} // namespace

CanonicalJson::CanonicalJson(QStringList keyOrder) : m_keyOrder(std::move(keyOrder)) {}

QByteArray CanonicalJson::write(const QJsonValue &value) const
{
    QByteArray out;
    writeValue(out, value, 0, 0);
    out += '\n';
    return out;
}

QByteArray CanonicalJson::quoted(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                qsnprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray CanonicalJson::number(double value)
{
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) <= kMaxExactInteger)
        return QByteArray::number(static_cast<qint64>(value));
    if (!std::isfinite(value))
        return "null"; // JSON has no infinities; QJsonValue cannot hold NaN from a parsed file anyway
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QStringList CanonicalJson::orderedKeys(const QJsonObject &object) const
{
    QStringList keys = object.keys(); // alphabetical
    std::stable_sort(keys.begin(), keys.end(), [this](const QString &a, const QString &b) {
        const qsizetype ia = m_keyOrder.indexOf(a), ib = m_keyOrder.indexOf(b);
        const qsizetype ra = ia < 0 ? m_keyOrder.size() : ia, rb = ib < 0 ? m_keyOrder.size() : ib;
        return ra < rb;
    });
    return keys;
}

QByteArray CanonicalJson::compact(const QJsonValue &value) const
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return "null";
    case QJsonValue::Bool: return value.toBool() ? "true" : "false";
    case QJsonValue::Double: return number(value.toDouble());
    case QJsonValue::String: return quoted(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QByteArray out = "[";
        for (qsizetype i = 0; i < array.size(); ++i)
            out += (i ? ", " : "") + compact(array.at(i));
        return out + ']';
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QByteArray out = "{";
        bool first = true;
        for (const QString &key : orderedKeys(object)) {
            out += (first ? "" : ", ") + quoted(key) + ": " + compact(object.value(key));
            first = false;
        }
        return out + '}';
    }
    }
    return "null";
}

void CanonicalJson::writeValue(QByteArray &out, const QJsonValue &value, int indent, int column) const
{
    const QByteArray oneLine = compact(value);
    const bool container = value.isArray() || value.isObject();
    if (!container || column + oneLine.size() <= kWidth) {
        out += oneLine;
        return;
    }
    const QByteArray inner(indent + kIndent, ' ');
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool scalars = std::none_of(array.begin(), array.end(), [](const QJsonValue &v) {
            return v.isArray() || v.isObject();
        });
        if (scalars) {
            // Long lists of plain values (enum values, samples) fill lines instead of one per line.
            out += "[\n" + inner;
            int lineColumn = indent + kIndent;
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QByteArray item = compact(array.at(i)) + (i + 1 < array.size() ? "," : "");
                if (lineColumn > indent + kIndent && lineColumn + 1 + item.size() > kWidth) {
                    out += '\n' + inner;
                    lineColumn = indent + kIndent;
                } else if (lineColumn > indent + kIndent) {
                    out += ' ';
                    ++lineColumn;
                }
                out += item;
                lineColumn += int(item.size());
            }
            out += '\n' + QByteArray(indent, ' ') + ']';
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += inner;
            writeValue(out, array.at(i), indent + kIndent, indent + kIndent);
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + ']';
        return;
    }
    const QJsonObject object = value.toObject();
    const QStringList keys = orderedKeys(object);
    out += "{\n";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QByteArray prefix = quoted(keys.at(i)) + ": ";
        out += inner + prefix;
        writeValue(out, object.value(keys.at(i)), indent + kIndent, int(indent + kIndent + prefix.size()));
        out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    out += QByteArray(indent, ' ') + '}';
}

} // namespace fabrica
