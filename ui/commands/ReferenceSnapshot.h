#pragma once

#include "model/SchemaDocument.h"

#include <QJsonValue>
#include <QList>

namespace fabrica {

// The "references" constraint of every column, taken before a rename retargets them, so undoing the
// rename restores exactly what was there (also references the rename touched by coincidence).
class ReferenceSnapshot
{
public:
    explicit ReferenceSnapshot(const SchemaDocument &document);
    // Puts back every "references" value that differs from the snapshot.
    void restore(SchemaDocument &document) const;

private:
    struct Entry
    {
        int table;
        int column;
        QJsonValue value; // Undefined when the column had none
    };
    QList<Entry> m_entries;
};

} // namespace fabrica
