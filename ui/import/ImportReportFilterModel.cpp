#include "ImportReportFilterModel.h"

#include "ImportReportModel.h"

namespace fabrica {

ImportReportFilterModel::ImportReportFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_levels(ImportReportModel::levelsBySeverity())
{
    // A group is accepted through its lines only (see filterAcceptsRow).
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
}

void ImportReportFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setFilterFixedString(text); // invalidates the filter
    refreshGroupLabels();
}

void ImportReportFilterModel::setVisibleLevels(const QList<ImportReport::Level> &levels)
{
    if (levels == m_levels)
        return;
    m_levels = levels;
    invalidateFilter();
    refreshGroupLabels();
}

void ImportReportFilterModel::refreshGroupLabels()
{
    // The counts in the labels follow the filter, which is no change of the source's data.
    if (const int groups = rowCount(); groups > 0)
        emit dataChanged(index(0, 0), index(groups - 1, 0), {Qt::DisplayRole});
}

bool ImportReportFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // A group's own label ("Warnings (3)") is no reason to show it: with recursive filtering it appears
    // exactly when one of its lines is accepted, so no empty group is ever left standing.
    if (!sourceParent.isValid())
        return false;
    const auto level = ImportReport::Level(sourceParent.data(ImportReportModel::LevelRole).toInt());
    if (!m_levels.contains(level))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

QVariant ImportReportFilterModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole && index.isValid() && !index.parent().isValid() &&
        index.column() == ImportReportModel::PlaceColumn) {
        const QModelIndex source = mapToSource(index);
        const int shown = rowCount(index);
        const int all = sourceModel()->rowCount(source);
        if (shown != all) {
            const auto level = ImportReport::Level(source.data(ImportReportModel::LevelRole).toInt());
            return tr("%1 (%2 of %3)").arg(ImportReportModel::levelTitle(level)).arg(shown).arg(all);
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace fabrica
