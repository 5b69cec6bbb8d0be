#pragma once

#include "common/Error.h"
#include "storage/StoredRecords.h"
#include "storage/StoredSchema.h"
#include "validate/Problem.h"

#include <QJsonObject>

namespace fabrica {

// The JSON of the stored records the API answers with, one shape per record on every route.
class ApiJson
{
public:
    static QJsonObject user(const UserRecord &user);
    static QJsonObject schema(const SchemaRecord &schema);
    // A table or column object as the schema document holds it, plus "id", its parent's id and its
    // "position" (0-based); a table's columns carry their "id" too.
    static QJsonObject table(const StoredSchema &schema, int table);
    static QJsonObject column(const StoredSchema &schema, int table, int column);
    static QJsonObject sample(qint64 id, const QString &value);
    // A validation problem: severity, message, path, and where it is: the JSON pointer (with line and
    // column, when where has them, in GET /schemas/{id}/document's text), the constraint key, and the ids
    // of its table and column.
    static QJsonObject problem(const Problem &problem, const StoredSchema &schema,
                               const SourceLocation &where);
};

} // namespace fabrica
