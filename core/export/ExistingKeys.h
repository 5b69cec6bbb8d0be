#pragma once

#include "common/Result.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

class Database;

// Appending into tables that already hold rows (a dump loaded with its data, an application's own rows):
// a generated integer key 1..N would collide with the keys there. This moves every single-column integer key
// of a table that exists in the target past the largest key it holds, before the plan is compiled; foreign
// keys compute their parents' keys from the same generators, so they follow. Tables the target lacks, and
// empty ones, are left alone.
class ExistingKeys
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ExistingKeys)

public:
    struct Moved
    {
        Schema schema;
        QStringList notes; // "orders.id starts at 501 (after the target's rows)", for the summary and log
    };

    // pgSchema: PostgreSQL's target schema (empty: the search_path's).
    static Result<Moved> continueAfter(const Schema &schema, Database &database, const QString &pgSchema);
};

} // namespace fabrica
