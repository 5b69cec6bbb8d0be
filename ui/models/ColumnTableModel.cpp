#include "ColumnTableModel.h"

#include "ConstraintSummary.h"
#include "Icons.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "session/SchemaSession.h"
#include "types/TypeRegistry.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

const QString kMimeType = u"application/x-fabrica-column-rows"_s;

bool isCheckColumn(int gridColumn)
{
    return gridColumn == ColumnTableModel::NotNull || gridColumn == ColumnTableModel::PrimaryKey ||
           gridColumn == ColumnTableModel::Unique;
}

QString joinedMessages(const QStringList &messages)
{
    if (messages.size() == 1)
        return messages.first();
    QStringList lines;
    for (const QString &message : messages)
        lines << u"• "_s + message;
    return lines.join(u'\n');
}

} // namespace

ColumnTableModel::ColumnTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ColumnTableModel::setTable(SchemaSession *session, int table)
{
    beginResetModel();
    if (m_session) {
        m_session->document()->disconnect(this);
        m_session->disconnect(this);
    }
    m_session = session;
    const int before = m_table;
    m_table = session && table >= 0 && table < session->document()->tableCount() ? table : -1;
    m_removingTable = false;
    m_marks = QList<RowMarks>(rowCount());
    if (m_session)
        connectDocument();
    endResetModel();
    if (before != m_table)
        emit tableIndexChanged(m_table);
}

void ColumnTableModel::connectDocument()
{
    SchemaDocument *document = m_session->document();
    connect(m_session, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_session = nullptr;
        m_marks.clear();
        endResetModel();
        setTableIndex(-1);
    });
    connect(document, &SchemaDocument::aboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &SchemaDocument::wasReset, this, [this] {
        // Everything was replaced: the same index if the new schema has it, else nothing.
        const int before = m_table;
        if (m_table >= m_session->document()->tableCount())
            m_table = -1;
        m_marks = QList<RowMarks>(rowCount());
        endResetModel();
        if (before != m_table)
            emit tableIndexChanged(m_table);
    });
    connect(document, &SchemaDocument::tableInserted, this, &ColumnTableModel::onTableInserted);
    connect(document, &SchemaDocument::tableAboutToBeRemoved, this,
            &ColumnTableModel::onTableAboutToBeRemoved);
    connect(document, &SchemaDocument::tableRemoved, this, &ColumnTableModel::onTableRemoved);
    connect(document, &SchemaDocument::tableMoved, this, &ColumnTableModel::onTableMoved);
    connect(document, &SchemaDocument::columnAboutToBeInserted, this,
            &ColumnTableModel::onColumnAboutToBeInserted);
    connect(document, &SchemaDocument::columnInserted, this, &ColumnTableModel::onColumnInserted);
    connect(document, &SchemaDocument::columnAboutToBeRemoved, this,
            &ColumnTableModel::onColumnAboutToBeRemoved);
    connect(document, &SchemaDocument::columnRemoved, this, &ColumnTableModel::onColumnRemoved);
    connect(document, &SchemaDocument::columnAboutToBeMoved, this, &ColumnTableModel::onColumnAboutToBeMoved);
    connect(document, &SchemaDocument::columnMoved, this, &ColumnTableModel::onColumnMoved);
    connect(document, &SchemaDocument::columnChanged, this, &ColumnTableModel::onColumnChanged);
}

void ColumnTableModel::setTableIndex(int table)
{
    if (m_table == table)
        return;
    m_table = table;
    emit tableIndexChanged(table);
}

bool ColumnTableModel::hasTable() const
{
    return m_session && m_table >= 0;
}

const Column &ColumnTableModel::columnAt(int row) const
{
    return m_session->document()->column(m_table, row);
}

int ColumnTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !hasTable() || m_removingTable)
        return 0;
    return int(m_session->document()->table(m_table).columns.size());
}

int ColumnTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : GridColumnCount;
}

