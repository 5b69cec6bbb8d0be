#include "DdlDialectDetector.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <vector>

namespace fabrica {

namespace {

struct Mark
{
    SqlDialect dialect;
    int weight;
    const char *label; // shown in the report as it would appear in SQL, so it is not translated
    QRegularExpression pattern;
};

std::vector<Mark> makeMarks()
{
    const auto options = QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption;
    const auto mark = [&](SqlDialect dialect, int weight, const char *label, const char *pattern) {
        return Mark{dialect, weight, label, QRegularExpression(QLatin1String(pattern), options)};
    };
    const SqlDialect pg = SqlDialect::PostgreSQL;
    const SqlDialect my = SqlDialect::MySQL;
    const SqlDialect lite = SqlDialect::SQLite;
    std::vector<Mark> marks{
        mark(my, 5, "-- MySQL dump", R"(^-- (MySQL|MariaDB) dump)"),
        mark(my, 2, "backticks", R"(`)"),
        mark(my, 3, "AUTO_INCREMENT", R"(\bAUTO_INCREMENT\b)"),
        mark(my, 3, "ENGINE=", R"(\bENGINE\s*=)"),
        mark(my, 3, "/*!", R"(/\*!\d)"),
        mark(my, 2, "CHARSET=", R"(\bCHARSET\s*=)"),
        mark(my, 2, "DELIMITER", R"(^\s*DELIMITER\s)"),
        mark(my, 2, "LOCK TABLES", R"(\bLOCK\s+TABLES\b)"),
        mark(my, 1, "UNSIGNED", R"(\bUNSIGNED\b)"),
        mark(pg, 5, "-- PostgreSQL database dump", R"(^-- PostgreSQL database dump)"),
        mark(pg, 3, "SERIAL", R"(\b(BIG|SMALL)?SERIAL\b)"),
        mark(pg, 3, "$$", R"(\$\$|\$[A-Za-z_]\w*\$)"),
        mark(pg, 2, "::", R"(::)"),
        mark(pg, 3, "pg_catalog", R"(\bpg_catalog\b)"),
        mark(pg, 3, "nextval(", R"(\bnextval\s*\()"),
        mark(pg, 3, "psql commands", R"(^\\(connect|restrict|c|set|echo)\b)"),
        mark(pg, 3, "CREATE EXTENSION", R"(\bCREATE\s+EXTENSION\b)"),
        mark(pg, 3, "AS ENUM", R"(\bAS\s+ENUM\b)"),
        mark(pg, 3, "CREATE DOMAIN", R"(\bCREATE\s+DOMAIN\b)"),
        mark(pg, 3, "ALTER TABLE ONLY", R"(\bALTER\s+TABLE\s+ONLY\b)"),
        mark(pg, 2, "OWNER TO", R"(\bOWNER\s+TO\b)"),
        mark(pg, 2, "timestamptz, jsonb, bytea", R"(\b(timestamptz|jsonb|bytea|bpchar)\b)"),
        mark(lite, 3, "AUTOINCREMENT", R"(\bAUTOINCREMENT\b)"),
        mark(lite, 3, "WITHOUT ROWID", R"(\bWITHOUT\s+ROWID\b)"),
        mark(lite, 3, "PRAGMA", R"(^\s*PRAGMA\b)"),
        mark(lite, 3, "sqlite_", R"(\bsqlite_\w+)"),
        mark(lite, 2, "STRICT", R"(\)\s*STRICT\s*(,|;))"),
        mark(lite, 2, "BEGIN TRANSACTION", R"(^BEGIN TRANSACTION;)"),
        mark(lite, 1, "[names]", R"(\[[A-Za-z_][\w ]*\])"),
    };
    return marks;
}

} // namespace

DdlDialectDetector::Detected DdlDialectDetector::detect(const QString &text)
{
    static const std::vector<Mark> marks = makeMarks();
    std::array<int, 3> scores{};
    std::array<QList<const Mark *>, 3> found;
    for (const Mark &mark : marks) {
        if (!mark.pattern.match(text).hasMatch())
            continue;
        scores[std::size_t(mark.dialect)] += mark.weight;
        found[std::size_t(mark.dialect)] << &mark;
    }
    Detected detected;
    int best = 0;
    // Ties keep the earlier dialect of this order.
    for (const SqlDialect dialect : {SqlDialect::PostgreSQL, SqlDialect::MySQL, SqlDialect::SQLite}) {
        if (scores[std::size_t(dialect)] > best) {
            best = scores[std::size_t(dialect)];
            detected.dialect = dialect;
            // The strongest marks first, since a report shows only a few.
            QList<const Mark *> sorted = found[std::size_t(dialect)];
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const Mark *a, const Mark *b) { return a->weight > b->weight; });
            detected.marks.clear();
            for (const Mark *mark : sorted)
                detected.marks << QLatin1String(mark->label);
        }
    }
    return detected;
}

} // namespace fabrica
