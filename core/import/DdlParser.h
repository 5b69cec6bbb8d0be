#pragma once

#include "ImportReport.h"
#include "ImportedDefinitions.h"
#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace fabrica {

class DdlContext;
class DdlTableReader;
class DdlAlterReader;
class DdlInsertReader;
struct SqlToken;

// Reads an SQL script in the PostgreSQL, MySQL or SQLite dialect (pg_dump, mysqldump and sqlite3
// .schema/.dump output included) into table definitions. CREATE TABLE, ALTER TABLE … ADD, CREATE TYPE …
// AS ENUM, CREATE DOMAIN, CREATE UNIQUE INDEX, COMMENT ON and INSERT … VALUES (as samples) are
// understood; every other statement is skipped with a note. A malformed statement gets an error line
// with file:line:column, and reading goes on after its ';'.
class DdlParser
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlParser)

public:
    struct Result
    {
        QList<ImportedTable> tables; // in file order; later ALTER TABLEs are folded into them
        SqlDialect dialect = SqlDialect::PostgreSQL;
    };

    // dialect: as told, or detected from the text when not given (reported as a guess). fileName is
    // the file or archive entry the report lines point into.
    static Result parse(const QString &text, const QString &fileName, ImportReport &report,
                        std::optional<SqlDialect> dialect = std::nullopt);

private:
    DdlParser(DdlContext &context, DdlTableReader &tables, DdlAlterReader &alters, DdlInsertReader &inserts);

    void run();
    bool readStatement(const SqlToken &first);
    bool readCreate(const SqlToken &first);
    bool readCreateType(const SqlToken &first, const QString &title);
    bool readCreateDomain();
    bool readCreateIndex(const SqlToken &first, const QString &title);
    bool readComment(const SqlToken &first);
    void skipStatement(const SqlToken &first);
    // Steps over the rest of the statement, bodies with their own ';' included, and notes it.
    void skipRest(const SqlToken &first, const QString &title);
    // "CREATE FUNCTION public.f", "SET search_path", "GRANT SELECT": how a note names the statement at
    // the cursor. Sets m_titleKind to its kind of object ("FUNCTION"), if any.
    QString title();

    DdlContext &m_context;
    DdlTableReader &m_tables;
    DdlAlterReader &m_alters;
    DdlInsertReader &m_inserts;
    bool m_copyData = false; // the statement just read was COPY … FROM stdin: its data follows
    QString m_titleKind;
};

} // namespace fabrica
