#pragma once

#include "ExportOptions.h"
#include "FileOutput.h"
#include "Sink.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace fabrica {

// A SQL script for options.dialect (PostgreSQL, MySQL or SQLite) that loads all tables in one
// transaction: optionally CREATE TABLE for each table (parents first), then multi-row INSERTs of
// options.batchRows rows. Foreign keys are added after the data with ALTER TABLE (PostgreSQL, MySQL), or,
// since SQLite cannot add them later, declared in CREATE TABLE and checked at COMMIT; either way cycles
// through nullable keys and self references load.
// The script is always one file: options.path with singleFile, otherwise <options.path>/<schema name>.sql
// in that directory, since the tables of a script depend on each other.
class SqlSink : public Sink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqlSink)

public:
    explicit SqlSink(ExportOptions options);
    ~SqlSink() override;
    SqlSink(const SqlSink &) = delete;
    SqlSink &operator=(const SqlSink &) = delete;

    Result<void> begin(const Plan &plan) override;
    Result<void> beginTable(int table) override;
    void encode(const TableChunk &chunk, std::string &out) const override;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;
    Result<void> endTable(int table) override;
    Result<void> finish() override;
    void abort() override;
    qint64 bytesWritten() const override { return m_bytes; }

    // The file this sink writes (valid after begin()).
    QString path() const { return m_path; }

    // "fk_<table>_<column>"; when that passes 63 bytes of UTF-8 (PostgreSQL's limit, MySQL allows 64),
    // its start with a hash of table and column appended, so the name stays unique and the same every run.
    static QString foreignKeyName(const QString &table, const QString &column);

private:
    // Per table, built in begin() and only read afterwards, so encode() may run on any thread.
    struct Layout
    {
        std::string insert; // INSERT INTO "t" ("a", "b") VALUES
        std::vector<ValueClass> classes;
        std::vector<QString> foreignKeys; // constraint name per column; empty when not a foreign key
    };

    std::string scriptHeader() const;
    std::string createTable(int table) const;
    std::string addForeignKeys() const;
    std::string foreignKey(int table, std::size_t column) const;
    QString columnType(const Column &column, int depth = 0) const;
    std::string quote(const QString &identifier) const;
    Result<void> put(std::string_view bytes);

    ExportOptions m_options;
    const Plan *m_plan = nullptr;
    QString m_path;
    std::unique_ptr<FileOutput> m_file;
    std::vector<Layout> m_layouts;
    qint64 m_bytes = 0;
};

} // namespace fabrica
