#include "StoredRecords.h"

namespace fabrica {

QString roleId(Role role)
{
    return role == Role::Admin ? QStringLiteral("admin") : QStringLiteral("user");
}

std::optional<Role> roleFromId(const QString &id)
{
    const QString lower = id.toLower();
    if (lower == QLatin1String("admin"))
        return Role::Admin;
    if (lower == QLatin1String("user"))
        return Role::User;
    return std::nullopt;
}

QString runStatusId(RunRecord::Status status)
{
    switch (status) {
    case RunRecord::Status::Queued:
        return QStringLiteral("queued");
    case RunRecord::Status::Running:
        return QStringLiteral("running");
    case RunRecord::Status::Finished:
        return QStringLiteral("finished");
    case RunRecord::Status::Failed:
        return QStringLiteral("failed");
    case RunRecord::Status::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<RunRecord::Status> runStatusFromId(const QString &id)
{
    for (const auto status :
         {RunRecord::Status::Queued, RunRecord::Status::Running, RunRecord::Status::Finished,
          RunRecord::Status::Failed, RunRecord::Status::Cancelled}) {
        if (runStatusId(status) == id)
            return status;
    }
    return std::nullopt;
}

} // namespace fabrica
