#pragma once

#include "ColumnReference.h"
#include "Schema.h"

#include <QObject>

namespace fabrica {

// The editable schema: owns a Schema and announces every change before and after it happens, so item
// models can translate the signals into beginInsertRows()/endInsertRows() and friends (STYLE.md, habit 3).
// Indexes passed in must be valid; an invalid one is a programming error (asserted, then ignored).
class SchemaDocument : public QObject
{
    Q_OBJECT

public:
    explicit SchemaDocument(QObject *parent = nullptr);
    explicit SchemaDocument(Schema schema, QObject *parent = nullptr);

    const Schema &schema() const { return m_schema; }
    int tableCount() const { return int(m_schema.tables.size()); }
    const Table &table(int index) const { return m_schema.tables.at(index); }
    const Column &column(int table, int index) const { return m_schema.tables.at(table).columns.at(index); }

    // Replaces everything; clears the modified flag.
    void reset(Schema schema);

    void setName(const QString &name);
    void setDescription(const QString &description);
    void setOwner(const QString &owner);
    void setLocale(const QString &locale);
    void setReferenceDate(const QDate &date); // invalid = unset

    void insertTable(int index, Table table);
    Table takeTable(int index);
    void moveTable(int from, int to);
    // Renames the table and every foreign-key reference to it.
    void renameTable(int index, const QString &name);
    void setTableDescription(int index, const QString &description);
    void setTableRows(int index, qint64 rows);

    void insertColumn(int table, int index, Column column);
    Column takeColumn(int table, int index);
    void moveColumn(int table, int from, int to);
    void setColumn(int table, int index, Column column);
    // Renames the column and every foreign-key reference to it.
    void renameColumn(int table, int index, const QString &name);
    void setColumnType(int table, int index, const QString &type);
    void setColumnConstraints(int table, int index, const QJsonObject &constraints);
    void setColumnSamples(int table, int index, const QStringList &samples);

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

signals:
    void aboutToBeReset();
    void wasReset();
    void propertiesChanged();

    void tableAboutToBeInserted(int index);
    void tableInserted(int index);
    void tableAboutToBeRemoved(int index);
    void tableRemoved(int index);
    void tableAboutToBeMoved(int from, int to);
    void tableMoved(int from, int to);
    void tableChanged(int index);

    void columnAboutToBeInserted(int table, int index);
    void columnInserted(int table, int index);
    void columnAboutToBeRemoved(int table, int index);
    void columnRemoved(int table, int index);
    void columnAboutToBeMoved(int table, int from, int to);
    void columnMoved(int table, int from, int to);
    void columnChanged(int table, int index);

    // After any edit of any kind.
    void changed();
    void modifiedChanged(bool modified);

private:
    bool validTable(int index) const;
    bool validColumn(int table, int index) const;
    void edited();
    // Points every "references" constraint aimed at `from` to `to`; an empty column means any column.
    void retargetReferences(const ColumnReference &from, const ColumnReference &to);

    Schema m_schema;
    bool m_modified = false;
};

} // namespace fabrica
