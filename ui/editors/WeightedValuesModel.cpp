#include "WeightedValuesModel.h"

#include "format/CanonicalJson.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace fabrica {

WeightedValuesModel::WeightedValuesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void WeightedValuesModel::setWeighted(bool weighted)
{
    if (m_weighted == weighted)
        return;
    beginResetModel();
    m_weighted = weighted;
    endResetModel();
}

void WeightedValuesModel::setEntries(const QStringList &values, const QList<double> &weights, bool defaulted)
{
    beginResetModel();
    m_values = values;
    m_weights = weights.size() == values.size() ? weights : QList<double>();
    m_defaulted = defaulted;
    endResetModel();
}

double WeightedValuesModel::weight(int row) const
{
    return hasWeights() ? m_weights.value(row) : 1.0;
}

double WeightedValuesModel::share(int row) const
{
    double total = 0;
    for (int i = 0; i < m_values.size(); ++i)
        total += std::max(weight(i), 0.0);
    return total > 0 ? std::max(weight(row), 0.0) / total : 0.0;
}

void WeightedValuesModel::appendEntry(const QString &value)
{
    const int row = int(m_values.size());
    beginInsertRows({}, row, row);
    m_values.append(value);
    if (hasWeights())
        m_weights.append(1);
    m_defaulted = false;
    endInsertRows();
    weightsChanged();
    emit edited();
}

void WeightedValuesModel::removeEntries(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    for (int row : rows) {
        if (row < 0 || row >= m_values.size())
            continue;
        beginRemoveRows({}, row, row);
        m_values.removeAt(row);
        if (hasWeights())
            m_weights.removeAt(row);
        endRemoveRows();
    }
    m_defaulted = false;
    weightsChanged();
    emit edited();
}

void WeightedValuesModel::moveEntry(int from, int to)
{
    if (from < 0 || to < 0 || from >= m_values.size() || to >= m_values.size() || from == to)
        return;
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_values.move(from, to);
    if (hasWeights())
        m_weights.move(from, to);
    m_defaulted = false;
    endMoveRows();
    emit edited();
}

void WeightedValuesModel::clearWeights()
{
    if (!hasWeights())
        return;
    m_weights.clear();
    weightsChanged();
    emit edited();
}

void WeightedValuesModel::weightsChanged()
{
    if (m_weighted && !m_values.isEmpty())
        emit dataChanged(index(0, WeightColumn), index(int(m_values.size()) - 1, WeightColumn));
}

int WeightedValuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_values.size());
}

int WeightedValuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_weighted ? 2 : 1);
}

QVariant WeightedValuesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (index.column() == ValueColumn) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return m_values.at(row);
    } else {
        switch (role) {
        case Qt::DisplayRole:
            return QString::fromUtf8(CanonicalJson::number(weight(row)));
        case Qt::EditRole:
            return weight(row);
        case ShareRole:
            return share(row);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            return hasWeights() ? tr("%1 % of the rows").arg(share(row) * 100, 0, 'f', 1)
                                : tr("No weights: every value is equally likely");
        default:
            break;
        }
    }
    if (role == Qt::ForegroundRole && (m_defaulted || (index.column() == WeightColumn && !hasWeights())))
        return QGuiApplication::palette().brush(QPalette::PlaceholderText);
    return {};
}

bool WeightedValuesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    if (index.column() == ValueColumn) {
        if (m_values.at(row) == value.toString())
            return false;
        m_values[row] = value.toString();
        m_defaulted = false;
        emit dataChanged(index, index);
        emit edited();
        return true;
    }
    bool ok = false;
    const double weight = value.toDouble(&ok);
    if (!ok || weight < 0 || !std::isfinite(weight))
        return false;
    if (!hasWeights()) // the first weight set: the others keep their equal share of 1
        m_weights = QList<double>(m_values.size(), 1.0);
    m_weights[row] = weight;
    m_defaulted = false;
    weightsChanged();
    emit edited();
    return true;
}

Qt::ItemFlags WeightedValuesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant WeightedValuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section == ValueColumn ? tr("Value") : tr("Weight");
}

} // namespace fabrica
