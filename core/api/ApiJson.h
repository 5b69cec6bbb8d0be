#pragma once

#include "storage/StoredRecords.h"

#include <QJsonObject>

namespace fabrica {

// The JSON of the stored records the API answers with, one shape per record on every route.
class ApiJson
{
public:
    static QJsonObject user(const UserRecord &user);
    static QJsonObject schema(const SchemaRecord &schema);
};

} // namespace fabrica
