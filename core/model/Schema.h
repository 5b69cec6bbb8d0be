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
    // The day generated data is "now": date defaults end here, so output never depends on the clock.
    // Invalid when unset; then effectiveReferenceDate() falls back to created's date or a constant. Last,
    // so brace-initialised schemas of the earlier members keep working.
    QDate referenceDate;

    // The constant used when neither referenceDate nor created is set (documented in schema-format.md).
    static QDate fallbackReferenceDate() { return QDate(2026, 1, 1); }
    // referenceDate, else the UTC date of created, else fallbackReferenceDate(): never today.
    QDate effectiveReferenceDate() const;

    int tableIndex(const QString &name) const;
    const Table *table(const QString &name) const;

    bool operator==(const Schema &) const = default;
};

} // namespace fabrica
