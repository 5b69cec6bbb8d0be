#pragma once

#include "generate/Plan.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fabrica {

// Values in the forms MySQL and MariaDB take, for the MySQL SQL script (SqlSink) and the MySQL target
// (MysqlTargetSink) alike. Most generated text is taken as written; a timestamptz is not: MySQL's DATETIME
// has no time zone and refuses "2021-06-14 16:35:07+02:00", and TIMESTAMP, which converts, ends in 2038.
// Such values become UTC wall-clock time for a DATETIME(6) column (the registry's MySQL type), which holds
// years 1000 to 9999; the sessions Fabrica opens use time_zone '+00:00' to match. A timestamp whose format
// carries an offset is converted alike.
class MysqlValueForm
{
public:
    enum class Kind : std::uint8_t {
        AsIs,        // taken as written
        UtcDateTime, // a date-time with an offset, written as UTC "YYYY-MM-DD HH:MM:SS[.ffffff]"
    };

    // The form of every column of a plan's table, from the column's type (a foreign key's from the column it
    // references).
    static std::vector<Kind> forTable(const Plan &plan, int table);
    // The form for a registry type id.
    static Kind forType(const QString &typeId);

    // value as MySQL takes it: the value itself, or the rewritten text in scratch. Text that is not a
    // date-time with an offset (a custom format) is returned as written, and the server names it.
    static std::string_view rewrite(Kind kind, std::string_view value, std::string &scratch);
    // "2021-06-14 16:35:07.25+02:00", "2021-06-14T14:35:07Z", "…-0330" → "2021-06-14 14:35:07.25" (UTC);
    // false when value has no such form (no offset, another format).
    static bool utcDateTime(std::string_view value, std::string &out);
};

} // namespace fabrica
