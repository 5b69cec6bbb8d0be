#pragma once

#include "DatabaseSink.h"

#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <string>
#include <vector>

namespace fabrica {

// What the SQLite and MySQL targets share: rows go in through prepared multi-row INSERTs with bound values,
// into the columns writtenColumns() names. encode() turns a chunk into typed cells on the worker threads (the
// dialect says how a value is bound: encodeValue()), so the writing thread only binds them.
class BoundRowsSink : public DatabaseSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::BoundRowsSink)

public:
    // batchRows: rows per INSERT at most; fewer for wide tables, whose statements must stay within the
    // server's maxParameters bound values.
    BoundRowsSink(std::shared_ptr<Database> database, Options options, int batchRows, int maxParameters);
    ~BoundRowsSink() override;

    Result<void> beginTable(int table) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const final;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) final;
    Result<void> endTable(int table) override;

protected:
    // The value (never NULL) of column of table as the server should get it: one of the put functions.
    virtual void encodeValue(int table, std::size_t column, ValueClass valueClass, std::string_view value,
                             ByteBuffer &out) const;
    static void putInteger(ByteBuffer &out, qint64 value);
    static void putReal(ByteBuffer &out, double value);
    static void putText(ByteBuffer &out, std::string_view utf8);
    // The value classes of the plan's columns, which encode() reads: call from prepare().
    void learnValueClasses();
    void cancel() override; // drops the statement and the rows not inserted

private:
    std::string insertSql(int table, int rows) const;
    // Binds m_pending to query, which has a parameter for each, and runs it.
    Result<void> flush(QSqlQuery &query);

    int m_maxBatchRows;
    int m_maxParameters;
    std::vector<std::vector<ValueClass>> m_classes; // per table, per column
    int m_table = -1;
    int m_batchRows = 1;
    std::unique_ptr<QSqlQuery> m_insert; // INSERT of m_batchRows rows into m_table; none for a smaller table
    std::vector<QVariant> m_pending;     // values of the rows not inserted yet, row by row
};

} // namespace fabrica
