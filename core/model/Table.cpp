#include "Table.h"

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

} // namespace fabrica
