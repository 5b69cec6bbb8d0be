#include "Table.h"

#include "ConstraintKeys.h"

namespace fabrica {

int Table::columnIndex(const QString &columnName) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == columnName)
            return i;
    }
    return -1;
}

const Column *Table::column(const QString &columnName) const
{
    const int index = columnIndex(columnName);
    return index < 0 ? nullptr : &columns.at(index);
}

int Table::primaryKeyColumns() const
{
    int count = 0;
    for (const Column &c : columns)
        count += c.constraints.value(keys::primaryKey).toBool() ? 1 : 0;
    return count;
}

bool Table::isUniqueOnItsOwn(const Column &column) const
{
    return column.constraints.value(keys::unique).toBool() ||
           (column.constraints.value(keys::primaryKey).toBool() && primaryKeyColumns() == 1);
}

} // namespace fabrica
