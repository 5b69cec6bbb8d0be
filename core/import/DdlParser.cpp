#include "DdlParser.h"

#include "DdlAlterReader.h"
#include "DdlCheckAnalyzer.h"
#include "DdlContext.h"
#include "DdlDialectDetector.h"
#include "DdlInsertReader.h"
#include "DdlPartitions.h"
#include "DdlTableReader.h"
#include "DdlTypeReader.h"
#include "SqlTokenizer.h"

#include <QRegularExpression>

namespace fabrica {

namespace {

// Statements a schema script holds that carry nothing for the tables: skipped with a note. Any other
// first word is not understood, and the note says so louder.
bool isKnownStatement(const SqlToken &token)
{
    return token.isAnyWord(
        {"CREATE",   "ALTER",   "DROP",     "COMMENT",    "SET",      "RESET",    "SELECT",     "GRANT",
         "REVOKE",   "BEGIN",   "START",    "COMMIT",     "END",      "ROLLBACK", "SAVEPOINT",  "RELEASE",
         "TRUNCATE", "COPY",    "PRAGMA",   "USE",        "LOCK",     "UNLOCK",   "ANALYZE",    "ANALYSE",
         "VACUUM",   "REINDEX", "CLUSTER",  "CHECKPOINT", "DO",       "CALL",     "UPDATE",     "DELETE",
         "WITH",     "VALUES",  "SHOW",     "EXPLAIN",    "REFRESH",  "SECURITY", "IMPORT",     "DECLARE",
         "NOTIFY",   "LISTEN",  "UNLISTEN", "DISCARD",    "PREPARE",  "EXECUTE",  "DEALLOCATE", "ATTACH",
         "DETACH",   "FLUSH",   "OPTIMIZE", "LOAD",       "RENAME",   "MERGE",    "ABORT",      "CLOSE",
         "FETCH",    "MOVE",    "SOURCE",   "REPAIR",     "CHECKSUM", "HANDLER",  "KILL",       "PURGE",
         "REPLACE",  "INSERT"});
}

const char *const objectKinds[] = {
    "TABLE",        "VIEW",       "FUNCTION",    "PROCEDURE",    "TRIGGER",  "SEQUENCE",
    "EXTENSION",    "SCHEMA",     "INDEX",       "TYPE",         "DOMAIN",   "RULE",
    "POLICY",       "EVENT",      "ROLE",        "USER",         "GROUP",    "DATABASE",
    "AGGREGATE",    "OPERATOR",   "CAST",        "COLLATION",    "LANGUAGE", "TABLESPACE",
    "STATISTICS",   "CONVERSION", "PUBLICATION", "SUBSCRIPTION", "SERVER",   "TRANSFORM",
    "MATERIALIZED", "FOREIGN",    "TEXT",        "ACCESS",       "COLUMN",   "CONSTRAINT"};

} // namespace

DdlParser::DdlParser(DdlContext &context, DdlTableReader &tables, DdlAlterReader &alters,
                     DdlInsertReader &inserts)
    : m_context(context)
    , m_tables(tables)
    , m_alters(alters)
    , m_inserts(inserts)
{}

DdlParser::Result DdlParser::parse(const QString &text, const QString &fileName, ImportReport &report,
                                   std::optional<SqlDialect> dialect)
{
    Result result;
    if (dialect) {
        result.dialect = *dialect;
    } else {
        const DdlDialectDetector::Detected detected = DdlDialectDetector::detect(text);
        result.dialect = detected.dialect;
        const QString name = sqlDialectName(detected.dialect);
        report.guess(
            SourceLocation{fileName, 0, 0, {}},
            detected.marks.isEmpty()
                ? tr("read as %1: nothing in the file tells its SQL dialect").arg(name)
                : tr("read as %1 (seen: %2)").arg(name, detected.marks.mid(0, 4).join(QLatin1String(", "))));
    }

    SqlTokenizer tokenizer(text, result.dialect);
    DdlContext context(tokenizer, fileName, report);
    context.cursor().setMetaCommandListener([&context, &tokenizer](const SqlToken &token) {
        const QString command = token.text.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        // psql's \copy … from stdin reads the lines after it, up to "\.", like COPY does.
        static const QRegularExpression fromStdin(QStringLiteral(R"(^\\copy\b.*\bfrom\s+stdin\b)"),
                                                  QRegularExpression::CaseInsensitiveOption);
        const bool data = fromStdin.match(token.text).hasMatch();
        if (data)
            tokenizer.skipCopyData();
        context.skipped(token, data ? tr("psql command %1 skipped, with its data").arg(command)
                                    : tr("psql command %1 skipped").arg(command));
    });
    context.cursor().setInvalidListener(
        [&context, &report](const SqlToken &token) { report.error(context.where(token), token.text); });
    DdlTableReader tables(context);
    DdlAlterReader alters(context, tables);
    DdlInsertReader inserts(context);
    DdlParser parser(context, tables, alters, inserts);
    parser.run();
    result.tables = context.tables();
    DdlPartitions::fold(result.tables, report);
    return result;
}

void DdlParser::run()
{
    SqlTokenCursor &cursor = m_context.cursor();
    // Every turn takes at least the statement's terminator, so the loop ends with the text.
    while (!cursor.atEnd()) {
        const SqlToken first = cursor.peek();
        if (first.kind == SqlToken::Kind::Terminator) {
            cursor.finishStatement();
            continue;
        }
        m_copyData = false;
        if (readStatement(first) && !cursor.atStatementEnd())
            m_context.expected(tr("';' after the %1 statement that begins at line %2")
                                   .arg(first.text.toUpper())
                                   .arg(first.line));
        cursor.finishStatement(); // after an error: resynchronise at the next ';'
        if (m_copyData)
            cursor.skipCopyData();
    }
}

bool DdlParser::readStatement(const SqlToken &first)
{
    SqlTokenCursor &cursor = m_context.cursor();
    if (first.kind != SqlToken::Kind::Word)
        return m_context.expected(tr("a statement"));
    if (first.isWord("CREATE"))
        return readCreate(first);
    if (first.isWord("ALTER") && cursor.peekWord("TABLE", 1)) {
        cursor.take();
        cursor.take();
        return m_alters.read(first);
    }
    if (first.isWord("COMMENT") && cursor.peekWord("ON", 1))
        return readComment(first);
    if (first.isWord("INSERT") || first.isWord("REPLACE"))
        return m_inserts.read(first);
    skipStatement(first);
    return true;
}

bool DdlParser::readCreate(const SqlToken &first)
{
    SqlTokenCursor &cursor = m_context.cursor();
    // Peek first: the words decide, and an unknown CREATE is skipped whole with its name in the note.
    int i = 1;
    if (cursor.peekWord("OR", i) && cursor.peekWord("REPLACE", i + 1))
        i += 2;
    if (cursor.peekWord("GLOBAL", i) || cursor.peekWord("LOCAL", i))
        ++i;
    if (cursor.peekWord("TEMP", i) || cursor.peekWord("TEMPORARY", i) || cursor.peekWord("UNLOGGED", i))
        ++i;
    const bool unique = cursor.peekWord("UNIQUE", i);
    const SqlToken kind = cursor.peek(unique ? i + 1 : i);
    const bool table = kind.isWord("TABLE") && !unique;
    const bool index = kind.isWord("INDEX") && unique;
    const bool type = kind.isWord("TYPE") && !unique;
    const bool domain = kind.isWord("DOMAIN") && !unique;
    if (!table && !index && !type && !domain) {
        skipStatement(first);
        return true;
    }
    const QString name = title();
    const int kindAt = unique ? i + 1 : i;
    for (int taken = 0; taken <= kindAt; ++taken)
        cursor.take(); // CREATE … up to and including the kind
    if (table)
        return m_tables.readCreateTable(first);
    if (index)
        return readCreateIndex(first, name);
    if (type)
        return readCreateType(first, name);
    return readCreateDomain();
}

bool DdlParser::readCreateType(const SqlToken &first, const QString &title)
{
    SqlTokenCursor &cursor = m_context.cursor();
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a type name after CREATE TYPE"));
    if (!name)
        return false;
    if (!cursor.acceptWords({"AS", "ENUM"})) {
        skipRest(first, title); // composite, range and base types
        return true;
    }
    if (!cursor.acceptSymbol("("))
        return m_context.expected(tr("'(' and the values of enum %1").arg(name->last()));
    QStringList values;
    if (!cursor.acceptSymbol(")")) {
        for (;;) {
            if (cursor.peek().kind != SqlToken::Kind::String)
                return m_context.expected(tr("a string among the values of enum %1").arg(name->last()));
            values << cursor.take().text;
            if (cursor.acceptSymbol(","))
                continue;
            if (cursor.acceptSymbol(")"))
                break;
            return m_context.expected(tr("',' or ')' after a value of enum %1").arg(name->last()));
        }
    }
    m_context.addEnum(name->last(), values);
    return true;
}

bool DdlParser::readCreateDomain()
{
    SqlTokenCursor &cursor = m_context.cursor();
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a domain name after CREATE DOMAIN"));
    if (!name)
        return false;
    cursor.acceptWord("AS");
    ImportedColumn domain;
    domain.name = name->last();
    domain.where = m_context.where(name->first, domain.name);
    if (!DdlTypeReader::read(m_context, domain, tr("domain %1").arg(domain.name)))
        return false;
    while (!cursor.atStatementEnd()) {
        const SqlToken token = cursor.peek();
        if (cursor.acceptWord("CONSTRAINT")) {
            if (!m_context.readName(tr("a constraint name in domain %1").arg(domain.name)))
                return false;
        } else if (cursor.acceptWords({"NOT", "NULL"})) {
            domain.notNull = true;
        } else if (cursor.acceptWord("NULL") || cursor.acceptWords({"NOT", "VALID"})) {
        } else if (cursor.acceptWord("DEFAULT")) {
            const QString expression = m_context.readExpression();
            if (expression.isEmpty())
                return m_context.expected(tr("a value after DEFAULT in domain %1").arg(domain.name));
            DdlTableReader::setDefault(domain, expression);
        } else if (cursor.acceptWord("COLLATE")) {
            if (!m_context.readQualifiedName(tr("a collation after COLLATE in domain %1").arg(domain.name)))
                return false;
        } else if (cursor.acceptWord("CHECK")) {
            const std::optional<QList<SqlToken>> tokens =
                m_context.readGroup(tr("the CHECK of domain %1").arg(domain.name));
            if (!tokens)
                return false;
            const std::optional<DdlCheckAnalyzer::Facts> facts =
                DdlCheckAnalyzer::analyse(m_context, *tokens);
            if (facts && m_context.sameName(facts->column, QStringLiteral("value"))) {
                DdlCheckAnalyzer::apply(*facts, domain);
            } else {
                const QString text =
                    tokens->isEmpty() ? QString() : cursor.text(tokens->first(), tokens->last());
                m_context.skipped(token,
                                  tr("CHECK (%1) of domain %2 skipped: not a simple range or list of values")
                                      .arg(DdlContext::shortened(text), domain.name));
            }
        } else {
            return m_context.expected(tr("NOT NULL, DEFAULT or CHECK in domain %1").arg(domain.name));
        }
    }
    m_context.addDomain(domain.name, domain);
    return true;
}

bool DdlParser::readCreateIndex(const SqlToken &first, const QString &title)
{
    SqlTokenCursor &cursor = m_context.cursor();
    cursor.acceptWord("CONCURRENTLY");
    cursor.acceptWords({"IF", "NOT", "EXISTS"});
    QString indexName;
    if (!cursor.peekWord("ON")) {
        const std::optional<DdlContext::Name> name =
            m_context.readQualifiedName(tr("an index name after CREATE UNIQUE INDEX"));
        if (!name)
            return false;
        indexName = name->last();
    }
    if (cursor.acceptWord("USING"))
        cursor.take(); // MySQL: CREATE UNIQUE INDEX i USING BTREE ON t (…)
    if (!cursor.acceptWord("ON"))
        return m_context.expected(tr("ON after CREATE UNIQUE INDEX %1").arg(indexName));
    cursor.acceptWord("ONLY");
    const std::optional<DdlContext::Name> table = m_context.readQualifiedName(tr("a table name after ON"));
    if (!table)
        return false;
    if (cursor.acceptWord("USING"))
        cursor.take();
    bool expressions = false;
    const std::optional<QStringList> columns =
        m_context.readColumnList(tr("the unique index %1").arg(indexName), &expressions);
    if (!columns)
        return false;
    bool partial = false;
    while (!cursor.atStatementEnd()) {
        if (cursor.acceptWord("WHERE"))
            partial = true;
        else
            cursor.skipItem(); // INCLUDE (…), NULLS NOT DISTINCT, WITH (…), TABLESPACE …
    }
    if (expressions) {
        m_context.skipped(first, tr("%1 skipped: an index on expressions, not on columns").arg(title));
        return true;
    }
    const int index = m_context.findTable(*table);
    if (index < 0) {
        m_context.warning(first, tr("%1 skipped: no table %2 in this file").arg(title, table->last()));
        return true;
    }
    m_tables.applyUnique(m_context.tables()[index], *columns, first);
    if (partial)
        m_context.guess(first, tr("%1 has a WHERE clause; kept as a unique key on (%2) over all rows")
                                   .arg(title, columns->join(QLatin1String(", "))));
    return true;
}

bool DdlParser::readComment(const SqlToken &first)
{
    SqlTokenCursor &cursor = m_context.cursor();
    const QString name = title();
    cursor.take(); // COMMENT
    cursor.take(); // ON
    const bool onTable = cursor.acceptWord("TABLE");
    if (!onTable && !cursor.acceptWord("COLUMN")) {
        skipRest(first, name); // COMMENT ON EXTENSION, FUNCTION, SCHEMA, …
        return true;
    }
    const std::optional<DdlContext::Name> target = m_context.readQualifiedName(
        onTable ? tr("a table name after COMMENT ON TABLE") : tr("table.column after COMMENT ON COLUMN"));
    if (!target)
        return false;
    if (!cursor.acceptWord("IS"))
        return m_context.expected(tr("IS after %1").arg(name));
    QString text;
    if (cursor.peek().kind == SqlToken::Kind::String)
        text = cursor.take().text;
    else if (!cursor.acceptWord("NULL"))
        return m_context.expected(tr("a string or NULL after IS"));
    QStringList tableParts = target->parts;
    if (!onTable) {
        if (tableParts.size() < 2) {
            m_context.error(target->first,
                            tr("COMMENT ON COLUMN needs table.column, not %1").arg(target->last()));
            return false;
        }
        tableParts.removeLast();
    }
    const int index = m_context.findTable(tableParts);
    if (index < 0) {
        m_context.warning(first, tr("%1 skipped: no table %2 in this file").arg(name, tableParts.last()));
        return true;
    }
    ImportedTable &table = m_context.tables()[index];
    if (onTable) {
        table.comment = text;
        return true;
    }
    const int column = m_context.findColumn(table, target->last());
    if (column < 0) {
        m_context.warning(first, tr("%1 skipped: %2 has no column %3").arg(name, table.name, target->last()));
        return true;
    }
    table.columns[column].comment = text;
    return true;
}

void DdlParser::skipStatement(const SqlToken &first)
{
    const QString name = title();
    if (!isKnownStatement(first)) {
        m_context.cursor().skipToStatementEnd();
        m_context.warning(first, tr("%1 not understood; skipped").arg(name));
        return;
    }
    skipRest(first, name);
}

void DdlParser::skipRest(const SqlToken &first, const QString &title)
{
    SqlTokenCursor &cursor = m_context.cursor();
    // Bodies with their own ';': BEGIN … END in SQLite and MySQL triggers and routines and in
    // PostgreSQL's BEGIN ATOMIC, and the parenthesised actions of PostgreSQL rules.
    const bool blocks = m_titleKind == QLatin1String("FUNCTION") ||
                        m_titleKind == QLatin1String("PROCEDURE") ||
                        m_titleKind == QLatin1String("TRIGGER") || m_titleKind == QLatin1String("EVENT");
    const bool rule = m_titleKind == QLatin1String("RULE");
    const bool copy = first.isWord("COPY");
    qsizetype depth = 0;
    qsizetype open = 0; // BEGIN and CASE not yet closed by END
    bool afterFrom = false;
    for (;;) {
        const SqlToken token = cursor.peek();
        if (token.kind == SqlToken::Kind::End)
            break;
        if (token.kind == SqlToken::Kind::Terminator) {
            if (open == 0 && (!rule || depth == 0))
                break;
            cursor.finishStatement(); // a ';' inside the body
            continue;
        }
        if (token.isSymbol("("))
            ++depth;
        else if (token.isSymbol(")") && depth > 0)
            --depth;
        cursor.take();
        if (blocks && depth == 0) {
            if (token.isWord("BEGIN") || token.isWord("CASE")) {
                ++open;
            } else if (token.isWord("END") && open > 0) {
                // END IF, END LOOP … close what was never counted; END CASE closes a CASE.
                if (cursor.peek().isAnyWord({"IF", "LOOP", "WHILE", "REPEAT"})) {
                    cursor.take();
                } else {
                    cursor.acceptWord("CASE");
                    --open;
                }
            }
        }
        if (copy && afterFrom && token.isWord("STDIN"))
            m_copyData = true;
        afterFrom = token.isWord("FROM");
    }
    if (cursor.atEnd() && open > 0)
        m_context.warning(first,
                          tr("%1: its BEGIN has no END, so the rest of the file was skipped").arg(title));
    m_context.skipped(first,
                      m_copyData ? tr("%1 skipped, with its data").arg(title) : tr("%1 skipped").arg(title));
}

QString DdlParser::title()
{
    SqlTokenCursor &cursor = m_context.cursor();
    constexpr int reach = 16;
    const SqlToken first = cursor.peek();
    // Keywords read best in capitals; a word that is no statement stays as written.
    QString text = isKnownStatement(first) ? first.text.toUpper() : first.text;
    m_titleKind.clear();
    int next = 1;
    if (first.isAnyWord({"CREATE", "ALTER", "DROP", "COMMENT"})) {
        if (first.isWord("COMMENT"))
            text += QLatin1String(" ON");
        for (int i = 1; i < reach && !cursor.peek(i).isStatementEnd(); ++i) {
            const SqlToken token = cursor.peek(i);
            if (token.isWord("UNIQUE") && cursor.peekWord("INDEX", i + 1))
                text += QLatin1String(" UNIQUE");
            bool kind = false;
            for (const char *objectKind : objectKinds)
                kind = kind || token.isWord(objectKind);
            if (token.isWord("DEFAULT") && cursor.peekWord("PRIVILEGES", i + 1))
                kind = true; // ALTER DEFAULT PRIVILEGES
            if (!kind)
                continue;
            m_titleKind = token.text.toUpper();
            text += QLatin1Char(' ') + m_titleKind;
            next = i + 1;
            // Two-word kinds: MATERIALIZED VIEW, FOREIGN TABLE, TEXT SEARCH, DEFAULT PRIVILEGES, …
            if (token.isAnyWord({"MATERIALIZED", "FOREIGN", "TEXT", "DEFAULT", "EVENT", "ACCESS", "USER"}) &&
                cursor.peek(next).kind == SqlToken::Kind::Word) {
                text += QLatin1Char(' ') + cursor.peek(next).text.toUpper();
                ++next;
            }
            break;
        }
        if (m_titleKind.isEmpty())
            return text;
        if (cursor.peekWord("CONCURRENTLY", next))
            ++next;
        if (cursor.peekWord("IF", next))
            next += cursor.peekWord("NOT", next + 1) ? 3 : 2;
        if (cursor.peekWord("ON", next))
            return text; // CREATE INDEX ON t (…): no name of its own
    }
    // The object's name, as written, schema included; MySQL's variables too: SET @saved_cs_client.
    const int start = next;
    while (cursor.peekSymbol("@", next) && next < start + 2)
        ++next;
    const SqlToken name = cursor.peek(next);
    if (name.kind != SqlToken::Kind::Word && name.kind != SqlToken::Kind::QuotedName)
        return text;
    int last = next;
    while (cursor.peekSymbol(".", last + 1) && m_context.isName(cursor.peek(last + 2)) && last < reach)
        last += 2;
    return text + QLatin1Char(' ') + cursor.text(cursor.peek(start), cursor.peek(last));
}

} // namespace fabrica
