#pragma once

#include "import/ImportReport.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>

namespace fabrica {

// An import report as a tree for review: one group per level that occurs, most serious first, labelled
// with its count ("Refused (3)"), and the report's lines under it with their place and message.
class ImportReportModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { PlaceColumn, MessageColumn, ColumnCount };
    enum Role {
        LevelRole = Qt::UserRole + 1, // int(ImportReport::Level) of a group or a line
        IsGroupRole,                  // true on a group row
        LineRole,                     // a line's index in ImportReport::lines()
    };

    explicit ImportReportModel(QObject *parent = nullptr);

    void setReport(const ImportReport &report);
    const ImportReport &report() const { return m_report; }

    // Refused, Error, Warning, Guess, Skipped, Info: the order of the groups.
    static const QList<ImportReport::Level> &levelsBySeverity();
    // "Refused", "Errors", "Warnings", …: a group's title without its count.
    static QString levelTitle(ImportReport::Level level);
    static QIcon levelIcon(ImportReport::Level level);
    // "file:line:column: path", the parts that are known.
    static QString placeOf(const ImportReport::Line &line);
    // text as a tooltip that shows it literally, whatever it contains (it may come from an archive).
    static QString plainToolTip(const QString &text);

    // The group row of level, or an invalid index when the report has no line of it.
    QModelIndex groupIndex(ImportReport::Level level) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Group
    {
        ImportReport::Level level;
        QList<int> lines; // indexes into m_report.lines()
    };
    // A group's internal id is 0; a line's is its group's row + 1.
    static constexpr quintptr kGroupId = 0;

    QVariant groupData(const Group &group, int column, int role) const;
    QVariant lineData(const Group &group, int row, int column, int role) const;

    ImportReport m_report;
    QList<Group> m_groups;
    mutable QHash<int, QIcon> m_icons; // by level; the style's icons are not free to make
};

} // namespace fabrica
