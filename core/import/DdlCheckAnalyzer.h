#pragma once

#include "DdlContext.h"

#include <optional>

namespace fabrica {

// Reads what a CHECK constraint says about one column when it is a simple range or list of values:
// col >= 0, col > 0 AND col <= 100, col BETWEEN 1 AND 5, 0 <= col, col IS NOT NULL, col IN ('a', 'b'),
// and col = ANY (ARRAY['a'::text, 'b'::text]) as pg_dump writes it, through the casts PostgreSQL adds.
class DdlCheckAnalyzer
{
public:
    struct Facts
    {
        QString column; // as the expression names it; "value" in a PostgreSQL domain
        std::optional<double> minimum;
        std::optional<double> maximum;
        bool minimumExclusive = false;
        bool maximumExclusive = false;
        std::optional<QStringList> allowedValues;
        bool notNull = false;
    };

    // The facts of the expression inside CHECK ( … ); nothing when it is anything else: two columns,
    // functions, OR, NOT, patterns, arithmetic.
    static std::optional<Facts> analyse(const DdlContext &context, const QList<SqlToken> &tokens);
    // Narrows a column by the facts: the tighter bound wins, lists of values intersect.
    static void apply(const Facts &facts, ImportedColumn &column);

    // A literal through the parentheses and casts around it, as INSERT rows and CHECK lists hold them:
    // 'a'::text, (-5), CAST('1' AS int), DATE '2024-01-01', true. Sets *isNull for NULL (and returns
    // nothing); nothing for anything else.
    static std::optional<QString> literal(const DdlContext &context, const QList<SqlToken> &tokens,
                                          bool *isNull = nullptr);
};

} // namespace fabrica
