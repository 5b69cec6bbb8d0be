#include "DdlTableReader.h"

#include "DdlCheckAnalyzer.h"
#include "DdlTypeReader.h"

#include <QRegularExpression>

namespace fabrica {

namespace {

QString path(const ImportedTable &table, const QString &column = {})
{
    return column.isEmpty() ? table.name : table.name + QLatin1Char('.') + column;
}

} // namespace

DdlTableReader::DdlTableReader(DdlContext &context)
    : m_context(context)
    , m_cursor(context.cursor())
{}

void DdlTableReader::setDefault(ImportedColumn &column, const QString &expression)
{
    column.defaultValue = expression;
    if (expression.startsWith(QLatin1String("nextval"), Qt::CaseInsensitive))
        column.autoIncrement = true;
    // A default the database computes per row; a constant default is data like any other value.
    static const QRegularExpression volatileDefault(
        QStringLiteral(R"(^\s*(nextval|now|clock_timestamp|statement_timestamp|transaction_timestamp|)"
                       R"(timeofday|random|gen_random_uuid|uuid_generate_v[14]|uuid|current_timestamp|)"
                       R"(current_date|current_time|localtimestamp|localtime|unix_timestamp|sysdate)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    if (column.databaseGenerated.isEmpty() || column.databaseGenerated == QLatin1String("default"))
        column.databaseGenerated =
            volatileDefault.match(expression).hasMatch() ? QStringLiteral("default") : QString();
}

bool DdlTableReader::readCreateTable(const SqlToken &first)
{
    const bool ifNotExists = m_cursor.acceptWords({"IF", "NOT", "EXISTS"});
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a table name after CREATE TABLE"));
    if (!name)
        return false;
    ImportedTable table;
    table.name = name->last();
    table.sqlSchema = name->qualifier();
    table.where = m_context.where(name->first, table.name);

    const auto skip = [&](const QString &message) {
        m_context.skipped(first, message);
        m_cursor.skipToStatementEnd();
        return true;
    };
    if (table.name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive))
        return skip(tr("CREATE TABLE %1 skipped: a table SQLite keeps for itself").arg(table.name));
    if (m_cursor.peekWord("AS"))
        return skip(tr("CREATE TABLE %1 AS … skipped: a table made from a query").arg(table.name));
    if (m_cursor.acceptWords({"PARTITION", "OF"}))
        return readPartitionOf(table, first);
    if (m_cursor.peekWord("OF"))
        return skip(tr("CREATE TABLE %1 skipped: a typed table").arg(table.name));
    if (m_cursor.peekWord("LIKE")) {
        readLike(table); // MySQL: CREATE TABLE t LIKE other
    } else {
        if (!m_cursor.acceptSymbol("("))
            return m_context.expected(tr("'(' after CREATE TABLE %1").arg(table.name));
        if (!m_cursor.acceptSymbol(")")) {
            for (;;) {
                if (atTableConstraint()) {
                    if (!readTableConstraint(table))
                        return false;
                } else if (m_cursor.peekWord("LIKE")) {
                    readLike(table);
                } else if (!readColumn(table)) {
                    return false;
                }
                if (m_cursor.acceptSymbol(","))
                    continue;
                if (m_cursor.acceptSymbol(")"))
                    break;
                return m_context.expected(tr("')' after the column list of %1").arg(table.name));
            }
        }
    }

    // Table options: ENGINE=…, WITH (…), TABLESPACE …, WITHOUT ROWID; only these two matter here.
    while (!m_cursor.atStatementEnd()) {
        const SqlToken token = m_cursor.peek();
        if (m_cursor.acceptWord("COMMENT")) {
            m_cursor.acceptSymbol("=");
            if (m_cursor.peek().kind == SqlToken::Kind::String)
                table.comment = m_cursor.take().text;
        } else if (m_cursor.acceptWords({"PARTITION", "BY"})) {
            // PostgreSQL: RANGE | LIST | HASH (key). MySQL's [LINEAR] RANGE | LIST | HASH | KEY [COLUMNS]
            // (expr) comes with its partitions inline (skipped below); only PostgreSQL's are folded.
            QString method;
            while (m_cursor.peek().kind == SqlToken::Kind::Word)
                method = m_cursor.take().text.toLower();
            const std::optional<QList<SqlToken>> key =
                m_cursor.peekSymbol("(") ? m_context.readGroup(tr("PARTITION BY of %1").arg(table.name))
                                         : std::optional<QList<SqlToken>>(QList<SqlToken>{});
            if (!key)
                return false;
            if (m_context.dialect() == SqlDialect::PostgreSQL) {
                table.partitionMethod = method;
                // A plain column list; an expression (date_trunc(…), a + b) leaves the key unknown.
                QStringList columns;
                bool plain = true;
                for (qsizetype i = 0; i < key->size(); ++i) {
                    const SqlToken &token = key->at(i);
                    if (i % 2 == 1)
                        plain = plain && token.isSymbol(",");
                    else if (m_context.isName(token))
                        columns << m_context.nameOf(token);
                    else
                        plain = false;
                }
                table.partitionKey = plain ? columns : QStringList();
            }
        } else if (m_cursor.acceptWord("INHERITS")) {
            const std::optional<QStringList> parents =
                m_context.readColumnList(tr("INHERITS of %1").arg(table.name));
            if (!parents)
                return false;
            inherit(table, *parents, token);
        } else {
            m_cursor.skipItem();
        }
    }

    const int existing = m_context.findTable(name->parts);
    if (existing >= 0 && m_context.tables().at(existing).columns.isEmpty()) {
        // Made by INSERTs that came first: their rows stay as samples of the table now defined.
        table.sampleColumns = m_context.tables().at(existing).sampleColumns;
        table.sampleRows = m_context.tables().at(existing).sampleRows;
        m_context.replaceTable(existing, table);
        return true;
    }
    if (existing >= 0 && ifNotExists)
        return skip(tr("CREATE TABLE IF NOT EXISTS %1 skipped: the table is defined above").arg(table.name));
    if (existing >= 0) {
        m_context.warning(
            first,
            tr("%1 is defined a second time; the later definition replaces the first").arg(table.name));
        m_context.replaceTable(existing, table);
    } else {
        m_context.addTable(table);
    }
    return true;
}

bool DdlTableReader::readPartitionOf(ImportedTable &table, const SqlToken &first)
{
    const std::optional<DdlContext::Name> parentName =
        m_context.readQualifiedName(tr("a table name after PARTITION OF"));
    if (!parentName)
        return false;
    const int parent = m_context.findTable(*parentName);
    if (parent < 0) {
        m_context.warning(first, tr("CREATE TABLE %1 PARTITION OF %2 skipped: no table %2 in this file")
                                     .arg(table.name, parentName->last()));
        m_cursor.skipToStatementEnd();
        return true;
    }
    if (m_cursor.peekSymbol("("))
        m_cursor.skipGroup(); // column options and constraints of the partition; the parent's apply
    ImportedPartition partition;
    partition.name = table.name;
    partition.where = table.where;
    if (!readPartitionBound(partition, table.name))
        return false;
    // PARTITION BY of a sub-partitioned partition, TABLESPACE, WITH (…): its rows still fall in this bound.
    m_cursor.skipToStatementEnd();
    ImportedTable &parentTable = m_context.tables()[parent];
    parentTable.partitions << partition;
    // Kept as a table until the end, so that later statements naming it (its keys, indexes) find it.
    table.partitionOf = parentTable.name;
    for (ImportedColumn column : parentTable.columns) {
        column.primaryKey = false;
        column.unique = false;
        column.where.path = path(table, column.name);
        table.columns << column;
    }
    if (m_context.findTable(QStringList{table.name}) < 0)
        m_context.addTable(table);
    return true;
}

bool DdlTableReader::readAttachPartition(int parent)
{
    const SqlToken at = m_cursor.peek();
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a table name after ATTACH PARTITION"));
    if (!name)
        return false;
    ImportedPartition partition;
    partition.name = name->last();
    partition.where = m_context.where(at, partition.name);
    if (!readPartitionBound(partition, partition.name))
        return false;
    ImportedTable &parentTable = m_context.tables()[parent];
    parentTable.partitions << partition;
    if (const int child = m_context.findTable(*name); child >= 0 && child != parent)
        m_context.tables()[child].partitionOf = parentTable.name;
    return true;
}

bool DdlTableReader::readPartitionBound(ImportedPartition &partition, const QString &owner)
{
    if (m_cursor.acceptWord("DEFAULT")) {
        partition.isDefault = true;
        return true;
    }
    if (!m_cursor.acceptWords({"FOR", "VALUES"}))
        return m_context.expected(tr("FOR VALUES or DEFAULT for the partition %1").arg(owner));
    if (m_cursor.acceptWord("FROM")) {
        const std::optional<QStringList> from = readBoundValues(owner);
        if (!from)
            return false;
        if (!m_cursor.acceptWord("TO"))
            return m_context.expected(tr("TO after FOR VALUES FROM (…) of the partition %1").arg(owner));
        const std::optional<QStringList> to = readBoundValues(owner);
        if (!to)
            return false;
        partition.from = *from;
        partition.to = *to;
        return true;
    }
    if (m_cursor.acceptWord("IN")) {
        const std::optional<QStringList> values = readBoundValues(owner);
        if (!values)
            return false;
        partition.values = *values;
        return true;
    }
    if (m_cursor.acceptWord("WITH")) {
        partition.hash = true;
        m_cursor.skipGroup();
        return true;
    }
    return m_context.expected(tr("FROM, IN or WITH after FOR VALUES of the partition %1").arg(owner));
}

std::optional<QStringList> DdlTableReader::readBoundValues(const QString &owner)
{
    const std::optional<QList<SqlToken>> tokens =
        m_context.readGroup(tr("the bound of the partition %1").arg(owner));
    if (!tokens)
        return std::nullopt;
    // Items split at top-level commas; an item is its string literal ('2022-01-01'::date → 2022-01-01), or
    // its words and numbers as written (-5, MINVALUE, NULL).
    QStringList values;
    QString item;
    bool quoted = false;
    int depth = 0;
    auto flush = [&]() {
        values << item.trimmed();
        item.clear();
        quoted = false;
    };
    for (const SqlToken &token : *tokens) {
        if (token.isSymbol("("))
            ++depth;
        else if (token.isSymbol(")"))
            --depth;
        if (depth == 0 && token.isSymbol(",")) {
            flush();
            continue;
        }
        if (quoted)
            continue; // a cast after the literal
        if (token.kind == SqlToken::Kind::String) {
            item = token.text;
            quoted = true;
        } else if (!token.isSymbol("::")) {
            item += token.text;
        } else {
            quoted = true; // the type of a cast
        }
    }
    if (!tokens->isEmpty())
        flush();
    return values;
}

void DdlTableReader::readLike(ImportedTable &table)
{
    const SqlToken like = m_cursor.take();
    const std::optional<DdlContext::Name> source = m_context.readQualifiedName(tr("a table name after LIKE"));
    while (m_cursor.acceptWord("INCLUDING") || m_cursor.acceptWord("EXCLUDING"))
        m_cursor.take();
    if (!source)
        return;
    const int index = m_context.findTable(*source);
    if (index < 0) {
        m_context.warning(like, tr("LIKE %1 in %2: no table %1 in this file, so its columns are missing")
                                    .arg(source->last(), table.name));
        return;
    }
    for (ImportedColumn column : m_context.tables().at(index).columns) {
        if (m_context.findColumn(table, column.name) >= 0)
            continue;
        column.primaryKey = false;
        column.unique = false;
        column.where.path = path(table, column.name);
        table.columns << column;
    }
}

void DdlTableReader::inherit(ImportedTable &table, const QStringList &parents, const SqlToken &at)
{
    // PostgreSQL puts the inherited columns first.
    QList<ImportedColumn> inherited;
    for (const QString &parent : parents) {
        const int index = m_context.findTable(QStringList{parent});
        if (index < 0) {
            m_context.warning(at,
                              tr("INHERITS %1 in %2: no table %1 in this file, so its columns are missing")
                                  .arg(parent, table.name));
            continue;
        }
        for (ImportedColumn column : m_context.tables().at(index).columns) {
            if (m_context.findColumn(table, column.name) >= 0)
                continue;
            column.primaryKey = false;
            column.unique = false;
            inherited << column;
        }
    }
    table.columns = inherited + table.columns;
}

bool DdlTableReader::atTableConstraint()
{
    const SqlToken token = m_cursor.peek();
    if (token.isWord("CONSTRAINT") || token.isWord("PRIMARY") || token.isWord("UNIQUE") ||
        token.isWord("FOREIGN") || token.isWord("CHECK") || token.isWord("EXCLUDE"))
        return true;
    return m_context.dialect() == SqlDialect::MySQL && (token.isWord("KEY") || token.isWord("INDEX") ||
                                                        token.isWord("FULLTEXT") || token.isWord("SPATIAL"));
}

bool DdlTableReader::readColumn(ImportedTable &table)
{
    const SqlToken nameToken = m_cursor.peek();
    const std::optional<QString> name = m_context.readName(tr("a column name in %1").arg(table.name));
    if (!name)
        return false;
    if (m_context.findColumn(table, *name) >= 0) {
        m_context.error(nameToken, tr("column %1 is defined twice in %2").arg(*name, table.name));
        return false;
    }
    ImportedColumn column;
    column.name = *name;
    column.where = m_context.where(nameToken, path(table, *name));
    if (!DdlTypeReader::read(m_context, column, tr("column %1").arg(path(table, *name))))
        return false;
    table.columns.append(column);
    return readColumnOptions(table, int(table.columns.size()) - 1);
}

bool DdlTableReader::readColumnOptions(ImportedTable &table, int index)
{
    const QString name = table.columns.at(index).name;
    const QString where = path(table, name);
    for (;;) {
        const SqlToken token = m_cursor.peek();
        if (token.isStatementEnd() || token.isSymbol(",") || token.isSymbol(")"))
            return true;
        ImportedColumn &column = table.columns[index];
        if (m_cursor.acceptWord("CONSTRAINT")) {
            if (m_context.isName(m_cursor.peek()) && !DdlTypeReader::startsConstraint(m_cursor.peek()))
                m_cursor.take();
        } else if (m_cursor.acceptWords({"NOT", "NULL"}) || m_cursor.acceptWord("NOTNULL")) {
            column.notNull = true;
        } else if (m_cursor.acceptWord("NULL")) {
        } else if (m_cursor.acceptWords({"PRIMARY", "KEY"}) ||
                   (m_context.dialect() == SqlDialect::MySQL && m_cursor.acceptWord("KEY"))) {
            if (!m_cursor.acceptWord("ASC"))
                m_cursor.acceptWord("DESC");
            skipConstraintOptions(false);
            applyPrimaryKey(table, {name}, token);
        } else if (m_cursor.acceptWord("UNIQUE")) {
            if (!m_cursor.acceptWord("KEY"))
                m_cursor.acceptWord("INDEX");
            if (!m_cursor.acceptWords({"NULLS", "DISTINCT"}))
                m_cursor.acceptWords({"NULLS", "NOT", "DISTINCT"});
            skipConstraintOptions(false);
            applyUnique(table, {name}, token);
        } else if (m_cursor.acceptWord("DEFAULT")) {
            const QString expression = m_context.readExpression();
            if (expression.isEmpty())
                return m_context.expected(tr("a value after DEFAULT for %1").arg(where));
            setDefault(column, expression);
        } else if (m_cursor.acceptWord("CHECK")) {
            if (!readCheck(table, token))
                return false;
        } else if (m_cursor.acceptWord("REFERENCES")) {
            ImportedForeignKey key;
            key.columns = QStringList{name};
            key.where = m_context.where(token, where);
            if (!readReferences(table, key))
                return false;
        } else if (m_cursor.acceptWord("GENERATED") || m_cursor.peekWord("AS")) {
            if (!readGenerated(column))
                return false;
        } else if (m_cursor.acceptWord("IDENTITY") || m_cursor.acceptWord("AUTO_INCREMENT") ||
                   m_cursor.acceptWord("AUTOINCREMENT")) {
            column.autoIncrement = true;
            if (token.isWord("IDENTITY") && m_cursor.peekSymbol("("))
                m_cursor.skipGroup(); // SQL Server's IDENTITY(1, 1)
        } else if (m_cursor.acceptWord("COLLATE")) {
            if (!m_context.readQualifiedName(tr("a collation after COLLATE in %1").arg(where)))
                return false;
        } else if (m_cursor.acceptWord("COMMENT")) {
            if (m_cursor.peek().kind != SqlToken::Kind::String)
                return m_context.expected(tr("a string after COMMENT in %1").arg(where));
            column.comment = m_cursor.take().text;
        } else if (m_cursor.acceptWords({"ON", "UPDATE"})) {
            m_context.readExpression(); // MySQL: ON UPDATE CURRENT_TIMESTAMP
        } else if (m_cursor.acceptWords({"ON", "CONFLICT"}) || m_cursor.acceptWord("STORAGE") ||
                   m_cursor.acceptWord("COMPRESSION") || m_cursor.acceptWord("COLUMN_FORMAT") ||
                   m_cursor.acceptWord("SRID") || m_cursor.acceptWord("INITIALLY")) {
            m_cursor.take();
        } else if (m_cursor.acceptWord("DEFERRABLE") || m_cursor.acceptWords({"NOT", "DEFERRABLE"}) ||
                   m_cursor.acceptWord("ENFORCED") || m_cursor.acceptWords({"NOT", "ENFORCED"}) ||
                   m_cursor.acceptWord("VISIBLE") || m_cursor.acceptWord("INVISIBLE") ||
                   m_cursor.acceptWord("ASC") || m_cursor.acceptWord("DESC")) {
        } else if (token.isWord("NOT")) {
            m_cursor.take();
            return m_context.expected(tr("NULL after NOT in %1").arg(where));
        } else if (token.kind == SqlToken::Kind::Word) {
            // Options of other versions and forks (ENGINE_ATTRIBUTE, …) do not change what data fits.
            m_cursor.skipToListSeparator();
            m_context.warning(
                token, tr("%1: '%2' not understood; ignored")
                           .arg(where, DdlContext::shortened(m_cursor.text(token, m_cursor.previous()))));
        } else {
            return true; // the caller says what it expected here
        }
    }
}

bool DdlTableReader::readGenerated(ImportedColumn &column)
{
    // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)], or GENERATED ALWAYS AS (expr) [STORED],
    // or MySQL's and SQLite's short AS (expr) [VIRTUAL | STORED].
    const bool always = m_cursor.acceptWord("ALWAYS");
    if (!always)
        m_cursor.acceptWords({"BY", "DEFAULT"});
    if (!m_cursor.acceptWord("AS"))
        return m_context.expected(tr("AS after GENERATED in %1").arg(column.where.path));
    if (m_cursor.acceptWord("IDENTITY")) {
        column.autoIncrement = true;
        column.notNull = true;
        column.databaseGenerated = always ? QStringLiteral("identityAlways") : QStringLiteral("identity");
        if (m_cursor.peekSymbol("("))
            m_cursor.skipGroup();
        return true;
    }
    const std::optional<QList<SqlToken>> expression =
        m_context.readGroup(tr("the generated expression of %1").arg(column.where.path));
    if (!expression)
        return false;
    column.generatedExpression =
        expression->isEmpty() ? QStringLiteral("()") : m_cursor.text(expression->first(), expression->last());
    column.databaseGenerated = QStringLiteral("stored"); // MySQL's VIRTUAL too: never written either way
    if (!m_cursor.acceptWord("STORED"))
        m_cursor.acceptWord("VIRTUAL");
    return true;
}

void DdlTableReader::skipConstraintOptions(bool comments)
{
    for (;;) {
        if (m_cursor.acceptWords({"USING", "INDEX", "TABLESPACE"}) || m_cursor.acceptWord("USING") ||
            m_cursor.acceptWord("INITIALLY") || m_cursor.acceptWords({"ON", "CONFLICT"}) ||
            m_cursor.acceptWords({"WITH", "PARSER"})) {
            m_cursor.take();
        } else if (m_cursor.acceptWord("INCLUDE") || m_cursor.acceptWord("WITH")) {
            if (m_cursor.peekSymbol("("))
                m_cursor.skipGroup();
        } else if ((comments && m_cursor.acceptWord("COMMENT")) || m_cursor.acceptWord("KEY_BLOCK_SIZE")) {
            m_cursor.acceptSymbol("=");
            m_cursor.take();
        } else if (!(m_cursor.acceptWord("DEFERRABLE") || m_cursor.acceptWords({"NOT", "DEFERRABLE"}) ||
                     m_cursor.acceptWords({"NOT", "VALID"}) || m_cursor.acceptWords({"NO", "INHERIT"}) ||
                     m_cursor.acceptWord("ENFORCED") || m_cursor.acceptWords({"NOT", "ENFORCED"}) ||
                     m_cursor.acceptWord("VISIBLE") || m_cursor.acceptWord("INVISIBLE"))) {
            return;
        }
    }
}

bool DdlTableReader::readTableConstraint(ImportedTable &table)
{
    const SqlToken first = m_cursor.peek();
    if (m_cursor.acceptWord("CONSTRAINT") && !m_cursor.peekWord("PRIMARY") && !m_cursor.peekWord("UNIQUE") &&
        !m_cursor.peekWord("FOREIGN") && !m_cursor.peekWord("CHECK") && !m_cursor.peekWord("EXCLUDE")) {
        if (!m_context.readName(tr("a constraint name after CONSTRAINT in %1").arg(table.name)))
            return false;
    }
    const SqlToken token = m_cursor.peek();
    const bool mysql = m_context.dialect() == SqlDialect::MySQL;
    // MySQL may name the index and its kind before the columns: UNIQUE KEY `uq` USING BTREE (`a`).
    const auto skipIndexName = [&] {
        if (m_context.isName(m_cursor.peek()) && !m_cursor.peekWord("USING") && !m_cursor.peekWord("NULLS"))
            m_cursor.take();
        if (m_cursor.acceptWord("USING"))
            m_cursor.take();
    };
    // PostgreSQL: ADD CONSTRAINT … UNIQUE USING INDEX idx, a key made of an index defined before.
    const auto usingIndex = [&](const char *kind) {
        if (!m_cursor.acceptWords({"USING", "INDEX"}))
            return false;
        const SqlToken index = m_cursor.take();
        skipConstraintOptions(true);
        m_context.skipped(token,
                          tr("%1 of %2 made from index %3 skipped: the index's columns are not known here")
                              .arg(QLatin1String(kind), table.name, m_context.nameOf(index)));
        return true;
    };
    if (m_cursor.acceptWords({"PRIMARY", "KEY"})) {
        if (usingIndex("PRIMARY KEY"))
            return true;
        skipIndexName();
        const std::optional<QStringList> columns =
            m_context.readColumnList(tr("the primary key of %1").arg(table.name));
        if (!columns)
            return false;
        skipConstraintOptions(true);
        applyPrimaryKey(table, *columns, token);
        return true;
    }
    if (m_cursor.acceptWord("UNIQUE")) {
        if (usingIndex("UNIQUE"))
            return true;
        if (!m_cursor.acceptWord("KEY"))
            m_cursor.acceptWord("INDEX");
        skipIndexName();
        if (!m_cursor.acceptWords({"NULLS", "DISTINCT"}))
            m_cursor.acceptWords({"NULLS", "NOT", "DISTINCT"});
        bool expressions = false;
        const std::optional<QStringList> columns =
            m_context.readColumnList(tr("a unique key of %1").arg(table.name), &expressions);
        if (!columns)
            return false;
        skipConstraintOptions(true);
        if (expressions)
            m_context.skipped(token, tr("a unique key on expressions in %1 skipped").arg(table.name));
        else
            applyUnique(table, *columns, token);
        return true;
    }
    if (m_cursor.acceptWords({"FOREIGN", "KEY"})) {
        skipIndexName();
        ImportedForeignKey key;
        key.where = m_context.where(first, table.name);
        const std::optional<QStringList> columns =
            m_context.readColumnList(tr("a foreign key of %1").arg(table.name));
        if (!columns)
            return false;
        key.columns = *columns;
        if (!m_cursor.acceptWord("REFERENCES"))
            return m_context.expected(tr("REFERENCES after the foreign key columns of %1").arg(table.name));
        return readReferences(table, key);
    }
    if (m_cursor.acceptWord("CHECK"))
        return readCheck(table, token);
    if (m_cursor.acceptWord("EXCLUDE")) {
        m_cursor.skipToListSeparator();
        m_context.skipped(token, tr("an EXCLUDE constraint of %1 skipped").arg(table.name));
        return true;
    }
    if (mysql && (m_cursor.acceptWord("KEY") || m_cursor.acceptWord("INDEX") ||
                  m_cursor.acceptWord("FULLTEXT") || m_cursor.acceptWord("SPATIAL"))) {
        // A plain index: it speeds up queries and allows every row, so nothing is kept.
        m_cursor.skipToListSeparator();
        return true;
    }
    if (first.isWord("CONSTRAINT"))
        return m_context.expected(tr("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK in %1").arg(table.name));
    return m_context.expected(tr("a column or a constraint in %1").arg(table.name));
}

bool DdlTableReader::readReferences(ImportedTable &table, ImportedForeignKey key)
{
    const std::optional<DdlContext::Name> target =
        m_context.readQualifiedName(tr("a table name after REFERENCES in %1").arg(table.name));
    if (!target)
        return false;
    key.referencedTable = target->last();
    if (m_cursor.peekSymbol("(")) {
        const std::optional<QStringList> columns =
            m_context.readColumnList(tr("the reference from %1 to %2").arg(table.name, key.referencedTable));
        if (!columns)
            return false;
        key.referencedColumns = *columns;
    }
    if (key.columns.size() != key.referencedColumns.size() && !key.referencedColumns.isEmpty()) {
        m_context.error(target->first,
                        tr("the foreign key of %1 to %2 has %3 columns on one side and %4 on the other")
                            .arg(table.name, key.referencedTable)
                            .arg(key.columns.size())
                            .arg(key.referencedColumns.size()));
        return false;
    }
    for (;;) {
        if (m_cursor.acceptWord("MATCH")) {
            m_cursor.take(); // FULL, PARTIAL, SIMPLE
        } else if (m_cursor.acceptWords({"ON", "DELETE"}) || m_cursor.acceptWords({"ON", "UPDATE"})) {
            // The action matters when rows change, not for which rows may exist.
            if (m_cursor.acceptWords({"SET", "NULL"}) || m_cursor.acceptWords({"SET", "DEFAULT"})) {
                if (m_cursor.peekSymbol("("))
                    m_cursor.skipGroup();
            } else if (!m_cursor.acceptWord("CASCADE") && !m_cursor.acceptWord("RESTRICT") &&
                       !m_cursor.acceptWords({"NO", "ACTION"})) {
                return m_context.expected(
                    tr("CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT in the foreign key of %1")
                        .arg(table.name));
            }
        } else if (m_cursor.acceptWord("DEFERRABLE") || m_cursor.acceptWords({"NOT", "DEFERRABLE"}) ||
                   m_cursor.acceptWords({"NOT", "VALID"}) || m_cursor.acceptWord("ENFORCED") ||
                   m_cursor.acceptWords({"NOT", "ENFORCED"})) {
        } else if (m_cursor.acceptWord("INITIALLY")) {
            m_cursor.take(); // DEFERRED, IMMEDIATE
        } else {
            break;
        }
    }
    QStringList columns = key.columns;
    if (!resolve(table, columns, m_cursor.previous(), tr("the foreign key to %1").arg(key.referencedTable)))
        return true;
    key.columns = columns;
    for (const ImportedForeignKey &existing : std::as_const(table.foreignKeys)) {
        if (existing.columns == key.columns && existing.referencedTable == key.referencedTable &&
            existing.referencedColumns == key.referencedColumns)
            return true;
    }
    table.foreignKeys << key;
    return true;
}

bool DdlTableReader::readCheck(ImportedTable &table, const SqlToken &check)
{
    const std::optional<QList<SqlToken>> tokens = m_context.readGroup(tr("the CHECK of %1").arg(table.name));
    if (!tokens)
        return false;
    skipConstraintOptions(false); // a COMMENT after a column's CHECK is the column's
    const QString text = tokens->isEmpty() ? QString() : m_cursor.text(tokens->first(), tokens->last());
    const std::optional<DdlCheckAnalyzer::Facts> facts = DdlCheckAnalyzer::analyse(m_context, *tokens);
    if (!facts) {
        m_context.skipped(check, tr("CHECK (%1) on %2 skipped: not a simple range or list of values")
                                     .arg(DdlContext::shortened(text), table.name));
        return true;
    }
    const int index = m_context.findColumn(table, facts->column);
    if (index < 0) {
        m_context.skipped(check, tr("CHECK (%1) on %2 skipped: %3 is not a column of the table")
                                     .arg(DdlContext::shortened(text), table.name, facts->column));
        return true;
    }
    DdlCheckAnalyzer::apply(*facts, table.columns[index]);
    return true;
}

bool DdlTableReader::resolve(const ImportedTable &table, QStringList &columns, const SqlToken &at,
                             const QString &what)
{
    for (QString &column : columns) {
        const int index = m_context.findColumn(table, column);
        if (index < 0) {
            m_context.warning(at, tr("%1 of %2 names %3, which is not a column of the table; skipped")
                                      .arg(what, table.name, column));
            return false;
        }
        column = table.columns.at(index).name;
    }
    return true;
}

void DdlTableReader::applyPrimaryKey(ImportedTable &table, QStringList columns, const SqlToken &at)
{
    if (!resolve(table, columns, at, tr("the primary key")))
        return;
    for (ImportedColumn &column : table.columns)
        column.primaryKey = false;
    table.primaryKey = columns;
    for (const QString &name : std::as_const(columns)) {
        ImportedColumn &column = table.columns[m_context.findColumn(table, name)];
        column.notNull = true;
        column.primaryKey = columns.size() == 1;
        // SQLite: an INTEGER PRIMARY KEY is the rowid, numbered by the database.
        if (columns.size() == 1 && m_context.dialect() == SqlDialect::SQLite &&
            column.sqlType == QLatin1String("integer") && !column.isArray)
            column.autoIncrement = true;
    }
}

void DdlTableReader::applyUnique(ImportedTable &table, QStringList columns, const SqlToken &at)
{
    if (!resolve(table, columns, at, tr("a unique key")))
        return;
    if (columns.size() == 1)
        table.columns[m_context.findColumn(table, columns.first())].unique = true;
    for (const QStringList &existing : std::as_const(table.uniqueKeys)) {
        if (existing == columns)
            return;
    }
    table.uniqueKeys << columns;
}

} // namespace fabrica
