#include "UsersModel.h"

#include <QFont>
#include <QHash>
#include <QLocale>
#include <QSet>

namespace fabrica {

UsersModel::UsersModel(qint64 myId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_myId(myId)
{}

int UsersModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users[row].id == id)
            return row;
    }
    return -1;
}

// Only what the table shows or a decision of the dialog depends on; a changed token version alone
// (a sign-out elsewhere) is no reason to repaint a row.
bool UsersModel::sameRow(const UserRecord &a, const UserRecord &b)
{
    return a.username == b.username && a.email == b.email && a.role == b.role && a.disabled == b.disabled &&
           a.created == b.created && a.lockedUntil == b.lockedUntil && a.failedAttempts == b.failedAttempts;
}

void UsersModel::setUsers(const QList<UserRecord> &users)
{
    QHash<qint64, int> fresh; // id → index in users
    for (int i = 0; i < users.size(); ++i)
        fresh.insert(users[i].id, i);

    // Gone: removed from the bottom up, so the rows above keep their numbers.
    for (int row = m_users.size() - 1; row >= 0; --row) {
        if (fresh.contains(m_users[row].id))
            continue;
        beginRemoveRows({}, row, row);
        m_users.removeAt(row);
        endRemoveRows();
    }
    // Still there: replaced, and repainted where something shown changed.
    QSet<qint64> known;
    for (int row = 0; row < m_users.size(); ++row) {
        const UserRecord &now = users[fresh.value(m_users[row].id)];
        known.insert(now.id);
        const bool changed = !sameRow(m_users[row], now);
        m_users[row] = now;
        if (changed)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // New: appended in the listing's order.
    QList<UserRecord> added;
    for (const UserRecord &user : users) {
        if (!known.contains(user.id))
            added << user;
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, m_users.size(), m_users.size() + added.size() - 1);
        m_users << added;
        endInsertRows();
    }
}

QString UsersModel::roleText(Role role)
{
    return role == Role::Admin ? tr("Administrator") : tr("User");
}

int UsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserRecord &user = m_users[index.row()];
    const bool me = user.id == m_myId;
    const bool locked = user.lockedUntil.isValid() && user.lockedUntil > QDateTime::currentDateTimeUtc();
    switch (role) {
    case UserIdRole:
        return user.id;
    case IsMeRole:
        return me;
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(index.column())) {
        case UsernameColumn:
            // The signed-in user's own row says so in words, not only in bold.
            return me && role == Qt::DisplayRole ? tr("%1 (you)").arg(user.username) : user.username;
        case EmailColumn:
            return user.email;
        case RoleColumn:
            return roleText(user.role);
        case StateColumn:
            if (user.disabled)
                return tr("Disabled");
            return locked ? tr("Paused") : tr("Enabled");
        case CreatedColumn:
            if (role == SortRole)
                return user.created;
            return QLocale().toString(user.created.toLocalTime(), QLocale::ShortFormat);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UsernameColumn && me)
            return tr("You are signed in as this user.");
        if (index.column() == StateColumn) {
            if (user.disabled)
                return tr("This user cannot sign in until an administrator enables the account again.");
            if (locked)
                return tr("Sign-in pauses after %n failed attempt(s) until %1; a password reset ends the "
                          "pause.",
                          nullptr, user.failedAttempts)
                    .arg(QLocale().toString(user.lockedUntil.toLocalTime(), QLocale::ShortFormat));
        }
        break;
    case Qt::FontRole:
        if (me) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case UsernameColumn:
        return tr("User Name");
    case EmailColumn:
        return tr("E-mail");
    case RoleColumn:
        return tr("Role");
    case StateColumn:
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace fabrica
