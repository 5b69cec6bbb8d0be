#include "BoundRowsSink.h"

#include "storage/Database.h"

#include <QSqlError>

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

} // namespace

BoundRowsSink::BoundRowsSink(std::shared_ptr<Database> database, Options options, int batchRows,
                             int maxParameters)
    : DatabaseSink(std::move(database), std::move(options))
    , m_maxBatchRows(batchRows)
    , m_maxParameters(maxParameters)
{}

BoundRowsSink::~BoundRowsSink() = default;

void BoundRowsSink::putInteger(ByteBuffer &out, qint64 value)
{
    out.push_back(TagInteger);
    put(out, value);
}

void BoundRowsSink::putReal(ByteBuffer &out, double value)
{
    out.push_back(TagReal);
    put(out, value);
}

void BoundRowsSink::putText(ByteBuffer &out, std::string_view utf8)
{
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    out.push_back(TagText);
    put(out, quint32(text.size()));
    out.append(reinterpret_cast<const char *>(text.utf16()), std::size_t(text.size()) * 2);
}

void BoundRowsSink::learnValueClasses()
{
    m_classes.clear();
    for (const TablePlan &table : plan().tables()) {
        std::vector<ValueClass> classes;
        for (const ColumnPlan &column : table.columns)
            classes.push_back(column.generator->valueClass());
        m_classes.push_back(std::move(classes));
    }
}

void BoundRowsSink::encodeValue(int table, std::size_t column, ValueClass valueClass, std::string_view value,
                                ByteBuffer &out) const
{
    Q_UNUSED(table)
    Q_UNUSED(column)
    Q_UNUSED(valueClass)
    putText(out, value);
}

void BoundRowsSink::cancel()
{
    m_insert.reset();
    m_pending.clear();
}

std::string BoundRowsSink::insertSql(int t, int rows) const
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
    sql.reserve(sql.size() + std::size_t(rows) * (row.size() + 2));
    for (int r = 0; r < rows; ++r)
        sql.append(r > 0 ? ", " : "").append(row);
    return sql;
}

Result<void> BoundRowsSink::beginTable(int table)
{
    const int columns = std::max<int>(1, int(writtenColumns(table).size()));
    m_table = table;
    m_batchRows = std::max(1, std::min(m_maxBatchRows, m_maxParameters / columns));
    m_pending.clear();
    m_pending.reserve(std::size_t(m_batchRows) * std::size_t(columns));
    m_insert.reset();
    // A table smaller than one batch needs no statement of that size (endTable prepares the rest).
    if (plan().tables()[std::size_t(table)].rows >= m_batchRows) {
        m_insert = std::make_unique<QSqlQuery>(connection());
        if (!m_insert->prepare(QString::fromStdString(insertSql(table, m_batchRows))))
            return Database::error(m_insert->lastError(), tr("cannot load table %1").arg(tableName(table)));
    }
    return {};
}

void BoundRowsSink::encode(const TableChunk &chunk, ByteBuffer &out) const
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
            encodeValue(chunk.table, c, classes[c], value, out);
        }
    }
    std::memcpy(out.data(), &bytes, sizeof bytes);
}

Result<void> BoundRowsSink::write(const TableChunk &chunk, std::string_view encoded)
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
        if (m_insert && m_pending.size() == std::size_t(m_batchRows) * columns) {
            if (Result<void> inserted = flush(*m_insert); !inserted)
                return inserted;
        }
    }
    return {};
}

Result<void> BoundRowsSink::flush(QSqlQuery &query)
{
    for (std::size_t i = 0; i < m_pending.size(); ++i)
        query.bindValue(int(i), m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), tr("cannot load table %1").arg(tableName(m_table)));
    return {};
}

Result<void> BoundRowsSink::endTable(int table)
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

} // namespace fabrica
