#include "SchemaTreeModel.h"

#include "Icons.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "session/SchemaSession.h"

#include <QDataStream>
#include <QGuiApplication>
#include <QIODevice>
#include <QMimeData>
#include <QPalette>

namespace fabrica {

namespace {

const QString kMimeType = QStringLiteral("application/x-fabrica-schema-item");

} // namespace

SchemaTreeModel::SchemaTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void SchemaTreeModel::setSession(SchemaSession *session)
{
    if (session == m_session)
        return;
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_session = session;
    m_document = session ? session->document() : nullptr;
    m_marks.clear();
    rebuildKeys();
    if (m_document)
        connectDocument(m_document);
    endResetModel();
}

void SchemaTreeModel::connectDocument(SchemaDocument *document)
{
    connect(document, &QObject::destroyed, this, [this] { setSession(nullptr); });
    connect(document, &SchemaDocument::aboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &SchemaDocument::wasReset, this, [this] {
        rebuildKeys();
        m_marks.clear();
        endResetModel();
    });
    connect(document, &SchemaDocument::propertiesChanged, this, [this] {
        emit dataChanged(schemaIndex(NameSection), schemaIndex(DetailSection));
    });

    connect(document, &SchemaDocument::tableAboutToBeInserted, this,
            [this](int index) { beginInsertRows(schemaIndex(), index, index); });
    connect(document, &SchemaDocument::tableInserted, this, [this](int index) {
        m_tableKeys.insert(index, m_nextKey++);
        m_keyRowsValid = false;
        endInsertRows();
        emit dataChanged(schemaIndex(DetailSection), schemaIndex(DetailSection));
    });
    connect(document, &SchemaDocument::tableAboutToBeRemoved, this,
            [this](int index) { beginRemoveRows(schemaIndex(), index, index); });
    connect(document, &SchemaDocument::tableRemoved, this, [this](int index) {
        m_tableKeys.removeAt(index);
        m_keyRowsValid = false;
        endRemoveRows();
        emit dataChanged(schemaIndex(DetailSection), schemaIndex(DetailSection));
    });
    connect(document, &SchemaDocument::tableAboutToBeMoved, this, [this](int from, int to) {
        // QList::move puts the item at `to`; Qt wants the row it will stand before, counted before the move.
        beginMoveRows(schemaIndex(), from, from, schemaIndex(), to > from ? to + 1 : to);
    });
    connect(document, &SchemaDocument::tableMoved, this, [this](int from, int to) {
        m_tableKeys.move(from, to);
        m_keyRowsValid = false;
        endMoveRows();
    });
    connect(document, &SchemaDocument::tableChanged, this, [this](int index) {
        emit dataChanged(tableIndex(index, NameSection), tableIndex(index, DetailSection));
    });

    connect(document, &SchemaDocument::columnAboutToBeInserted, this,
            [this](int table, int index) { beginInsertRows(tableIndex(table), index, index); });
    connect(document, &SchemaDocument::columnInserted, this, [this] { endInsertRows(); });
    connect(document, &SchemaDocument::columnAboutToBeRemoved, this,
            [this](int table, int index) { beginRemoveRows(tableIndex(table), index, index); });
    connect(document, &SchemaDocument::columnRemoved, this, [this] { endRemoveRows(); });
    connect(document, &SchemaDocument::columnAboutToBeMoved, this, [this](int table, int from, int to) {
        const QModelIndex parent = tableIndex(table);
        beginMoveRows(parent, from, from, parent, to > from ? to + 1 : to);
    });
    connect(document, &SchemaDocument::columnMoved, this, [this] { endMoveRows(); });
    connect(document, &SchemaDocument::columnChanged, this, [this](int table, int index) {
        emit dataChanged(columnIndex(table, index, NameSection), columnIndex(table, index, DetailSection));
    });
}

void SchemaTreeModel::rebuildKeys()
{
    m_tableKeys.clear();
    const int tables = m_document ? m_document->tableCount() : 0;
    for (int t = 0; t < tables; ++t)
        m_tableKeys.append(m_nextKey++);
    m_keyRowsValid = false;
}

int SchemaTreeModel::tableOfKey(quintptr key) const
{
    if (!m_keyRowsValid) {
        m_keyRows.clear();
        m_keyRows.reserve(m_tableKeys.size());
        for (int row = 0; row < m_tableKeys.size(); ++row)
            m_keyRows.insert(m_tableKeys.at(row), row);
        m_keyRowsValid = true;
    }
    return m_keyRows.value(key, -1);
}

QModelIndex SchemaTreeModel::schemaIndex(int section) const
{
    return m_document ? createIndex(0, section, kSchemaId) : QModelIndex();
}

QModelIndex SchemaTreeModel::tableIndex(int table, int section) const
{
    if (!m_document || table < 0 || table >= m_tableKeys.size())
        return {};
    return createIndex(table, section, kTableId);
}

QModelIndex SchemaTreeModel::columnIndex(int table, int column, int section) const
{
    if (!m_document || table < 0 || table >= m_tableKeys.size() || column < 0 ||
        column >= m_document->table(table).columns.size())
        return {};
    return createIndex(column, section, m_tableKeys.at(table));
}

SchemaTreeModel::Kind SchemaTreeModel::kindOf(const QModelIndex &index) const
{
    switch (index.internalId()) {
    case kSchemaId:
        return Kind::Schema;
    case kTableId:
        return Kind::Table;
    default:
        return Kind::Column;
    }
}

int SchemaTreeModel::tableOf(const QModelIndex &index) const
{
    switch (kindOf(index)) {
    case Kind::Schema:
        return -1;
    case Kind::Table:
        return index.row();
    case Kind::Column:
        return tableOfKey(index.internalId());
    }
    return -1;
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_document || row < 0 || column < 0 || column >= SectionCount)
        return {};
    if (!parent.isValid())
        return row == 0 ? schemaIndex(column) : QModelIndex();
    if (parent.column() != 0)
        return {};
    switch (kindOf(parent)) {
    case Kind::Schema:
        return tableIndex(row, column);
    case Kind::Table:
        return columnIndex(parent.row(), row, column);
    case Kind::Column:
        return {};
    }
    return {};
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !m_document)
        return {};
    switch (kindOf(child)) {
    case Kind::Schema:
        return {};
    case Kind::Table:
        return schemaIndex();
    case Kind::Column:
        return tableIndex(tableOfKey(child.internalId()));
    }
    return {};
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_document)
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    switch (kindOf(parent)) {
    case Kind::Schema:
        return m_document->tableCount();
    case Kind::Table:
        return int(m_document->table(parent.row()).columns.size());
    case Kind::Column:
        return 0;
    }
    return 0;
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return SectionCount;
}

