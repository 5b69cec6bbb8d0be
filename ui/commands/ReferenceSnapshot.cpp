#include "ReferenceSnapshot.h"

#include "model/ConstraintKeys.h"

namespace fabrica {

ReferenceSnapshot::ReferenceSnapshot(const SchemaDocument &document)
{
    for (int t = 0; t < document.tableCount(); ++t) {
        const QList<Column> &columns = document.table(t).columns;
        for (int c = 0; c < columns.size(); ++c) {
            if (columns.at(c).constraints.contains(keys::references))
                m_entries.append({t, c, columns.at(c).constraints.value(keys::references)});
        }
    }
}

void ReferenceSnapshot::restore(SchemaDocument &document) const
{
    // Columns that had no reference may have one now only if a rename added it, which it never does;
    // so comparing the recorded columns is enough.
    for (const Entry &entry : m_entries) {
        const Column &column = document.column(entry.table, entry.column);
        if (column.constraints.value(keys::references) == entry.value)
            continue;
        QJsonObject constraints = column.constraints;
        constraints.insert(keys::references, entry.value);
        document.setColumnConstraints(entry.table, entry.column, constraints);
    }
}

} // namespace fabrica
