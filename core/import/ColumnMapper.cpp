#include "ColumnMapper.h"

#include "NamedTypes.h"
#include "ValueRanges.h"
#include "common/OneOf.h"

#include <QJsonArray>

namespace fabrica {

namespace {

bool isNumber(const QString &fabricaType)
{
    return isOneOf(fabricaType, {"integer", "smallint", "bigint", "decimal", "float", "double"});
}

} // namespace

QString ColumnMapper::typeOfSql(const ImportedColumn &column)
{
    const QString t = column.sqlType;
    if (isOneOf(t, {"smallint", "int2", "tinyint", "smallserial", "serial2", "year"}))
        return column.sqlType == QLatin1String("tinyint") && column.typeArguments.value(0) == 1
                   ? QStringLiteral("boolean")
                   : QStringLiteral("smallint");
    if (isOneOf(t, {"integer", "int", "int4", "mediumint", "serial", "serial4"}))
        return QStringLiteral("integer");
    if (isOneOf(t, {"bigint", "int8", "bigserial", "serial8"}))
        return QStringLiteral("bigint");
    if (isOneOf(t, {"numeric", "decimal", "money", "number", "dec", "fixed"}))
        return QStringLiteral("decimal");
    if (isOneOf(t, {"real", "float4"}))
        return QStringLiteral("float");
    if (isOneOf(t, {"double precision", "double", "float8", "float"}))
        return QStringLiteral("double");
    if (isOneOf(t, {"boolean", "bool", "bit"}))
        return QStringLiteral("boolean");
    if (t == QLatin1String("date"))
        return QStringLiteral("date");
    if (isOneOf(t, {"time", "time without time zone", "timetz", "time with time zone"}))
        return QStringLiteral("time");
    if (isOneOf(t, {"timestamptz", "timestamp with time zone"}))
        return QStringLiteral("timestamptz");
    if (isOneOf(t, {"timestamp", "datetime", "timestamp without time zone", "smalldatetime", "datetime2"}))
        return QStringLiteral("timestamp");
    if (isOneOf(t, {"uuid", "uniqueidentifier"}))
        return QStringLiteral("uuid");
    if (isOneOf(t, {"json", "jsonb"}))
        return QStringLiteral("json");
    if (isOneOf(t, {"inet", "cidr"}))
        return QStringLiteral("ipv4");
    if (isOneOf(t, {"macaddr", "macaddr8"}))
        return QStringLiteral("mac_address");
    if (isOneOf(t, {"char", "character", "bpchar", "nchar"}) && column.typeArguments.value(0) > 1)
        return QStringLiteral("char");
    // SQLite's type affinity: any name with INT is an integer, with REAL, FLOA or DOUB a real.
    if (t.contains(QLatin1String("int")))
        return t.contains(QLatin1String("big")) ? QStringLiteral("bigint") : QStringLiteral("integer");
    if (t.contains(QLatin1String("real")) || t.contains(QLatin1String("floa")) ||
        t.contains(QLatin1String("doub")))
        return QStringLiteral("double");
    return QStringLiteral("string");
}

ColumnMapper::Mapped ColumnMapper::map(const ImportedTable &table, const ImportedColumn &column,
                                       const QString &references, const QDate &referenceDate)
{
    Mapped out;
    out.column.name = column.name;
    out.column.description = column.comment;
    QJsonObject &c = out.column.constraints;
    const bool inPrimaryKey = table.primaryKey.contains(column.name);
    if (inPrimaryKey)
        c.insert(QStringLiteral("primaryKey"), true);
    else if (column.notNull)
        c.insert(QStringLiteral("notNull"), true);
    if (column.unique && !inPrimaryKey)
        c.insert(QStringLiteral("unique"), true);
    const QString sqlText = column.sqlType +
                            (column.typeArguments.isEmpty() ? QString()
                                                            : QLatin1Char('(') +
                                                                  [&] {
                                                                      QStringList parts;
                                                                      for (const int a : column.typeArguments)
                                                                          parts << QString::number(a);
                                                                      return parts.join(QLatin1String(", "));
                                                                  }() +
                                                                  QLatin1Char(')')) +
                            (column.isArray ? QStringLiteral("[]") : QString());

    // What the column is comes first.
    if (!references.isEmpty()) {
        out.column.type = QStringLiteral("foreign_key");
        c.insert(QStringLiteral("references"), references);
        out.reason = tr("foreign key to %1").arg(references);
        return out;
    }
    if (column.isArray) {
        // PostgreSQL array literals; the element type decides what goes in the braces.
        const QString element = typeOfSql(column);
        out.column.type = QStringLiteral("pattern");
        c.insert(QStringLiteral("pattern"),
                 isNumber(element) ? QStringLiteral("\\{[1-9][0-9]{0,3}(,[1-9][0-9]{0,3}){0,3}\\}")
                                   : QStringLiteral("\\{[a-z]{3,8}(,[a-z]{3,8}){0,3}\\}"));
        out.reason = tr("pattern of array literals (%1)").arg(sqlText);
        return out;
    }
    if (!column.allowedValues.isEmpty()) {
        out.column.type = QStringLiteral("enum");
        c.insert(QStringLiteral("values"), QJsonArray::fromStringList(column.allowedValues));
        out.reason = tr("enum of %n value(s), equally weighted (from the type or a CHECK)", nullptr,
                        int(column.allowedValues.size()));
        return out;
    }
    const QString sqlType = typeOfSql(column);
    const bool whole = isOneOf(sqlType, {"smallint", "integer", "bigint"});
    if (column.autoIncrement && whole) {
        out.column.type = QStringLiteral("sequence");
        c.insert(QStringLiteral("start"), 1);
        out.reason = tr("sequence 1, 2, 3 … (%1 generated by the database)").arg(sqlText);
        return out;
    }
    // Integer keys count 1, 2, 3 … as every real table's do (unless a CHECK gives them a range of their own).
    const bool ownRange = (column.minimum && !(column.isUnsigned && *column.minimum == 0)) || column.maximum;
    if (inPrimaryKey && table.primaryKey.size() == 1 && whole && !ownRange) {
        out.column.type = QStringLiteral("sequence");
        c.insert(QStringLiteral("start"), 1);
        out.reason = tr("sequence 1, 2, 3 … (%1 primary key)").arg(sqlText);
        return out;
    }

    // Then what the name says.
    const NamedTypes::Choice named = NamedTypes::choose(table.name, column, sqlType);
    if (!named.type.isEmpty()) {
        out.column.type = named.type;
        for (auto it = named.constraints.begin(); it != named.constraints.end(); ++it)
            c.insert(it.key(), it.value());
        out.reason =
            named.detail.isEmpty()
                ? tr("%1 (from the name; SQL type %2)").arg(out.column.type, sqlText)
                : tr("%1, %2 (from the name; SQL type %3)").arg(out.column.type, named.detail, sqlText);
        return out;
    }

    // Finally the SQL type, with what CHECKs, the DEFAULT and the name add.
    out.column.type = sqlType;
    QStringList notes;
    if (!named.note.isEmpty())
        notes << named.note;
    if (sqlType == QLatin1String("decimal")) {
        const int precision = column.typeArguments.value(0, 12);
        const int scale = column.typeArguments.size() > 1 ? column.typeArguments[1] : 2;
        c.insert(QStringLiteral("precision"), qBound(1, precision, 1000));
        c.insert(QStringLiteral("scale"), qBound(0, scale, qMin(precision, 1000)));
        notes << tr("precision %1, scale %2").arg(precision).arg(scale);
    } else if (sqlType == QLatin1String("string")) {
        const int length = column.typeArguments.value(0, 0);
        const int maxLength = length > 0 ? qMin(length, 64) : 32;
        c.insert(QStringLiteral("maxLength"), maxLength);
        c.insert(QStringLiteral("minLength"), qMin(1, maxLength));
    } else if (sqlType == QLatin1String("char")) {
        c.insert(QStringLiteral("length"), column.typeArguments.value(0, 1));
    } else if (sqlType == QLatin1String("json")) {
        c.insert(QStringLiteral("fields"),
                 QJsonObject{
                     {QStringLiteral("id"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("constraints"),
                                   QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 1000}}}}},
                     {QStringLiteral("label"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("lorem_word")}}}});
        notes << tr("a small object; describe its fields");
    }
    if ((column.minimum || column.maximum) && isNumber(sqlType))
        notes << tr("range from a CHECK");
    out.guesses = ValueRanges::apply(table.name, column, sqlType, c, referenceDate);
    out.reason = tr("%1 (from the SQL type %2)").arg(sqlType, sqlText);
    if (!notes.isEmpty())
        out.reason += QLatin1String("; ") + notes.join(QLatin1String("; "));
    return out;
}

} // namespace fabrica
