#include "DdlTypeReader.h"

#include "common/OneOf.h"

namespace fabrica {

bool DdlTypeReader::startsConstraint(const SqlToken &token)
{
    return token.isAnyWord({"CONSTRAINT", "PRIMARY", "NOT", "NULL", "NOTNULL", "UNIQUE", "CHECK", "DEFAULT",
                            "COLLATE", "REFERENCES", "GENERATED", "AS", "AUTOINCREMENT", "AUTO_INCREMENT",
                            "ON", "COMMENT", "KEY", "IDENTITY"});
}

bool DdlTypeReader::read(DdlContext &context, ImportedColumn &column, const QString &owner)
{
    SqlTokenCursor &cursor = context.cursor();
    const SqlToken first = cursor.peek();
    const bool sqlite = context.dialect() == SqlDialect::SQLite;
    if (!context.isName(first) || startsConstraint(first)) {
        // SQLite takes columns without a type: CREATE TABLE t (a, b DEFAULT 0).
        if (sqlite &&
            (first.isSymbol(",") || first.isSymbol(")") || first.isStatementEnd() || startsConstraint(first)))
            return true;
        return context.expected(tr("a type for %1").arg(owner));
    }

    QString name = context.nameOf(cursor.take());
    while (cursor.peekSymbol(".") && context.isName(cursor.peek(1))) {
        cursor.take(); // a schema: public.citext, pg_catalog.int4
        name = context.nameOf(cursor.take());
    }
    QStringList words{name.toLower()};
    const QString head = words.first();
    bool isUnsigned = false;
    if (sqlite) {
        // SQLite takes any run of words as a type name: "UNSIGNED BIG INT", "VARYING CHARACTER".
        while (cursor.peek().kind == SqlToken::Kind::Word && !startsConstraint(cursor.peek())) {
            if (cursor.acceptWord("UNSIGNED"))
                isUnsigned = true;
            else
                words << cursor.take().text.toLower();
        }
    } else if (head == QLatin1String("double")) {
        if (cursor.acceptWord("PRECISION"))
            words << QStringLiteral("precision");
    } else if (isOneOf(head, {"character", "char", "nchar", "national"})) {
        if (head == QLatin1String("national") && (cursor.peekWord("CHARACTER") || cursor.peekWord("CHAR")))
            words << cursor.take().text.toLower();
        if (cursor.acceptWord("VARYING"))
            words << QStringLiteral("varying");
    } else if (head == QLatin1String("bit")) {
        if (cursor.acceptWord("VARYING"))
            words << QStringLiteral("varying");
    } else if (head == QLatin1String("long")) {
        if (cursor.peekWord("VARCHAR") || cursor.peekWord("VARBINARY"))
            words << cursor.take().text.toLower();
    } else if (head == QLatin1String("interval")) {
        // interval day to second: the fields narrow what is stored, not its type.
        while (cursor.peek().isAnyWord({"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO"}))
            cursor.take();
    }

    QStringList values;
    if (cursor.peekSymbol("(") && !readArguments(context, column, values, owner))
        return false;
    if ((head == QLatin1String("time") || head == QLatin1String("timestamp")) &&
        (cursor.peekWord("WITH") || cursor.peekWord("WITHOUT")) && cursor.peekWord("TIME", 1) &&
        cursor.peekWord("ZONE", 2)) {
        words << cursor.take().text.toLower() << QStringLiteral("time") << QStringLiteral("zone");
        cursor.take();
        cursor.take();
    }

    for (;;) {
        if (cursor.acceptWord("UNSIGNED")) {
            isUnsigned = true;
        } else if (cursor.acceptWord("SIGNED") || cursor.acceptWord("ZEROFILL") ||
                   cursor.acceptWord("BINARY") || cursor.acceptWord("ASCII") ||
                   cursor.acceptWord("UNICODE")) {
        } else if (cursor.acceptWords({"CHARACTER", "SET"}) || cursor.acceptWords({"CHAR", "SET"}) ||
                   cursor.acceptWord("CHARSET")) {
            if (context.isName(cursor.peek()))
                cursor.take();
        } else {
            break;
        }
    }
    for (;;) {
        if (cursor.peekSymbol("[")) {
            cursor.skipGroup();
            column.isArray = true;
        } else if (!sqlite && cursor.acceptWord("ARRAY")) {
            if (cursor.peekSymbol("["))
                cursor.skipGroup();
            column.isArray = true;
        } else {
            break;
        }
    }

    column.sqlType = words.join(QLatin1Char(' '));
    applyNamedType(context, column, words.size() == 1 ? name : QString(), values);
    column.isUnsigned = isUnsigned;
    if (isUnsigned && !column.minimum)
        column.minimum = 0.0;
    return true;
}

bool DdlTypeReader::readArguments(DdlContext &context, ImportedColumn &column, QStringList &values,
                                  const QString &owner)
{
    SqlTokenCursor &cursor = context.cursor();
    cursor.take();
    for (;;) {
        const SqlToken token = cursor.peek();
        if (token.kind == SqlToken::Kind::Number) {
            bool ok = false;
            const int value = token.text.toInt(&ok);
            if (ok)
                column.typeArguments << value;
            cursor.take();
        } else if (token.kind == SqlToken::Kind::String) {
            values << token.text; // enum('a', 'b') and set(…) in MySQL
            cursor.take();
        }
        cursor.skipToListSeparator(); // varchar(max), varchar2(10 char), …
        if (cursor.acceptSymbol(","))
            continue;
        if (cursor.acceptSymbol(")"))
            return true;
        return context.expected(tr("')' after the type arguments of %1").arg(owner));
    }
}

void DdlTypeReader::applyNamedType(DdlContext &context, ImportedColumn &column, const QString &name,
                                   const QStringList &values)
{
    const QString type = column.sqlType;
    if (isOneOf(type, {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})) {
        column.autoIncrement = true;
        column.notNull = true;
        if (context.dialect() == SqlDialect::MySQL) {
            // MySQL's SERIAL: BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
            column.sqlType = QStringLiteral("bigint");
            column.unique = true;
            column.minimum = 0.0;
        }
        return;
    }
    if ((type == QLatin1String("enum") || type == QLatin1String("set")) && !values.isEmpty()) {
        column.allowedValues = values;
        return;
    }
    if (name.isEmpty() || !column.typeArguments.isEmpty() || !values.isEmpty())
        return;
    if (const ImportedColumn *domain = context.findDomain(name)) {
        column.sqlType = domain->sqlType;
        column.typeArguments = domain->typeArguments;
        column.isArray = column.isArray || domain->isArray;
        column.notNull = column.notNull || domain->notNull;
        column.autoIncrement = column.autoIncrement || domain->autoIncrement;
        if (column.defaultValue.isEmpty())
            column.defaultValue = domain->defaultValue;
        column.minimum = domain->minimum;
        column.maximum = domain->maximum;
        column.minimumExclusive = domain->minimumExclusive;
        column.maximumExclusive = domain->maximumExclusive;
        column.allowedValues = domain->allowedValues;
        return;
    }
    if (const QStringList *enumValues = context.findEnum(name)) {
        column.sqlType = QStringLiteral("enum");
        column.allowedValues = *enumValues;
    }
}

} // namespace fabrica
