#include "SchemaBrowserModel.h"

#include "Icons.h"
#include "session/SchemaSession.h"

#include <QFont>
#include <QLocale>

namespace fabrica {

SchemaBrowserModel::SchemaBrowserModel(QObject *parent) : QAbstractItemModel(parent) {}

void SchemaBrowserModel::addSession(SchemaSession *session)
{
    const int row = int(m_sessions.size());
    beginInsertRows(groupIndex(OpenGroup), row, row);
    m_sessions.append(session);
    endInsertRows();
    auto changed = [this, session] {
        const QModelIndex index = sessionIndex(session);
        if (index.isValid())
            emit dataChanged(index, index.siblingAtColumn(SectionCount - 1));
    };
    connect(session, &SchemaSession::dirtyChanged, this, changed);
    connect(session, &SchemaSession::originChanged, this, changed);
    connect(session->document(), &SchemaDocument::propertiesChanged, this, changed);
    connect(session->document(), &SchemaDocument::tableInserted, this, changed);
    connect(session->document(), &SchemaDocument::tableRemoved, this, changed);
}

void SchemaBrowserModel::removeSession(SchemaSession *session)
{
    const int row = int(m_sessions.indexOf(session));
    if (row < 0)
        return;
    disconnect(session, nullptr, this, nullptr);
    disconnect(session->document(), nullptr, this, nullptr);
    beginRemoveRows(groupIndex(OpenGroup), row, row);
    m_sessions.removeAt(row);
    endRemoveRows();
}

void SchemaBrowserModel::setStored(const QList<SchemaRecord> &records)
{
    const QModelIndex group = groupIndex(StoredGroup);
    if (!m_stored.isEmpty()) {
        beginRemoveRows(group, 0, int(m_stored.size()) - 1);
        m_stored.clear();
        endRemoveRows();
    }
    if (records.isEmpty())
        return;
    beginInsertRows(group, 0, int(records.size()) - 1);
    m_stored = records;
    endInsertRows();
}

void SchemaBrowserModel::setShowOwners(bool show)
{
    if (show == m_showOwners)
        return;
    m_showOwners = show;
    emit headerDataChanged(Qt::Horizontal, OwnerSection, OwnerSection);
    if (!m_stored.isEmpty())
        emit dataChanged(index(0, OwnerSection, groupIndex(StoredGroup)),
                         index(int(m_stored.size()) - 1, OwnerSection, groupIndex(StoredGroup)));
}

QModelIndex SchemaBrowserModel::groupIndex(Group group) const
{
    return createIndex(int(group), 0, kGroupId);
}

QModelIndex SchemaBrowserModel::sessionIndex(SchemaSession *session) const
{
    const int row = int(m_sessions.indexOf(session));
    return row < 0 ? QModelIndex() : createIndex(row, 0, kOpenId);
}

QModelIndex SchemaBrowserModel::storedIndex(qint64 id) const
{
    for (int row = 0; row < m_stored.size(); ++row) {
        if (m_stored.at(row).id == id)
            return createIndex(row, 0, kStoredId);
    }
    return {};
}

QModelIndex SchemaBrowserModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= SectionCount)
        return {};
    if (!parent.isValid())
        return row < GroupCount ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return {};
    if (parent.row() == OpenGroup)
        return row < m_sessions.size() ? createIndex(row, column, kOpenId) : QModelIndex();
    return row < m_stored.size() ? createIndex(row, column, kStoredId) : QModelIndex();
}

QModelIndex SchemaBrowserModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return groupIndex(child.internalId() == kOpenId ? OpenGroup : StoredGroup);
}

int SchemaBrowserModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    return parent.row() == OpenGroup ? int(m_sessions.size()) : int(m_stored.size());
}

int SchemaBrowserModel::columnCount(const QModelIndex &) const
{
    return SectionCount;
}

QVariant SchemaBrowserModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    switch (index.internalId()) {
    case kGroupId:
        if (index.column() != NameSection)
            return {};
        if (role == Qt::DisplayRole)
            return index.row() == OpenGroup ? tr("Open (%1)").arg(m_sessions.size())
                                            : tr("In storage (%1)").arg(m_stored.size());
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role == Qt::DecorationRole)
            return Icons::get(index.row() == OpenGroup ? QStringLiteral("file") : QStringLiteral("database"));
        return {};
    case kOpenId:
        if (index.row() < m_sessions.size() && m_sessions.at(index.row()))
            return sessionData(m_sessions.at(index.row()), index.column(), role);
        return {};
    default:
        if (index.row() < m_stored.size())
            return storedData(m_stored.at(index.row()), index.column(), role);
        return {};
    }
}

QVariant SchemaBrowserModel::sessionData(const SchemaSession *session, int section, int role) const
{
    if (role == SessionRole)
        return QVariant::fromValue(static_cast<QObject *>(const_cast<SchemaSession *>(session)));
    if (role == StoredIdRole)
        return session->storedId();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameSection:
            return session->isDirty() ? session->displayName() + QStringLiteral(" •") : session->displayName();
        case TablesSection:
            return QLocale().toString(session->document()->tableCount());
        case OwnerSection:
            return m_showOwners ? session->storedOwner() : QString();
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (session->origin()) {
        case SchemaSession::Origin::File:
            return session->filePath();
        case SchemaSession::Origin::Stored:
            return tr("Stored schema #%1").arg(session->storedId());
        case SchemaSession::Origin::Unsaved:
            return tr("Not saved yet");
        }
    }
    if (role == Qt::DecorationRole && section == NameSection)
        return Icons::get(QStringLiteral("schema"));
    return {};
}

QVariant SchemaBrowserModel::storedData(const SchemaRecord &record, int section, int role) const
{
    if (role == StoredIdRole)
        return record.id;
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameSection:
            return record.name;
        case TablesSection:
            return QLocale().toString(record.tables);
        case OwnerSection:
            return m_showOwners ? record.owner : QString();
        }
    }
    if (role == Qt::ToolTipRole)
        return record.description.isEmpty() ? record.name : record.description;
    if (role == Qt::DecorationRole && section == NameSection)
        return Icons::get(QStringLiteral("schema"));
    return {};
}

QVariant SchemaBrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameSection:
        return tr("Schema");
    case TablesSection:
        return tr("Tables");
    case OwnerSection:
        return m_showOwners ? tr("Owner") : QString();
    }
    return {};
}

Qt::ItemFlags SchemaBrowserModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kGroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace fabrica
