#include "Schema.h"

namespace fabrica {

QDate Schema::effectiveReferenceDate() const
{
    if (referenceDate.isValid())
        return referenceDate;
    if (created.isValid())
        return created.toUTC().date();
    return fallbackReferenceDate();
}

int Schema::tableIndex(const QString &tableName) const
{
    for (int i = 0; i < tables.size(); ++i) {
        if (tables.at(i).name == tableName)
            return i;
    }
    return -1;
}

const Table *Schema::table(const QString &tableName) const
{
    const int index = tableIndex(tableName);
    return index < 0 ? nullptr : &tables.at(index);
}

} // namespace fabrica
