#include "SqliteTargetSink.h"

#include "common/Logging.h"
#include "storage/Database.h"

#include <QSet>
#include <QSqlError>

#include <charconv>

namespace fabrica {

namespace {

// SQL folds only ASCII letters when it compares names.
QString asciiLower(const QString &name)
{
    QString lower = name;
    for (QChar &c : lower) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return lower;
}

} // namespace

SqliteTargetSink::SqliteTargetSink(std::shared_ptr<Database> database, Options options)
    : BoundRowsSink(std::move(database), std::move(options), kBatchRows, kMaxParameters)
{}

SqliteTargetSink::~SqliteTargetSink() = default;

Result<void> SqliteTargetSink::prepare()
{
    learnValueClasses();
    // A page cache that holds the indexes being filled (the default is 2 MB), for this load only.
    QSqlQuery cache(connection());
    if (cache.exec(QStringLiteral("PRAGMA cache_size")) && cache.next())
        m_cacheSize = cache.value(0).toLongLong();
    if (Result<void> bigger = exec("PRAGMA cache_size = " + std::to_string(kCacheSize)); !bigger)
        return bigger;
    // Foreign keys are checked at COMMIT, so tables in a cycle (NOT NULL keys included) load in any order,
    // into new tables and existing ones alike.
    return exec("PRAGMA defer_foreign_keys = ON");
}

Result<QList<int>> SqliteTargetSink::existingTables()
{
    // Tables, views and indexes share one namespace in SQLite.
    QSqlQuery query(connection());
    if (!query.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'index')")))
        return Database::error(query.lastError(), tr("cannot list the tables of the target database"));
    QSet<QString> names;
    while (query.next())
        names.insert(asciiLower(query.value(0).toString()));
    QList<int> existing;
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        if (names.contains(asciiLower(plan().tables()[std::size_t(t)].name)))
            existing << t;
    }
    return existing;
}

Result<void> SqliteTargetSink::emptyTables(const QList<int> &tables)
{
    // Children first; the deferred foreign keys would allow any order, other tables' keys are checked at
    // COMMIT.
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
        if (Result<void> emptied = exec("DELETE FROM " + ddl().quote(plan().tables()[std::size_t(*it)].name));
            !emptied)
            return emptied;
    }
    return {};
}

Result<void> SqliteTargetSink::createTable(int table)
{
    return exec(ddl().createTable(table, true, options().foreignKeys));
}

Result<QList<DatabaseSink::TargetColumn>> SqliteTargetSink::targetColumns(int table)
{
    // table_xinfo lists generated columns too (hidden 2 virtual, 3 stored), which table_info leaves out.
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA table_xinfo(%1)")
                        .arg(QString::fromStdString(ddl().quote(plan().tables()[std::size_t(table)].name)))))
        return Database::error(query.lastError(),
                               tr("cannot read the columns of table %1").arg(tableName(table)));
    QList<TargetColumn> columns;
    while (query.next()) {
        TargetColumn column;
        column.name = query.value(1).toString();
        const QString type = query.value(2).toString();
        column.notNull = query.value(3).toInt() != 0;
        const int hidden = query.value(6).toInt();
        column.generated = hidden == 2 || hidden == 3;
        // An INTEGER PRIMARY KEY is the rowid, which SQLite fills itself.
        const bool rowid = query.value(5).toInt() > 0 && type.compare(u"INTEGER", Qt::CaseInsensitive) == 0;
        column.hasDefault = !query.value(4).isNull() || rowid || column.generated;
        if (hidden != 1) // 1: a hidden column of a virtual table
            columns.append(column);
    }
    return columns;
}

void SqliteTargetSink::encodeValue(int table, std::size_t column, ValueClass valueClass,
                                   std::string_view value, ByteBuffer &out) const
{
    Q_UNUSED(table)
    Q_UNUSED(column)
    const char *end = value.data() + value.size();
    switch (valueClass) {
    case ValueClass::Number: {
        // Typed, so the column's affinity stores a number ("10" as text would not sort as one).
        qint64 integer = 0;
        if (std::from_chars(value.data(), end, integer).ptr == end && !value.empty())
            return putInteger(out, integer);
        double real = 0;
        if (std::from_chars(value.data(), end, real).ptr == end && !value.empty())
            return putReal(out, real);
        break;
    }
    case ValueClass::Boolean:
        // SQLite has no boolean type; 1 and 0 are what its own TRUE and FALSE are.
        if (value == "true" || value == "false")
            return putInteger(out, value == "true" ? 1 : 0);
        break;
    case ValueClass::Text:
    case ValueClass::Json:
        break;
    }
    putText(out, value);
}

void SqliteTargetSink::ended()
{
    if (m_cacheSize) {
        (void)exec("PRAGMA cache_size = " + std::to_string(*m_cacheSize));
        m_cacheSize.reset();
    }
}

} // namespace fabrica
