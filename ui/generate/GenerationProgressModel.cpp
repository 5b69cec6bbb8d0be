#include "GenerationProgressModel.h"

#include <QLocale>

namespace fabrica {

GenerationProgressModel::GenerationProgressModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void GenerationProgressModel::setProgress(const GenerationProgress &progress)
{
    QList<Row> rows;
    for (int table = 0; table < progress.tableCount(); ++table)
        rows.append({progress.tableName(table), progress.tableRows(table), progress.tableDone(table),
                     progress.tableShare(table)});
    bool sameTables = rows.size() == m_rows.size();
    for (int i = 0; sameTables && i < rows.size(); ++i)
        sameTables = rows[i].name == m_rows[i].name && rows[i].rows == m_rows[i].rows;
    if (!sameTables) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    // One dataChanged over the rows that moved (usually one: the table being generated).
    int first = -1, last = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].done == m_rows[i].done && rows[i].share == m_rows[i].share)
            continue;
        m_rows[i] = rows[i];
        if (first < 0)
            first = i;
        last = i;
    }
    if (first >= 0)
        emit dataChanged(index(first, ProgressColumn), index(last, RowsColumn));
}

void GenerationProgressModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int GenerationProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GenerationProgressModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GenerationProgressModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TableColumn:
            return row.name;
        case ProgressColumn:
            return tr("%1 %").arg(int(row.share * 100));
        case RowsColumn:
            return tr("%1 / %2").arg(QLocale().toString(row.done), QLocale().toString(row.rows));
        }
        break;
    case ShareRole:
        return row.share;
    case Qt::TextAlignmentRole:
        if (index.column() == RowsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant GenerationProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TableColumn:
        return tr("Table");
    case ProgressColumn:
        return tr("Progress");
    case RowsColumn:
        return tr("Rows");
    }
    return {};
}

} // namespace fabrica
