#pragma once

#include "FileSink.h"
#include "MysqlValueForm.h"
#include "SqlDdl.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace fabrica {

// A SQL script for options.dialect (PostgreSQL, MySQL or SQLite) that loads all tables in one
// transaction: optionally CREATE TABLE for each table (parents first), then multi-row INSERTs of
// options.batchRows rows (for MySQL, values in the forms it takes: MysqlValueForm). Foreign keys are added after the data with ALTER TABLE (PostgreSQL, MySQL), or,
// since SQLite cannot add them later, declared in CREATE TABLE and checked at COMMIT; either way cycles
// (NOT NULL ones included) and self references load.
// The script is always one file: options.path with singleFile, otherwise <options.path>/<schema name>.sql
// in that directory, since the tables of a script depend on each other.
class SqlSink : public FileSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqlSink)

public:
    explicit SqlSink(ExportOptions options);

    Result<void> begin(const Plan &plan) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;

    // The file this sink writes (valid after begin()).
    QString path() const { return paths().value(0); }

    // The constraint name of a foreign key (SqlDdl::foreignKeyName).
    static QString foreignKeyName(const QString &table, const QString &column)
    {
        return SqlDdl::foreignKeyName(table, column);
    }

protected:
    QString extension() const override { return QStringLiteral("sql"); }
    bool oneFileAlways() const override { return true; }
    std::string fileHeader(const Plan &plan) const override;
    std::string tableHeader(const TablePlan &table, bool firstInFile) const override;
    std::string fileFooter(const Plan &plan) const override;

private:
    // Per table, built in begin() and only read afterwards, so encode() may run on any thread.
    struct Layout
    {
        std::string insert; // INSERT INTO "t" ("a", "b") VALUES
        std::vector<ValueClass> classes;
        std::vector<MysqlValueForm::Kind> mysqlForms; // MySQL only: values rewritten into forms it takes
    };

    std::string scriptHeader() const;
    std::string addForeignKeys() const;

    std::vector<Layout> m_layouts;
    std::unique_ptr<SqlDdl> m_ddl;
};

} // namespace fabrica
