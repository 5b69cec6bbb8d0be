#pragma once

#include "storage/StoredRecords.h"

#include <QAbstractTableModel>
#include <QHash>

namespace fabrica {

// The generation runs a user sees (Repository::runs) as a table: number, schema, status, seed, rows,
// bytes, start, duration, (for administrators) who ran it, and target. setRuns() merges a fresh listing
// row by row, so that a view keeps its selection and scroll position across every reload.
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        SchemaColumn,
        StatusColumn,
        SeedColumn,
        RowsColumn,
        BytesColumn,
        StartedColumn,
        TookColumn,
        OwnerColumn, // who ran it; the panel shows it to administrators only
        TargetColumn,
        ColumnCount
    };
    enum DataRole {
        RunIdRole = Qt::UserRole + 1, // qint64
        SchemaIdRole,                 // qint64
        SortRole,                     // a value that sorts as the column should (numbers, times)
        HasStoredRowsRole,            // true when the run's rows can be opened and exported
    };

    explicit RunsModel(QObject *parent = nullptr);

    // Updates changed rows, removes the runs that are gone and appends the new ones, in their order.
    void setRuns(const QList<RunRecord> &runs);
    // Names for the Schema and Owner columns (schema id → name, user id → user name).
    void setSchemaNames(const QHash<qint64, QString> &names);
    void setUserNames(const QHash<qint64, QString> &names);

    const QList<RunRecord> &runs() const { return m_runs; }
    const RunRecord &run(int row) const { return m_runs.at(row); }
    int rowOf(qint64 id) const;
    // The stored schema's name as listed (for the export dialog's suggested file name), or empty.
    QString schemaName(qint64 schemaId) const { return m_schemaNames.value(schemaId); }

    // A finished run that kept its rows in Fabrica's storage: those can be opened and exported again.
    static bool hasStoredRows(const RunRecord &run);
    static QString statusText(RunRecord::Status status);
    static qint64 totalRows(const RunRecord &run);
    // "850 ms", "12.4 s", "3 min 05 s", "2 h 07 min".
    static QString durationText(qint64 milliseconds);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static bool sameRow(const RunRecord &a, const RunRecord &b);
    QVariant display(const RunRecord &run, int column) const;
    QVariant sortValue(const RunRecord &run, int column) const;
    QVariant toolTip(const RunRecord &run, int column) const;
    QVariant decoration(const RunRecord &run, int column) const;
    void columnChanged(int column);

    QList<RunRecord> m_runs;
    QHash<qint64, QString> m_schemaNames;
    QHash<qint64, QString> m_userNames;
};

} // namespace fabrica