QString ColumnTableModel::keyOf(int gridColumn)
{
    switch (gridColumn) {
    case Name:
        return u"name"_s;
    case Type:
        return u"type"_s;
    case NotNull:
        return keys::notNull;
    case PrimaryKey:
        return keys::primaryKey;
    case Unique:
        return keys::unique;
    case References:
        return keys::references;
    case NullPercent:
        return keys::nullPercent;
    default:
        return {};
    }
}

int ColumnTableModel::gridColumnOf(const QString &key)
{
    if (key.isEmpty())
        return -1;
    for (int column = 0; column < GridColumnCount; ++column) {
        if (keyOf(column) == key)
            return column;
    }
    return -1;
}

QString ColumnTableModel::constraintSummary(const Column &column)
{
    static const QSet<QString> gridKeys = {keys::notNull, keys::primaryKey, keys::unique, keys::references,
                                           keys::nullPercent};
    return ConstraintSummary::of(column, gridKeys);
}

QVariant ColumnTableModel::displayData(const Column &column, int gridColumn) const
{
    switch (gridColumn) {
    case Name:
        return column.name;
    case Type:
        return column.type;
    case References: {
        const QJsonValue value = column.constraints.value(keys::references);
        return value.isUndefined() ? QVariant() : QVariant(ConstraintSummary::valueText(value));
    }
    case NullPercent: {
        const QJsonValue value = column.constraints.value(keys::nullPercent);
        if (value.isUndefined())
            return {};
        return value.isDouble() ? tr("%1 %").arg(ConstraintSummary::number(value.toDouble()))
                                : ConstraintSummary::valueText(value);
    }
    case Constraints:
        return constraintSummary(column);
    default:
        return {};
    }
}

QVariant ColumnTableModel::editData(const Column &column, int gridColumn) const
{
    switch (gridColumn) {
    case Name:
        return column.name;
    case Type:
        return column.type;
    case NotNull:
    case PrimaryKey:
    case Unique:
        return column.constraints.value(keyOf(gridColumn)).toBool();
    case References:
        return column.constraints.value(keys::references).toString();
    case NullPercent:
        return column.constraints.value(keys::nullPercent).toDouble(0);
    case Constraints:
        return constraintSummary(column);
    default:
        return {};
    }
}

QVariant ColumnTableModel::toolTip(const Column &column, int row, int gridColumn) const
{
    if (const CellMark mark = markOf(row, gridColumn); !mark.messages.isEmpty())
        return joinedMessages(mark.messages);
    const TypeRegistry &registry = TypeRegistry::instance();
    switch (gridColumn) {
    case Name:
        return column.description.isEmpty() ? QVariant() : QVariant(column.description);
    case Type: {
        const DataType *type = registry.find(column.type);
        if (!type)
            return tr("Unknown data type \"%1\"").arg(column.type);
        return tr("%1\nExample: %2").arg(type->description, type->example);
    }
    case Constraints: {
        const QString summary = constraintSummary(column);
        return summary.isEmpty() ? QVariant() : QVariant(summary);
    }
    default:
        return {};
    }
}

ColumnTableModel::CellMark ColumnTableModel::markOf(int row, int gridColumn) const
{
    if (row < 0 || row >= m_marks.size())
        return {};
    const RowMarks &marks = m_marks.at(row);
    if (gridColumn != Name)
        return marks.value(gridColumn, CellMark{Problem::Severity::Warning, {}});
    CellMark all;
    for (const CellMark &mark : marks) {
        all.messages += mark.messages;
        if (mark.severity == Problem::Severity::Error)
            all.severity = Problem::Severity::Error;
    }
    return all;
}

