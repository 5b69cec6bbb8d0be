#pragma once

#include "generate/Plan.h"
#include "sql/SqlDialect.h"

#include <QString>

#include <string>
#include <vector>

namespace fabrica {

// The DDL of a plan's tables in one dialect: CREATE TABLE with or without keys, and the keys as ALTER TABLE
// statements to add after loading. Shared by the SQL script (SqlSink) and the database targets, so both
// create the same tables. Statements come without the closing ";". Names are quoted, never trusted.
class SqlDdl
{
public:
    // Names the foreign-key constraints once, so every statement uses the same names.
    SqlDdl(const Plan &plan, SqlDialect dialect);

    SqlDialect dialect() const { return m_dialect; }
    const Plan &plan() const { return *m_plan; }

    // "fk_<table>_<column>"; when that passes 63 bytes of UTF-8 (PostgreSQL's limit, MySQL allows 64),
    // its start with a hash of table and column appended, so the name stays unique and the same every run.
    static QString foreignKeyName(const QString &table, const QString &column);
    // The constraint name of a foreign-key column of the plan, unique in the schema; empty for other columns.
    const QString &foreignKeyName(int table, std::size_t column) const;

    std::string quote(const QString &identifier) const;
    // The column's SQL type; a foreign key takes the type of the column it references.
    QString columnType(int table, std::size_t column) const;

    // CREATE TABLE with the columns and NOT NULL. withKeys adds the primary key and the unique
    // constraints, and in SQLite, which cannot add them later, the foreign keys.
    // withForeignKeys false leaves SQLite's foreign keys out too.
    std::string createTable(int table, bool withKeys, bool withForeignKeys = true) const;
    // ALTER TABLE … ADD PRIMARY KEY / ADD UNIQUE: the keys createTable(table, false) left out.
    std::vector<std::string> addKeys(int table) const;
    // ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY for every foreign key of the table (not for SQLite).
    std::vector<std::string> addForeignKeys(int table) const;
    // CONSTRAINT "fk_…" FOREIGN KEY ("c") REFERENCES "parent" ("key")
    std::string foreignKey(int table, std::size_t column) const;

private:
    QString columnType(const Column &column, int depth) const;
    // Primary-key columns, and the unique columns that need a constraint of their own.
    std::vector<std::size_t> primaryKey(int table) const;
    std::vector<std::size_t> uniqueColumns(int table) const;
    // The multi-column unique keys ("uniqueKey" groups), each in column order.
    std::vector<std::vector<std::size_t>> uniqueKeys(int table) const;
    std::string columnList(int table, const std::vector<std::size_t> &columns) const;

    const Plan *m_plan;
    SqlDialect m_dialect;
    std::vector<std::vector<QString>> m_foreignKeys; // per table, per column
};

} // namespace fabrica
