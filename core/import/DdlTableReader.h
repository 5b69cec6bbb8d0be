#pragma once

#include "DdlContext.h"

#include <QCoreApplication>

namespace fabrica {

// Reads CREATE TABLE and the parts ALTER TABLE shares with it: column definitions with their inline
// constraints, and table constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, MySQL's KEY/INDEX).
class DdlTableReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlTableReader)

public:
    explicit DdlTableReader(DdlContext &context);

    // The cursor is after "CREATE [TEMP|UNLOGGED…] TABLE"; first is the statement's first token.
    // False, with the error reported, when the statement is malformed; the table is then left out.
    bool readCreateTable(const SqlToken &first);

    // A column definition appended to table: name, type, inline constraints.
    bool readColumn(ImportedTable &table);
    // Whether the cursor is at a table constraint rather than a column.
    bool atTableConstraint();
    bool readTableConstraint(ImportedTable &table);

    // Keys name columns of the table; a key naming one that does not exist is reported and left out.
    void applyPrimaryKey(ImportedTable &table, QStringList columns, const SqlToken &at);
    void applyUnique(ImportedTable &table, QStringList columns, const SqlToken &at);

    // DEFAULT nextval(…) makes a column one the database numbers.
    static void setDefault(ImportedColumn &column, const QString &expression);

    // A partition's bound: DEFAULT, or FOR VALUES FROM (…) TO (…) / IN (…) / WITH (MODULUS …, REMAINDER …).
    bool readPartitionBound(ImportedPartition &partition, const QString &owner);
    // The cursor is after ALTER TABLE parent ATTACH PARTITION: the partition's name and bound.
    bool readAttachPartition(int parent);

private:
    bool readColumnOptions(ImportedTable &table, int index);
    bool readReferences(ImportedTable &table, ImportedForeignKey key);
    bool readCheck(ImportedTable &table, const SqlToken &check);
    bool readGenerated(ImportedColumn &column);
    void readLike(ImportedTable &table);
    // CREATE TABLE child PARTITION OF parent …: the child is read as a partition of parent.
    bool readPartitionOf(ImportedTable &table, const SqlToken &first);
    // One value list of a bound: (a, b) → {"a", "b"}.
    std::optional<QStringList> readBoundValues(const QString &owner);
    // DEFERRABLE, USING INDEX TABLESPACE, WITH (…), ON CONFLICT …; comments: MySQL's COMMENT '…' too.
    void skipConstraintOptions(bool comments);
    void inherit(ImportedTable &table, const QStringList &parents, const SqlToken &at);

    // Replaces the names by the columns' own spelling; false, reported, when one is no column.
    bool resolve(const ImportedTable &table, QStringList &columns, const SqlToken &at, const QString &what);

    DdlContext &m_context;
    SqlTokenCursor &m_cursor;
};

} // namespace fabrica
