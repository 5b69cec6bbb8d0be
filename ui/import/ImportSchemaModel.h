#pragma once

#include "model/Schema.h"

#include <QStandardItemModel>

namespace fabrica {

// The schemas an import made, read-only, as schema → table (rows, columns) → column (type and key), for
// a look before they are stored.
class ImportSchemaModel : public QStandardItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, DetailsColumn };

    explicit ImportSchemaModel(QObject *parent = nullptr);

    void setSchemas(const QList<Schema> &schemas);
    // "email, unique", "integer → customers.id", "sequence, primary key": a column's type and its key.
    static QString columnDetails(const fabrica::Column &column);
};

} // namespace fabrica
