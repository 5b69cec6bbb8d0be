#include "ColumnReference.h"

namespace fabrica {

std::optional<ColumnReference> ColumnReference::parse(const QString &text)
{
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == text.size() - 1 || text.indexOf(QLatin1Char('.'), dot + 1) >= 0)
        return std::nullopt;
    return ColumnReference{text.left(dot), text.mid(dot + 1)};
}

std::optional<ColumnReference> ColumnReference::fromConstraint(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return parse(value.toString());
}

} // namespace fabrica
