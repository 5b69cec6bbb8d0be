#include "ImportReportModel.h"

#include <QApplication>
#include <QFile>
#include <QFont>
#include <QStyle>

namespace fabrica {

using Level = ImportReport::Level;

ImportReportModel::ImportReportModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void ImportReportModel::setReport(const ImportReport &report)
{
    beginResetModel();
    m_report = report;
    m_groups.clear();
    for (const Level level : levelsBySeverity()) {
        Group group{level, {}};
        for (int i = 0; i < m_report.lines().size(); ++i) {
            if (m_report.lines()[i].level == level)
                group.lines << i;
        }
        if (!group.lines.isEmpty())
            m_groups << group;
    }
    endResetModel();
}

const QList<Level> &ImportReportModel::levelsBySeverity()
{
    static const QList<Level> levels{Level::Refused, Level::Error,   Level::Warning,
                                     Level::Guess,   Level::Skipped, Level::Info};
    return levels;
}

QString ImportReportModel::levelTitle(Level level)
{
    switch (level) {
    case Level::Refused:
        return tr("Refused");
    case Level::Error:
        return tr("Errors");
    case Level::Warning:
        return tr("Warnings");
    case Level::Guess:
        return tr("Guesses");
    case Level::Skipped:
        return tr("Skipped");
    case Level::Info:
        return tr("Information");
    }
    return {};
}

QIcon ImportReportModel::levelIcon(Level level)
{
    // The window's own icons when they are built in, else the style's, so that every level has one.
    QString name;
    QStyle::StandardPixmap standard = QStyle::SP_MessageBoxInformation;
    switch (level) {
    case Level::Refused:
    case Level::Error:
        name = QStringLiteral("error");
        standard = QStyle::SP_MessageBoxCritical;
        break;
    case Level::Warning:
        name = QStringLiteral("warning");
        standard = QStyle::SP_MessageBoxWarning;
        break;
    case Level::Guess:
        name = QStringLiteral("guess");
        standard = QStyle::SP_MessageBoxQuestion;
        break;
    case Level::Skipped:
    case Level::Info:
        name = QStringLiteral("info");
        break;
    }
    const QString resource = QStringLiteral(":/fabrica/ui/icons/%1.svg").arg(name);
    if (QFile::exists(resource))
        return QIcon(resource);
    if (qobject_cast<QApplication *>(QCoreApplication::instance()))
        return QApplication::style()->standardIcon(standard);
    return {};
}

QString ImportReportModel::placeOf(const ImportReport::Line &line)
{
    const QString place = line.where.toString();
    if (line.where.path.isEmpty())
        return place;
    return place.isEmpty() ? line.where.path : place + QLatin1String(": ") + line.where.path;
}

QString ImportReportModel::plainToolTip(const QString &text)
{
    // File and schema names come from the archive; escaped, they cannot be taken for markup (a tooltip
    // that looks like HTML is shown as HTML, images and all).
    return QLatin1String("<qt>") + text.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>")) +
           QLatin1String("</qt>");
}

QModelIndex ImportReportModel::groupIndex(Level level) const
{
    for (int row = 0; row < m_groups.size(); ++row) {
        if (m_groups[row].level == level)
            return index(row, 0);
    }
    return {};
}

QModelIndex ImportReportModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ImportReportModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int ImportReportModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == kGroupId && parent.column() == 0)
        return int(m_groups[parent.row()].lines.size());
    return 0; // lines have no children, and only column 0 has children
}

int ImportReportModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ImportReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId)
        return groupData(m_groups[index.row()], index.column(), role);
    return lineData(m_groups[int(index.internalId() - 1)], index.row(), index.column(), role);
}

QVariant ImportReportModel::groupData(const Group &group, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == PlaceColumn)
            return tr("%1 (%2)").arg(levelTitle(group.level)).arg(group.lines.size());
        return {};
    case Qt::DecorationRole:
        if (column != PlaceColumn)
            return {};
        if (!m_icons.contains(int(group.level)))
            m_icons.insert(int(group.level), levelIcon(group.level));
        return m_icons.value(int(group.level));
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ToolTipRole:
        switch (group.level) {
        case Level::Refused:
            return tr("Input rejected for safety or form. Nothing is imported while anything is refused.");
        case Level::Error:
            return tr("Problems that stop the import. Fix the input and import it again.");
        case Level::Warning:
            return tr("Doubtful input that did not stop the import. Check the schema before using it.");
        case Level::Guess:
            return tr("Choices the import made for you, such as a column's type. Change them in the editor "
                      "if they are wrong.");
        case Level::Skipped:
            return tr("Input left out on purpose, such as functions or files of another kind.");
        case Level::Info:
            return tr("What was read.");
        }
        return {};
    case LevelRole:
        return int(group.level);
    case IsGroupRole:
        return true;
    default:
        return {};
    }
}

QVariant ImportReportModel::lineData(const Group &group, int row, int column, int role) const
{
    const int lineIndex = group.lines[row];
    const ImportReport::Line &line = m_report.lines()[lineIndex];
    switch (role) {
    case Qt::DisplayRole:
        return column == PlaceColumn ? placeOf(line) : line.message;
    case Qt::ToolTipRole: {
        const QString place = placeOf(line);
        return plainToolTip(place.isEmpty() ? line.message : place + QLatin1Char('\n') + line.message);
    }
    case LevelRole:
        return int(line.level);
    case IsGroupRole:
        return false;
    case LineRole:
        return lineIndex;
    default:
        return {};
    }
}

QVariant ImportReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PlaceColumn:
        return tr("Place");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

Qt::ItemFlags ImportReportModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kGroupId || index.column() != PlaceColumn)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

} // namespace fabrica
