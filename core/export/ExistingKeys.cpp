#include "ExistingKeys.h"

#include "common/Logging.h"
#include "sql/SqlIdentifier.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace fabrica {

namespace {

// The key column a table's rows are numbered by, when it is one integer column Fabrica counts up itself:
// a sequence, or an integer type with primaryKey or unique (and no reference to another table).
int countedKey(const Table &table)
{
    for (int c = 0; c < table.columns.size(); ++c) {
        const Column &column = table.columns.at(c);
        if (column.isForeignKey())
            continue;
        const bool key = table.isUniqueOnItsOwn(column);
        const bool integral =
            column.type == QLatin1String("sequence") || column.type == QLatin1String("integer") ||
            column.type == QLatin1String("bigint") || column.type == QLatin1String("smallint");
        if (key && integral)
            return c;
    }
    return -1;
}

} // namespace

Result<ExistingKeys::Moved> ExistingKeys::continueAfter(const Schema &schema, Database &database,
                                                        const QString &pgSchema)
{
    Moved moved{schema, {}};
    Result<QSqlDatabase> connection = database.connection();
    if (!connection)
        return connection.error();
    const SqlDialect dialect = database.dialect();
    const QStringList existing = connection.value().tables();
    for (Table &table : moved.schema.tables) {
        const int c = countedKey(table);
        if (c < 0)
            continue;
        QString qualified = SqlIdentifier::quote(dialect, table.name);
        if (dialect == SqlDialect::PostgreSQL && !pgSchema.isEmpty())
            qualified = SqlIdentifier::quote(dialect, pgSchema) + QLatin1Char('.') + qualified;
        else if (!existing.contains(table.name)) // QPSQL lists only the search_path's first schema
            continue;
        Column &column = table.columns[c];
        QSqlQuery query(connection.value());
        // A missing table (in another PostgreSQL schema) fails the query: it will be created, nothing to
        // move.
        if (!query.exec(QStringLiteral("SELECT MAX(%1) FROM %2")
                            .arg(SqlIdentifier::quote(dialect, column.name), qualified)) ||
            !query.next() || query.value(0).isNull())
            continue;
        const qint64 largest = query.value(0).toLongLong();
        const bool sequence = column.type == QLatin1String("sequence");
        const QString first = sequence ? QStringLiteral("start") : QStringLiteral("min");
        const qint64 from = column.constraints.value(first).toInteger(1);
        if (from > largest)
            continue;
        column.constraints.insert(first, largest + 1);
        if (!sequence && column.constraints.contains(QStringLiteral("max")) &&
            column.constraints.value(QStringLiteral("max")).toInteger() <= largest)
            column.constraints.remove(QStringLiteral("max"));
        const QString note =
            tr("%1.%2 starts at %3, after the target's rows").arg(table.name, column.name).arg(largest + 1);
        qCInfo(lcExport) << note;
        moved.notes << note;
    }
    return moved;
}

} // namespace fabrica
