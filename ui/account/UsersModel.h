#pragma once

#include "storage/StoredRecords.h"

#include <QAbstractTableModel>

namespace fabrica {

// The users of a storage as a table (what AuthService::users returns), with the signed-in user's row
// marked. setUsers() merges a fresh listing row by row, so that views keep their selection and scroll
// position across the reload after every change.
class UsersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { UsernameColumn, EmailColumn, RoleColumn, StateColumn, CreatedColumn, ColumnCount };
    enum DataRole {
        UserIdRole = Qt::UserRole + 1, // qint64
        IsMeRole,                      // true on the signed-in user's row
        SortRole,                      // a value that sorts as the column should (dates as dates)
    };

    explicit UsersModel(qint64 myId, QObject *parent = nullptr);

    // Updates changed rows, removes the users that are gone and appends the new ones, in their order.
    void setUsers(const QList<UserRecord> &users);
    const QList<UserRecord> &users() const { return m_users; }
    const UserRecord &user(int row) const { return m_users.at(row); }
    int rowOf(qint64 id) const;
    qint64 myId() const { return m_myId; }

    static QString roleText(Role role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static bool sameRow(const UserRecord &a, const UserRecord &b);

    qint64 m_myId = 0;
    QList<UserRecord> m_users;
};

} // namespace fabrica
