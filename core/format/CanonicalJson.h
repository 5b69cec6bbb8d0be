#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace fabrica {

// Writes JSON the way people edit it: 2-space indentation, a container on one line when it fits in
// 100 columns, object keys in a preferred order (then alphabetical), integers without a fraction.
// The output is a pure function of the value, so a file written twice is byte-identical.
class CanonicalJson
{
public:
    explicit CanonicalJson(QStringList keyOrder = {});
    QByteArray write(const QJsonValue &value) const;

    static QByteArray quoted(const QString &text);
    static QByteArray number(double value);

private:
    void writeValue(QByteArray &out, const QJsonValue &value, int indent, int column) const;
    QByteArray compact(const QJsonValue &value) const;
    QStringList orderedKeys(const QJsonObject &object) const;

    QStringList m_keyOrder;
};

} // namespace fabrica