const SchemaTreeModel::Marks *SchemaTreeModel::marksOf(const QModelIndex &index) const
{
    const Kind kind = kindOf(index);
    const QPair<int, int> key{kind == Kind::Schema ? -1 : tableOf(index), kind == Kind::Column ? index.row() : -1};
    const auto it = m_marks.constFind(key);
    return it == m_marks.constEnd() ? nullptr : &*it;
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_document)
        return {};
    const Kind kind = kindOf(index);
    const int table = tableOf(index);
    if (role == KindRole)
        return int(kind);
    if (role == TableRole)
        return table;
    if (role == ColumnRole)
        return kind == Kind::Column ? index.row() : -1;

    const Marks *marks = marksOf(index);
    if (index.column() == DetailSection && role == Qt::DecorationRole && marks)
        return Icons::get(marks->severity == Problem::Severity::Error ? QStringLiteral("error")
                                                                       : QStringLiteral("warning"));
    if (role == Qt::ToolTipRole && marks)
        return marks->messages.join(QLatin1Char('\n'));

    switch (kind) {
    case Kind::Schema: {
        const Schema &schema = m_document->schema();
        if (role == Qt::DisplayRole && index.column() == NameSection)
            return m_session ? m_session->displayName() : schema.name;
        if (role == Qt::EditRole && index.column() == NameSection)
            return schema.name;
        if (role == Qt::DisplayRole && index.column() == DetailSection)
            return tr("%n table(s)", nullptr, m_document->tableCount());
        if (role == Qt::DecorationRole && index.column() == NameSection)
            return Icons::get(QStringLiteral("schema"));
        if (role == Qt::ToolTipRole)
            return schema.description;
        break;
    }
    case Kind::Table: {
        const Table &t = m_document->table(table);
        if ((role == Qt::DisplayRole || role == Qt::EditRole) && index.column() == NameSection)
            return t.name;
        if (role == Qt::DisplayRole && index.column() == DetailSection)
            return tr("%L1 rows").arg(t.rows);
        if (role == Qt::DecorationRole && index.column() == NameSection)
            return Icons::get(QStringLiteral("table"));
        if (role == Qt::ToolTipRole)
            return t.description;
        break;
    }
    case Kind::Column: {
        const Column &c = m_document->column(table, index.row());
        if ((role == Qt::DisplayRole || role == Qt::EditRole) && index.column() == NameSection)
            return c.name;
        if (role == Qt::DisplayRole && index.column() == DetailSection) {
            if (const auto target = ColumnReference::fromConstraint(c.constraints.value(keys::references)))
                return QStringLiteral("%1 → %2").arg(c.type, target->toString());
            return c.type;
        }
        if (role == Qt::DecorationRole && index.column() == NameSection) {
            if (c.constraints.value(keys::primaryKey).toBool())
                return Icons::get(QStringLiteral("primary-key"));
            if (c.constraints.contains(keys::references))
                return Icons::get(QStringLiteral("foreign-key"));
            return Icons::get(QStringLiteral("column"));
        }
        if (role == Qt::ForegroundRole && index.column() == DetailSection)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::ToolTipRole)
            return c.description;
        break;
    }
    }
    if (role == Qt::ForegroundRole && index.column() == DetailSection)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

