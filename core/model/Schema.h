#pragma once

#include "Table.h"

#include <QDateTime>

namespace fabrica {

// A schema: a named set of tables that are generated together.
struct Schema
{
    QString name;
    QString description;
    QString owner;
    QDateTime created; // UTC; invalid when unknown
    QString locale;    // default locale of the schema's generators; empty = en_US
    QList<Table> tables;

    int tableIndex(const QString &name) const;
    const Table *table(const QString &name) const;

    bool operator==(const Schema &) const = default;
};

} // namespace fabrica
