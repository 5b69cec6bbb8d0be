#include "ProblemsModel.h"

#include "Icons.h"

#include <algorithm>

namespace fabrica {

ProblemsModel::ProblemsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProblemsModel::setProblems(const Problems &problems)
{
    Problems sorted = problems;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem &a, const Problem &b) { return a.isError() && !b.isError(); });
    if (sorted == m_problems)
        return;
    // The list is replaced as a whole: every validation gives a new one, and rows carry no state.
    beginResetModel();
    m_problems = std::move(sorted);
    endResetModel();
}

int ProblemsModel::errorCount() const
{
    return int(std::count_if(m_problems.begin(), m_problems.end(), [](const Problem &p) { return p.isError(); }));
}

int ProblemsModel::warningCount() const
{
    return int(m_problems.size()) - errorCount();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_problems.size())
        return {};
    const Problem &problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == PlaceSection) {
            const QString place = problem.path.isEmpty() ? tr("schema") : problem.path;
            return problem.key.isEmpty() ? place : place + QLatin1Char('.') + problem.key;
        }
        return problem.message;
    case Qt::ToolTipRole:
        return problem.message;
    case Qt::DecorationRole:
        if (index.column() == PlaceSection)
            return Icons::get(problem.isError() ? QStringLiteral("error") : QStringLiteral("warning"));
        return {};
    case TableRole:
        return problem.table;
    case ColumnRole:
        return problem.column;
    case KeyRole:
        return problem.key;
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == PlaceSection ? tr("Place") : tr("Problem");
}

} // namespace fabrica
