#pragma once

#include "model/Schema.h"

#include <QAbstractTableModel>
#include <QHash>

namespace fabrica {

// The rows to generate per table: the schema's count and the user's override for this generation only
// (the schema itself is not changed). Overrides survive a new schema for the tables that still exist.
class RowCountsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TableColumn, SchemaRowsColumn, RowsColumn, ColumnCount };
    static constexpr qint64 kMaxRows = 2'000'000'000; // what the table editor allows, too

    explicit RowCountsModel(QObject *parent = nullptr);

    // Keeps the overrides of tables that still exist (by name), unless the schema now says the same.
    void setSchema(const Schema &schema);
    // Table name → rows, only where they differ from the schema.
    QHash<QString, qint64> overrides() const;
    // Overrides of unknown tables are ignored; values equal to the schema's are no overrides.
    void setOverrides(const QHash<QString, qint64> &overrides);
    bool hasOverrides() const { return !m_overrides.isEmpty(); }
    // Every table back to the schema's count.
    void resetToSchema();

    QString tableName(int row) const;
    qint64 schemaRows(int row) const;
    qint64 rows(int row) const; // the count to generate
    bool isOverridden(int row) const;
    qint64 totalRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void overridesChanged();

private:
    struct Row
    {
        QString name;
        qint64 schemaRows = 0;
    };
    void emitRowChanged(int row);

    QList<Row> m_rows;
    QHash<QString, qint64> m_overrides; // only values that differ from the schema
};

} // namespace fabrica
