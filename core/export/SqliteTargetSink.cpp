#include "SqliteTargetSink.h"

#include "common/Logging.h"
#include "storage/Database.h"

#include <QSet>
#include <QSqlError>

#include <charconv>
#include <cstring>

namespace fabrica {

namespace {

// encode()'s output: the UTF-8 size of the chunk's values (8 bytes), then per cell a tag and its payload.
enum Tag : char {
    TagNull,
    TagInteger, // 8 bytes: qint64
    TagReal,    // 8 bytes: double
    TagText,    // 4 bytes: UTF-16 code units n, then 2n bytes
};

template<typename T> void put(ByteBuffer &out, T value)
{
    std::memcpy(out.grow(sizeof value), &value, sizeof value);
}

template<typename T> T take(const char *&in)
{
    T value;
    std::memcpy(&value, in, sizeof value);
    in += sizeof value;
    return value;
}

void putText(ByteBuffer &out, std::string_view utf8)
{
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    out.push_back(TagText);
    put(out, quint32(text.size()));
    out.append(reinterpret_cast<const char *>(text.utf16()), std::size_t(text.size()) * 2);
}

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

SqliteTargetSink::~SqliteTargetSink() = default;

Result<void> SqliteTargetSink::prepare()
{
    m_classes.clear();
    for (const TablePlan &table : plan().tables()) {
        std::vector<ValueClass> classes;
        for (const ColumnPlan &column : table.columns)
            classes.push_back(column.generator->valueClass());
        m_classes.push_back(std::move(classes));
    }
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
    return exec(ddl().createTable(table, true));
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

std::string SqliteTargetSink::insertSql(int t, int rows) const
{
    const TablePlan &table = plan().tables()[std::size_t(t)];
    const std::vector<int> &columns = writtenColumns(t);
    std::string row = "(";
    for (std::size_t i = 0; i < columns.size(); ++i)
        row.append(i > 0 ? ", ?" : "?");
    row.append(")");
    std::string sql = "INSERT INTO " + ddl().quote(table.name) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql.append(i > 0 ? ", " : "").append(ddl().quote(table.columns[std::size_t(columns[i])].name));
    sql.append(") VALUES ");
    for (int r = 0; r < rows; ++r)
        sql.append(r > 0 ? ", " : "").append(row);
    return sql;
}

Result<void> SqliteTargetSink::beginTable(int table)
{
    const int columns = std::max<int>(1, int(writtenColumns(table).size()));
    m_table = table;
    m_batchRows = std::max(1, std::min(kBatchRows, kMaxParameters / columns));
    m_pending.clear();
    m_pending.reserve(std::size_t(m_batchRows) * std::size_t(columns));
    m_insert = std::make_unique<QSqlQuery>(connection());
    if (!m_insert->prepare(QString::fromStdString(insertSql(table, m_batchRows))))
        return Database::error(m_insert->lastError(), tr("cannot load table %1").arg(tableName(table)));
    return {};
}

void SqliteTargetSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const std::vector<ValueClass> &classes = m_classes[std::size_t(chunk.table)];
    const std::vector<int> &written = writtenColumns(chunk.table);
    qint64 bytes = 0;
    put(out, bytes); // filled in below
    for (int row = 0; row < chunk.rows; ++row) {
        for (const int i : written) {
            const std::size_t c = std::size_t(i);
            const ColumnChunk &column = chunk.columns[c];
            if (column.isNull(row)) {
                out.push_back(TagNull);
                continue;
            }
            const std::string_view value = column.value(row);
            bytes += qint64(value.size());
            const char *end = value.data() + value.size();
            switch (classes[c]) {
            case ValueClass::Number: {
                // Typed, so the column's affinity stores a number ("10" as text would not sort as one).
                qint64 integer = 0;
                if (std::from_chars(value.data(), end, integer).ptr == end && !value.empty()) {
                    out.push_back(TagInteger);
                    put(out, integer);
                    continue;
                }
                double real = 0;
                if (std::from_chars(value.data(), end, real).ptr == end && !value.empty()) {
                    out.push_back(TagReal);
                    put(out, real);
                    continue;
                }
                break;
            }
            case ValueClass::Boolean:
                // SQLite has no boolean type; 1 and 0 are what its own TRUE and FALSE are.
                if (value == "true" || value == "false") {
                    out.push_back(TagInteger);
                    put(out, qint64(value == "true" ? 1 : 0));
                    continue;
                }
                break;
            case ValueClass::Text:
            case ValueClass::Json:
                break;
            }
            putText(out, value);
        }
    }
    std::memcpy(out.data(), &bytes, sizeof bytes);
}

Result<void> SqliteTargetSink::write(const TableChunk &chunk, std::string_view encoded)
{
    const std::size_t columns = writtenColumns(chunk.table).size();
    const char *in = encoded.data();
    addBytes(take<qint64>(in));
    for (int row = 0; row < chunk.rows; ++row) {
        for (std::size_t c = 0; c < columns; ++c) {
            switch (*in++) {
            case TagNull:
                m_pending.emplace_back();
                break;
            case TagInteger:
                m_pending.emplace_back(take<qint64>(in));
                break;
            case TagReal:
                m_pending.emplace_back(take<double>(in));
                break;
            default: {
                const auto size = take<quint32>(in);
                QString text(qsizetype(size), Qt::Uninitialized);
                std::memcpy(text.data(), in, std::size_t(size) * 2);
                in += std::size_t(size) * 2;
                m_pending.emplace_back(std::move(text));
            }
            }
        }
        if (m_pending.size() == std::size_t(m_batchRows) * columns) {
            if (Result<void> inserted = flush(*m_insert); !inserted)
                return inserted;
        }
    }
    return {};
}

Result<void> SqliteTargetSink::flush(QSqlQuery &query)
{
    for (std::size_t i = 0; i < m_pending.size(); ++i)
        query.bindValue(int(i), m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), tr("cannot load table %1").arg(tableName(m_table)));
    return {};
}

Result<void> SqliteTargetSink::endTable(int table)
{
    const std::size_t columns = writtenColumns(table).size();
    Result<void> done;
    if (!m_pending.empty() && columns > 0) {
        const int rows = int(m_pending.size() / columns);
        QSqlQuery last(connection());
        if (!last.prepare(QString::fromStdString(insertSql(table, rows))))
            done = Database::error(last.lastError(), tr("cannot load table %1").arg(tableName(table)));
        else
            done = flush(last);
    }
    m_insert.reset();
    m_pending.clear();
    return done;
}

void SqliteTargetSink::ended()
{
    if (m_cacheSize) {
        (void)exec("PRAGMA cache_size = " + std::to_string(*m_cacheSize));
        m_cacheSize.reset();
    }
}

void SqliteTargetSink::cancel()
{
    m_insert.reset();
    m_pending.clear();
}

} // namespace fabrica
