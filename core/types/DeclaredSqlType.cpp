#include "DeclaredSqlType.h"

#include <QRegularExpression>

#include <limits>

namespace fabrica {

namespace {

bool isVarChar(const QString &base)
{
    return base == QLatin1String("varchar") || base == QLatin1String("character varying") ||
           base == QLatin1String("nvarchar") || base == QLatin1String("varchar2") ||
           base == QLatin1String("nvarchar2") || base == QLatin1String("national character varying") ||
           base == QLatin1String("char varying");
}

bool isChar(const QString &base)
{
    return base == QLatin1String("char") || base == QLatin1String("character") ||
           base == QLatin1String("nchar") || base == QLatin1String("bpchar") ||
           base == QLatin1String("national character");
}

bool isDecimal(const QString &base)
{
    return base == QLatin1String("numeric") || base == QLatin1String("decimal") ||
           base == QLatin1String("dec") || base == QLatin1String("fixed") || base == QLatin1String("number");
}

// The canonical name of an integer width, empty for other types.
QString integerName(const QString &base)
{
    if (base == QLatin1String("tinyint"))
        return QStringLiteral("tinyint");
    if (base == QLatin1String("smallint") || base == QLatin1String("int2"))
        return QStringLiteral("smallint");
    if (base == QLatin1String("mediumint"))
        return QStringLiteral("mediumint");
    if (base == QLatin1String("integer") || base == QLatin1String("int") || base == QLatin1String("int4"))
        return QStringLiteral("integer");
    if (base == QLatin1String("bigint") || base == QLatin1String("int8"))
        return QStringLiteral("bigint");
    return {};
}

int integerBits(const QString &name)
{
    if (name == QLatin1String("tinyint"))
        return 8;
    if (name == QLatin1String("smallint"))
        return 16;
    if (name == QLatin1String("mediumint"))
        return 24;
    if (name == QLatin1String("integer"))
        return 32;
    return 64;
}

} // namespace

DeclaredSqlType DeclaredSqlType::parse(const QString &text)
{
    static const QRegularExpression form(
        QStringLiteral(
            "^\\s*([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(unsigned)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    DeclaredSqlType type;
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return type;
    const QString base = match.captured(1).toLower();
    const bool hasFirst = !match.captured(2).isEmpty();
    const int first = match.captured(2).toInt();
    const int second = match.captured(3).toInt();
    const bool isUnsigned = !match.captured(4).isEmpty();
    if (isVarChar(base) && hasFirst && first > 0) {
        type.m_kind = Kind::VarChar;
        type.m_length = first;
    } else if (isChar(base)) {
        type.m_kind = Kind::Char;
        type.m_length = hasFirst && first > 0 ? first : 1;
    } else if (isDecimal(base) && hasFirst && first > 0 && first <= 1000 && second <= first) {
        type.m_kind = Kind::Decimal;
        type.m_precision = first;
        type.m_scale = second;
    } else if (const QString name = integerName(base); !name.isEmpty()) {
        type.m_kind = Kind::Integer;
        type.m_integerName = name;
        type.m_unsigned = isUnsigned;
        const int bits = integerBits(name);
        if (bits == 64) {
            type.m_minimum = isUnsigned ? 0 : std::numeric_limits<qint64>::min();
            type.m_maximum =
                std::numeric_limits<qint64>::max(); // an unsigned bigint beyond is never generated
        } else if (isUnsigned) {
            type.m_minimum = 0;
            type.m_maximum = (qint64(1) << bits) - 1;
        } else {
            type.m_minimum = -(qint64(1) << (bits - 1));
            type.m_maximum = (qint64(1) << (bits - 1)) - 1;
        }
    }
    return type;
}

QString DeclaredSqlType::fromImport(const QString &base, const QList<int> &arguments, bool isUnsigned)
{
    const QString lower = base.toLower();
    const QString name = integerName(lower);
    QString text;
    if (isVarChar(lower) && arguments.value(0) > 0)
        text = QStringLiteral("varchar(%1)").arg(arguments[0]);
    else if (isChar(lower) && arguments.value(0) > 0)
        text = QStringLiteral("char(%1)").arg(arguments[0]);
    else if (isDecimal(lower) && arguments.value(0) > 0)
        text = QStringLiteral("numeric(%1,%2)").arg(arguments[0]).arg(arguments.value(1, 0));
    else if (!name.isEmpty() &&
             (isUnsigned || (name != QLatin1String("integer") && name != QLatin1String("bigint"))))
        text = name +
               (isUnsigned ? QStringLiteral(" unsigned") : QString()); // the widths data types do not write
    return parse(text).isKnown() ? text : QString();
}

std::optional<int> DeclaredSqlType::maxLength() const
{
    if (m_kind == Kind::VarChar || m_kind == Kind::Char)
        return m_length;
    return std::nullopt;
}

QString DeclaredSqlType::forDialect(SqlDialect dialect) const
{
    switch (m_kind) {
    case Kind::Unknown:
        return {};
    case Kind::VarChar:
        return QStringLiteral("varchar(%1)").arg(m_length);
    case Kind::Char:
        return QStringLiteral("char(%1)").arg(m_length);
    case Kind::Decimal:
        return (dialect == SqlDialect::MySQL ? QStringLiteral("decimal(%1,%2)")
                                             : QStringLiteral("numeric(%1,%2)"))
            .arg(m_precision)
            .arg(m_scale);
    case Kind::Integer:
        if (dialect == SqlDialect::MySQL)
            return m_integerName + (m_unsigned ? QStringLiteral(" unsigned") : QString());
        if (dialect == SqlDialect::SQLite)
            return QStringLiteral("INTEGER");
        // PostgreSQL has no tinyint, mediumint or unsigned: the next width that holds the range.
        if (m_maximum <= 32767 && m_minimum >= -32768)
            return QStringLiteral("smallint");
        if (m_maximum <= 2147483647 && m_minimum >= -2147483648LL)
            return QStringLiteral("integer");
        return QStringLiteral("bigint");
    }
    return {};
}

} // namespace fabrica
