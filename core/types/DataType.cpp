#include "DataType.h"

namespace fabrica {

QString valueKindName(ValueKind kind)
{
    // These spellings are part of the registry file format (types.json "kind"), so never translate them.
    switch (kind) {
    case ValueKind::Boolean:
        return QStringLiteral("boolean");
    case ValueKind::Integer:
        return QStringLiteral("integer");
    case ValueKind::Number:
        return QStringLiteral("number");
    case ValueKind::String:
        return QStringLiteral("string");
    case ValueKind::Choice:
        return QStringLiteral("choice");
    case ValueKind::Date:
        return QStringLiteral("date");
    case ValueKind::Time:
        return QStringLiteral("time");
    case ValueKind::Timestamp:
        return QStringLiteral("timestamp");
    case ValueKind::StringList:
        return QStringLiteral("stringList");
    case ValueKind::NumberList:
        return QStringLiteral("numberList");
    case ValueKind::Reference:
        return QStringLiteral("reference");
    case ValueKind::Distribution:
        return QStringLiteral("distribution");
    case ValueKind::Object:
        return QStringLiteral("object");
    }
    Q_UNREACHABLE();
    return {};
}

const ConstraintKey *DataType::key(const QString &name) const
{
    for (const ConstraintKey &candidate : keys) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

} // namespace fabrica
