#pragma once

#include "SqlDialect.h"

#include <span>
#include <string_view>

namespace fabrica {

// The words each dialect reserves, lower-case ASCII, sorted bytewise for binary search.
// PostgreSQL 15: "reserved" and "reserved (can be function or type)" from Appendix C (pg_get_keywords()
// catcodes R and T). MySQL 8.0: the words marked (R) in "Keywords and Reserved Words in MySQL 8.0".
// SQLite: every keyword of lang_keywords.html (SQLite 3.40, sqlite3_keyword_name()).
std::span<const std::string_view> sqlReservedWords(SqlDialect dialect);

} // namespace fabrica
