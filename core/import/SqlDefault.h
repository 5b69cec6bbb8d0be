#pragma once

#include <QString>

#include <optional>

namespace fabrica {

// What a column's SQL DEFAULT expression says about its values, as far as the import can tell from the
// text alone: a number literal (in any of the casts and parentheses pg_dump wraps it in) or "the current
// moment" (now(), CURRENT_TIMESTAMP …). Anything else says nothing.
class SqlDefault
{
public:
    // "3", "4.99", "(3)::smallint", "'4.99'::numeric", "-1.5"; nullopt for anything that is not one number.
    static std::optional<double> number(const QString &expression);
    // now(), CURRENT_TIMESTAMP[(p)], CURRENT_DATE, LOCALTIMESTAMP, 'now'::timestamp, (now() AT TIME ZONE
    // 'utc'), getdate(), SYSDATE, datetime('now') …
    static bool isCurrentMoment(const QString &expression);
};

} // namespace fabrica
