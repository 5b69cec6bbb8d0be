#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QString>

#include <optional>

namespace fabrica {

// A column's SQL type as its DDL declared it (the "sqlType" constraint, e.g. "varchar(15)", "char(2)",
// "numeric(10,2)", "tinyint unsigned"): what sizes it sets on the values, and how Fabrica's own DDL writes
// it again in each dialect. Only sized types are understood; anything else is left to the data type.
class DeclaredSqlType
{
public:
    enum class Kind { Unknown, VarChar, Char, Decimal, Integer };

    static DeclaredSqlType parse(const QString &text);
    // The text stored in "sqlType" for a base type and its arguments as the import read them, or empty
    // when the type sets no size worth keeping ("text", "date", a plain "integer").
    static QString fromImport(const QString &base, const QList<int> &arguments, bool isUnsigned);

    Kind kind() const { return m_kind; }
    bool isKnown() const { return m_kind != Kind::Unknown; }
    // Characters a value may hold (varchar(n), char(n)); nullopt = no limit.
    std::optional<int> maxLength() const;
    // numeric(p,s): digits in all and after the point.
    int precision() const { return m_precision; }
    int scale() const { return m_scale; }
    // The range a declared integer width holds (smallint: -32768..32767, tinyint unsigned: 0..255).
    qint64 minimum() const { return m_minimum; }
    qint64 maximum() const { return m_maximum; }
    // The type in dialect's spelling ("varchar(15)", "decimal(10,2)", "tinyint unsigned"); empty when
    // unknown, so the data type's own SQL type applies.
    QString forDialect(SqlDialect dialect) const;

private:
    Kind m_kind = Kind::Unknown;
    int m_length = 0;
    int m_precision = 0;
    int m_scale = 0;
    qint64 m_minimum = 0;
    qint64 m_maximum = 0;
    QString m_integerName; // tinyint, smallint, mediumint, integer, bigint
    bool m_unsigned = false;
};

} // namespace fabrica
