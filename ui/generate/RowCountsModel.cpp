#include "RowCountsModel.h"

#include <QFont>
#include <QLocale>

namespace fabrica {

RowCountsModel::RowCountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RowCountsModel::setSchema(const Schema &schema)
{
    QList<Row> rows;
    for (const Table &table : schema.tables)
        rows.append({table.name, table.rows});
    QHash<QString, qint64> overrides;
    for (const Row &row : rows) {
        const auto kept = m_overrides.constFind(row.name);
        if (kept != m_overrides.cend() && *kept != row.schemaRows)
            overrides.insert(row.name, *kept);
    }
    const bool overridesChange = overrides != m_overrides;

    bool sameTables = rows.size() == m_rows.size();
    for (int i = 0; sameTables && i < rows.size(); ++i)
        sameTables = rows[i].name == m_rows[i].name;
    if (sameTables) {
        // The same tables: update in place, so an open editor and the selection stay.
        m_overrides = overrides;
        for (int i = 0; i < rows.size(); ++i) {
            if (rows[i].schemaRows == m_rows[i].schemaRows && !overridesChange)
                continue;
            m_rows[i] = rows[i];
            emitRowChanged(i);
        }
    } else {
        beginResetModel();
        m_rows = rows;
        m_overrides = overrides;
        endResetModel();
    }
    if (overridesChange)
        emit overridesChanged();
}

QHash<QString, qint64> RowCountsModel::overrides() const
{
    return m_overrides;
}

void RowCountsModel::setOverrides(const QHash<QString, qint64> &overrides)
{
    QHash<QString, qint64> kept;
    for (const Row &row : std::as_const(m_rows)) {
        const auto it = overrides.constFind(row.name);
        if (it != overrides.cend() && *it != row.schemaRows)
            kept.insert(row.name, std::clamp<qint64>(*it, 0, kMaxRows));
    }
    if (kept == m_overrides)
        return;
    m_overrides = kept;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit overridesChanged();
}

void RowCountsModel::resetToSchema()
{
    setOverrides({});
}

QString RowCountsModel::tableName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].name : QString();
}

qint64 RowCountsModel::schemaRows(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].schemaRows : 0;
}

qint64 RowCountsModel::rows(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return 0;
    return m_overrides.value(m_rows[row].name, m_rows[row].schemaRows);
}

bool RowCountsModel::isOverridden(int row) const
{
    return row >= 0 && row < m_rows.size() && m_overrides.contains(m_rows[row].name);
}

qint64 RowCountsModel::totalRows() const
{
    qint64 total = 0;
    for (int row = 0; row < m_rows.size(); ++row)
        total += rows(row);
    return total;
}

int RowCountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RowCountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RowCountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TableColumn:
            return m_rows[row].name;
        case SchemaRowsColumn:
            return QLocale().toString(schemaRows(row));
        case RowsColumn:
            return QLocale().toString(rows(row));
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case TableColumn:
            return m_rows[row].name;
        case SchemaRowsColumn:
            return schemaRows(row);
        case RowsColumn:
            return rows(row);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != TableColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (index.column() == RowsColumn && isOverridden(row)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == RowsColumn)
            return isOverridden(row)
                       ? tr("Changed for this generation; the schema says %1")
                             .arg(QLocale().toString(schemaRows(row)))
                       : tr("Double-click to generate a different number of rows, for this generation only");
        break;
    }
    return {};
}

bool RowCountsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        index.column() != RowsColumn)
        return false;
    bool ok = false;
    const qint64 rows = value.toLongLong(&ok);
    if (!ok || rows < 0 || rows > kMaxRows)
        return false;
    const Row &row = m_rows[index.row()];
    const bool before = m_overrides.contains(row.name);
    const qint64 old = this->rows(index.row());
    if (rows == row.schemaRows)
        m_overrides.remove(row.name);
    else
        m_overrides.insert(row.name, rows);
    if (old == rows && before == m_overrides.contains(row.name))
        return true;
    emitRowChanged(index.row());
    emit overridesChanged();
    return true;
}

Qt::ItemFlags RowCountsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == RowsColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant RowCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TableColumn:
            return tr("Table");
        case SchemaRowsColumn:
            return tr("Schema rows");
        case RowsColumn:
            return tr("Rows to generate");
        }
    } else if (role == Qt::TextAlignmentRole && section != TableColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

void RowCountsModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace fabrica