QVariant ColumnTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !hasTable())
        return {};
    const int row = index.row();
    const int gridColumn = index.column();
    const Column &column = columnAt(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(column, gridColumn);
    case Qt::EditRole:
        return editData(column, gridColumn);
    case Qt::CheckStateRole:
        if (!isCheckColumn(gridColumn))
            return {};
        return column.constraints.value(keyOf(gridColumn)).toBool() ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole: {
        const CellMark mark = markOf(row, gridColumn);
        if (mark.messages.isEmpty())
            return {};
        return Icons::get(mark.severity == Problem::Severity::Error ? u"error"_s : u"warning"_s);
    }
    case Qt::ToolTipRole:
        return toolTip(column, row, gridColumn);
    case Qt::TextAlignmentRole:
        if (gridColumn == NullPercent)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (isCheckColumn(gridColumn))
            return QVariant::fromValue(Qt::AlignCenter);
        return {};
    case KeyRole:
        return keyOf(gridColumn);
    case SeverityRole: {
        const CellMark mark = markOf(row, gridColumn);
        return mark.messages.isEmpty() ? -1 : int(mark.severity);
    }
    case ProblemsRole:
        return markOf(row, gridColumn).messages;
    case ConstraintsRole:
        return column.constraints;
    default:
        return {};
    }
}

QVariant ColumnTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Type:
            return tr("Type");
        case NotNull:
            return tr("Not null");
        case PrimaryKey:
            return tr("Key");
        case Unique:
            return tr("Unique");
        case References:
            return tr("References");
        case NullPercent:
            return tr("Null %");
        case Constraints:
            return tr("Constraints");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return tr("The column's name in the generated tables and files");
        case Type:
            return tr("The data type: what kind of values the column gets");
        case NotNull:
            return tr("The column never holds NULL");
        case PrimaryKey:
            return tr("Primary key: unique and not null; other tables can reference it");
        case Unique:
            return tr("No value occurs twice in the column");
        case References:
            return tr("Foreign key: the key column whose values this column takes");
        case NullPercent:
            return tr("Share of rows that are NULL, in percent");
        case Constraints:
            return tr("The other settings of the column; edit them in the column editor");
        default:
            return {};
        }
    }
    if (role == KeyRole)
        return keyOf(section);
    return {};
}

Qt::ItemFlags ColumnTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return hasTable() ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    if (!hasTable())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags =
        Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    const Column &column = columnAt(index.row());
    const DataType *type = TypeRegistry::instance().find(column.type);
    const bool keyCapable = type && type->keyCapable;
    switch (index.column()) {
    case Name:
    case Type:
    case NullPercent:
        flags |= Qt::ItemIsEditable;
        break;
    case NotNull:
        flags |= Qt::ItemIsUserCheckable;
        break;
    case PrimaryKey:
    case Unique:
    case References:
        // A type that cannot be a key cannot become one here; an existing key can always be removed.
        if (keyCapable || column.constraints.contains(keyOf(index.column())))
            flags |= index.column() == References ? Qt::ItemIsEditable : Qt::ItemIsUserCheckable;
        break;
    default:
        break;
    }
    return flags;
}

