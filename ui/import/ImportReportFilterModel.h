#pragma once

#include "import/ImportReport.h"

#include <QSortFilterProxyModel>

namespace fabrica {

// Narrows an ImportReportModel to some levels and to lines whose place or message contains a text; a
// group shows only while a line of it is shown, with the count it shows ("Warnings (2 of 5)").
class ImportReportFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ImportReportFilterModel(QObject *parent = nullptr);

    // The text to look for, case-insensitive and literal; empty shows every line.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    // The levels shown; all of them at first.
    void setVisibleLevels(const QList<ImportReport::Level> &levels);
    const QList<ImportReport::Level> &visibleLevels() const { return m_levels; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refreshGroupLabels();

    QString m_text;
    QList<ImportReport::Level> m_levels;
};

} // namespace fabrica
