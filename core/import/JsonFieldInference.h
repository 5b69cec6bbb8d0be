#pragma once

#include "ColumnProfiler.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>
#include <utility>

namespace fabrica {

// Describes JSON objects as the "fields" of Fabrica's json type: one field per member (by name, as
// QJsonObject keeps them), typed by the member's values: booleans, integers or doubles, strings by
// ValueInference's rules, nested objects as json again (three levels at most).
class JsonFieldInference
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::JsonFieldInference)

public:
    using Objects = QList<std::pair<QJsonObject, qint64>>; // distinct objects and how often each occurs

    // The fields, and the members' names in members; nullopt with the reason in problem when a member
    // holds arrays or values of different kinds, or the objects are too wide or deep.
    static std::optional<QJsonObject> fields(const Objects &objects, const ProfileOptions &options, int depth,
                                             QStringList *members, QString *problem);
};

} // namespace fabrica