bool ColumnTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    // An invalid value is what a view writes to "clear" a cell (e.g. after a drag in overwrite mode);
    // it is never an edit of the schema.
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !hasTable() || !value.isValid())
        return false;
    const int row = index.row();
    const int gridColumn = index.column();
    if (!(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    const Column &column = columnAt(row);
    const QString path = m_session->document()->table(m_table).name + u'.' + column.name;

    if (isCheckColumn(gridColumn)) {
        bool on = false;
        if (role == Qt::CheckStateRole)
            on = value.toInt() == Qt::Checked;
        else if (role == Qt::EditRole)
            on = value.toBool();
        else
            return false;
        // Unchecking removes the key instead of writing false: the JSON stays as a person would write it.
        setConstraintStep(row, keyOf(gridColumn), on ? QJsonValue(true) : QJsonValue(QJsonValue::Undefined));
        return true;
    }
    if (role != Qt::EditRole)
        return false;

    switch (gridColumn) {
    case Name: {
        const QString name = value.toString().trimmed();
        if (!m_session->columnNameProblem(m_table, row, name).isEmpty())
            return false;
        if (name != column.name)
            ownStep(tr("Rename column %1 to %2").arg(path, name),
                    [&] { m_session->renameColumn(m_table, row, name); });
        return true;
    }
    case Type: {
        const QString type = value.toString().trimmed();
        if (!TypeRegistry::instance().find(type))
            return false;
        if (type != column.type)
            ownStep(tr("Set type of %1 to %2").arg(path, type),
                    [&] { m_session->setColumnType(m_table, row, type); });
        return true;
    }
    case References: {
        const QString text = value.toString().trimmed();
        if (!text.isEmpty() && !ColumnReference::parse(text))
            return false;
        setConstraintStep(row, keys::references,
                          text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
        return true;
    }
    case NullPercent: {
        bool ok = false;
        const double percent = value.toDouble(&ok);
        if (!ok || percent < 0 || percent > 100)
            return false;
        setConstraintStep(row, keys::nullPercent,
                          percent == 0 ? QJsonValue(QJsonValue::Undefined) : QJsonValue(percent));
        return true;
    }
    default:
        return false;
    }
}

void ColumnTableModel::ownStep(const QString &text, const std::function<void()> &edit)
{
    // The session merges consecutive edits of one field, which suits typing in a form; in the grid every
    // click or pick is an act of its own, so a macro keeps it apart from its neighbours.
    m_session->beginMacro(text);
    edit();
    m_session->endMacro();
}

void ColumnTableModel::setConstraintStep(int row, const QString &key, const QJsonValue &value)
{
    const QJsonObject &constraints = columnAt(row).constraints;
    if (value.isUndefined() ? !constraints.contains(key) : constraints.value(key) == value)
        return; // nothing to do, and no empty step on the stack
    const QString path = m_session->document()->table(m_table).name + u'.' + columnAt(row).name;
    ownStep(value.isUndefined() ? tr("Remove %1 of %2").arg(key, path) : tr("Set %1 of %2").arg(key, path),
            [&] { m_session->setConstraint(m_table, row, key, value); });
}

void ColumnTableModel::setProblems(const Problems &problems)
{
    QList<RowMarks> marks(rowCount());
    for (const Problem &problem : problems) {
        if (!hasTable() || problem.table != m_table || problem.column < 0 || problem.column >= marks.size())
            continue;
        int gridColumn = gridColumnOf(problem.key);
        if (gridColumn < 0)
            gridColumn = problem.key.isEmpty() ? Name : Constraints;
        CellMark &mark = marks[problem.column][gridColumn];
        if (mark.messages.isEmpty() || problem.isError())
            mark.severity = problem.severity;
        mark.messages << problem.message;
    }
    const QList<RowMarks> old = std::exchange(m_marks, marks);
    for (int row = 0; row < m_marks.size(); ++row) {
        if (row >= old.size() || old.at(row) != m_marks.at(row))
            emitRowChanged(row);
    }
}

void ColumnTableModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, GridColumnCount - 1));
}

bool ColumnTableModel::moveColumns(QList<int> rows, int before)
{
    if (!hasTable())
        return false;
    const int count = rowCount();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty() || rows.first() < 0 || rows.last() >= count || before < 0 || before > count)
        return false;
    // Already together in front of `before`: nothing to do.
    if (rows.last() - rows.first() + 1 == rows.size() && before >= rows.first() && before <= rows.last() + 1)
        return false;

    // Rows at or after `before` move up in ascending order; rows in front of it move down in descending
    // order. Each move leaves the positions of the rows still to move untouched.
    QList<std::pair<int, int>> moves;
    int placed = 0;
    for (int row : std::as_const(rows)) {
        if (row >= before)
            moves.append({row, before + placed++});
    }
    placed = 0;
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        if (*it < before)
            moves.append({*it, before - 1 - placed++});
    }
    const int table = m_table;
    SchemaSession *session = m_session;
    session->beginMacro(tr("Move %n column(s)", nullptr, int(rows.size())));
    for (const auto &[from, to] : std::as_const(moves))
        session->moveColumn(table, from, to);
    session->endMacro();
    return true;
}