bool SchemaTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !m_session || role != Qt::EditRole || index.column() != NameSection)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    switch (kindOf(index)) {
    case Kind::Schema:
        m_session->setSchemaProperty(SetSchemaPropertyCommand::Property::Name, name);
        return true;
    case Kind::Table:
        return m_session->renameTable(index.row(), name);
    case Kind::Column:
        return m_session->renameColumn(tableOf(index), index.row(), name);
    }
    return false;
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameSection ? tr("Name") : tr("Type / rows");
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameSection && m_session)
        flags |= Qt::ItemIsEditable;
    switch (kindOf(index)) {
    case Kind::Schema:
        return flags | Qt::ItemIsDropEnabled;
    case Kind::Table:
        return flags | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    case Kind::Column:
        return flags | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    }
    return flags;
}

QStringList SchemaTreeModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *SchemaTreeModel::mimeData(const QModelIndexList &indexes) const
{
    // One item moves at a time: the first table or column of the selection.
    for (const QModelIndex &index : indexes) {
        const Kind kind = kindOf(index);
        if (kind == Kind::Schema)
            continue;
        QByteArray bytes;
        QDataStream stream(&bytes, QIODevice::WriteOnly);
        stream << int(kind) << tableOf(index) << (kind == Kind::Column ? index.row() : -1);
        auto *data = new QMimeData;
        data->setData(kMimeType, bytes);
        return data;
    }
    return nullptr;
}

std::optional<SchemaTreeModel::DragItem> SchemaTreeModel::dragItem(const QMimeData *data)
{
    if (!data || !data->hasFormat(kMimeType))
        return std::nullopt;
    QDataStream stream(data->data(kMimeType));
    int kind = 0, table = -1, column = -1;
    stream >> kind >> table >> column;
    if (stream.status() != QDataStream::Ok)
        return std::nullopt;
    return DragItem{Kind(kind), table, column};
}

bool SchemaTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const auto item = dragItem(data);
    if (!item || action != Qt::MoveAction || !parent.isValid())
        return false;
    if (item->kind == Kind::Table)
        return kindOf(parent) == Kind::Schema;
    return item->kind == Kind::Column && kindOf(parent) == Kind::Table && parent.row() == item->table;
}

bool SchemaTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!m_session || !canDropMimeData(data, action, row, column, parent))
        return false;
    const DragItem item = *dragItem(data);
    const int count = rowCount(parent);
    if (row < 0 || row > count)
        row = count; // dropped on the parent itself: to the end
    const int from = item.kind == Kind::Table ? item.table : item.column;
    if (from < 0 || from >= count)
        return false;
    // `row` counts before the move; after taking the item out, rows behind it shift up by one.
    const int to = row > from ? row - 1 : row;
    if (to == from)
        return false;
    if (item.kind == Kind::Table)
        m_session->moveTable(from, to);
    else
        m_session->moveColumn(item.table, from, to);
    // The move is done: returning false keeps the view from removing the dragged rows afterwards.
    return false;
}

void SchemaTreeModel::setProblems(const Problems &problems)
{
    const QHash<QPair<int, int>, Marks> before = m_marks;
    m_marks.clear();
    auto mark = [this](QPair<int, int> key, const Problem &problem, const QString &message) {
        Marks &marks = m_marks[key];
        if (marks.messages.isEmpty() || problem.isError())
            marks.severity = marks.messages.isEmpty() ? problem.severity
                                                      : std::min(marks.severity, problem.severity);
        marks.messages << message;
    };
    for (const Problem &problem : problems) {
        if (!m_document || problem.table >= m_document->tableCount())
            continue;
        const QString message = problem.key.isEmpty() ? problem.message : problem.key + QStringLiteral(": ") + problem.message;
        mark({problem.table, problem.column}, problem, message);
        // A table shows that one of its columns has a problem, so a collapsed tree still points at it.
        if (problem.column >= 0)
            mark({problem.table, -1}, problem,
                 m_document->column(problem.table, problem.column).name + QStringLiteral(": ") + message);
    }
    announceMarks(before);
}

void SchemaTreeModel::announceMarks(const QHash<QPair<int, int>, Marks> &before)
{
    auto announce = [this](const QPair<int, int> &key) {
        QModelIndex first;
        if (key.first < 0)
            first = schemaIndex();
        else if (key.second < 0)
            first = tableIndex(key.first);
        else
            first = columnIndex(key.first, key.second);
        if (first.isValid())
            emit dataChanged(first, first.siblingAtColumn(DetailSection));
    };
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (m_marks.value(it.key()) != it.value())
            announce(it.key());
    }
    for (auto it = m_marks.begin(); it != m_marks.end(); ++it) {
        if (!before.contains(it.key()))
            announce(it.key());
    }
}

} // namespace fabrica
