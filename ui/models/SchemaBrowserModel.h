#pragma once

#include "storage/StoredRecords.h"

#include <QAbstractItemModel>
#include <QPointer>

namespace fabrica {

class SchemaSession;

// The schema browser: two groups, the schemas open in the window (files, stored or new) and the
// schemas in storage the signed-in user may see (an Admin sees everyone's, with the owner).
class SchemaBrowserModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Group { OpenGroup, StoredGroup, GroupCount };
    enum Section { NameSection, TablesSection, OwnerSection, SectionCount };
    enum Role { SessionRole = Qt::UserRole + 1, StoredIdRole };

    explicit SchemaBrowserModel(QObject *parent = nullptr);

    void addSession(SchemaSession *session);
    void removeSession(SchemaSession *session);
    void setStored(const QList<SchemaRecord> &records);
    const QList<SchemaRecord> &stored() const { return m_stored; }
    void setShowOwners(bool show);

    QModelIndex groupIndex(Group group) const;
    QModelIndex sessionIndex(SchemaSession *session) const;
    QModelIndex storedIndex(qint64 id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    // Internal ids: groups 0, open schemas 1, stored schemas 2.
    static constexpr quintptr kGroupId = 0;
    static constexpr quintptr kOpenId = 1;
    static constexpr quintptr kStoredId = 2;

    QVariant sessionData(const SchemaSession *session, int section, int role) const;
    QVariant storedData(const SchemaRecord &record, int section, int role) const;

    QList<QPointer<SchemaSession>> m_sessions;
    QList<SchemaRecord> m_stored;
    bool m_showOwners = false;
};

} // namespace fabrica