Qt::DropActions ColumnTableModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions ColumnTableModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList ColumnTableModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *ColumnTableModel::mimeData(const QModelIndexList &indexes) const
{
    if (!hasTable() || indexes.isEmpty())
        return nullptr;
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this && !rows.contains(index.row()))
            rows << index.row();
    }
    // Rows only make sense to this model showing this table: both go along to be checked on drop.
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << quintptr(this) << m_table << rows;
    auto *data = new QMimeData;
    data->setData(kMimeType, bytes);
    return data;
}

QList<int> ColumnTableModel::draggedRows(const QMimeData *data) const
{
    if (!data || !data->hasFormat(kMimeType) || !hasTable())
        return {};
    QByteArray bytes = data->data(kMimeType);
    QDataStream stream(&bytes, QIODevice::ReadOnly);
    quintptr model = 0;
    int table = -1;
    QList<int> rows;
    stream >> model >> table >> rows;
    if (stream.status() != QDataStream::Ok || model != quintptr(this) || table != m_table)
        return {};
    return rows;
}

bool ColumnTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                       const QModelIndex &) const
{
    return action == Qt::MoveAction && !draggedRows(data).isEmpty();
}

bool ColumnTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                    const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    // Dropped onto a row: in front of it; onto the empty space below the rows: at the end.
    int before = row;
    if (before < 0)
        before = parent.isValid() ? parent.row() : rowCount();
    return moveColumns(draggedRows(data), before);
}

void ColumnTableModel::onTableInserted(int index)
{
    if (m_table >= 0 && index <= m_table)
        setTableIndex(m_table + 1);
}

void ColumnTableModel::onTableAboutToBeRemoved(int index)
{
    if (m_table < 0 || index != m_table)
        return;
    beginResetModel();
    m_removingTable = true;
}

void ColumnTableModel::onTableRemoved(int index)
{
    if (m_removingTable) {
        m_removingTable = false;
        m_table = -1;
        m_marks.clear();
        endResetModel();
        emit tableIndexChanged(-1);
    } else if (m_table >= 0 && index < m_table) {
        setTableIndex(m_table - 1);
    }
}

void ColumnTableModel::onTableMoved(int from, int to)
{
    if (m_table < 0)
        return;
    if (from == m_table)
        setTableIndex(to);
    else if (from < m_table && to >= m_table)
        setTableIndex(m_table - 1);
    else if (from > m_table && to <= m_table)
        setTableIndex(m_table + 1);
}

void ColumnTableModel::onColumnAboutToBeInserted(int table, int index)
{
    if (table == m_table && m_table >= 0)
        beginInsertRows({}, index, index);
}

void ColumnTableModel::onColumnInserted(int table, int index)
{
    if (table != m_table || m_table < 0)
        return;
    m_marks.insert(index, RowMarks());
    endInsertRows();
}

void ColumnTableModel::onColumnAboutToBeRemoved(int table, int index)
{
    if (table == m_table && m_table >= 0)
        beginRemoveRows({}, index, index);
}

void ColumnTableModel::onColumnRemoved(int table, int index)
{
    if (table != m_table || m_table < 0)
        return;
    m_marks.removeAt(index);
    endRemoveRows();
}

void ColumnTableModel::onColumnAboutToBeMoved(int table, int from, int to)
{
    // QList::move(from, to) puts the row at `to`; the model API wants the row it will stand in front of.
    if (table == m_table && m_table >= 0)
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
}

void ColumnTableModel::onColumnMoved(int table, int from, int to)
{
    if (table != m_table || m_table < 0)
        return;
    m_marks.move(from, to);
    endMoveRows();
}

void ColumnTableModel::onColumnChanged(int table, int index)
{
    if (table == m_table && m_table >= 0)
        emitRowChanged(index);
}

} // namespace fabrica
