#include "DdlInsertReader.h"

#include "DdlCheckAnalyzer.h"

namespace fabrica {

DdlInsertReader::DdlInsertReader(DdlContext &context)
    : m_context(context)
    , m_cursor(context.cursor())
{}

bool DdlInsertReader::read(const SqlToken &first)
{
    m_cursor.take(); // INSERT or REPLACE
    while (m_cursor.acceptWord("LOW_PRIORITY") || m_cursor.acceptWord("DELAYED") ||
           m_cursor.acceptWord("HIGH_PRIORITY") || m_cursor.acceptWord("IGNORE")) {
    }
    if (m_cursor.acceptWord("OR"))
        m_cursor.take(); // SQLite: INSERT OR REPLACE, OR IGNORE, …
    m_cursor.acceptWord("INTO");
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a table name after INSERT INTO"));
    if (!name)
        return false;
    const QString tableName = name->last();
    if (m_cursor.acceptWord("AS"))
        m_cursor.take();
    QStringList columns;
    const bool columnList = m_cursor.peekSymbol("(") && !m_cursor.peekWord("SELECT", 1) &&
                            !m_cursor.peekWord("VALUES", 1) && !m_cursor.peekWord("WITH", 1);
    if (columnList) {
        const std::optional<QStringList> list =
            m_context.readColumnList(tr("the INSERT into %1").arg(tableName));
        if (!list)
            return false;
        columns = *list;
    }
    if (m_cursor.acceptWord("OVERRIDING")) {
        m_cursor.take(); // SYSTEM, USER
        m_cursor.acceptWord("VALUE");
    }
    if (!m_cursor.acceptWord("VALUES") && !m_cursor.acceptWord("VALUE")) {
        m_cursor.skipToStatementEnd();
        m_context.skipped(
            first, tr("INSERT INTO %1 skipped: rows from a query or defaults, not values").arg(tableName));
        return true;
    }

    // Rows are kept only once the whole statement has been read: a malformed one changes nothing.
    QList<QList<std::optional<QString>>> rows;
    int expressions = 0;
    int over = 0;
    do {
        QList<std::optional<QString>> row;
        bool literal = true;
        if (!readRow(row, literal, tableName))
            return false;
        if (!literal)
            ++expressions;
        else if (rows.size() < maxSampleRows)
            rows << row;
        else
            ++over;
    } while (m_cursor.acceptSymbol(","));
    // ON CONFLICT …, ON DUPLICATE KEY UPDATE …, RETURNING …: what happens to clashing rows.
    m_cursor.skipToStatementEnd();

    const int index = tableFor(*name, columns, first, !rows.isEmpty());
    int mismatched = 0;
    if (index >= 0 && !rows.isEmpty()) {
        ImportedTable &table = m_context.tables()[index];
        QStringList names = columns;
        if (!columnList) {
            for (const ImportedColumn &column : std::as_const(table.columns))
                names << column.name;
        }
        // Where each value of a row goes among the table's sample columns, which grow as INSERTs name more.
        QList<int> positions;
        for (const QString &column : std::as_const(names)) {
            qsizetype position = -1;
            for (qsizetype i = 0; i < table.sampleColumns.size() && position < 0; ++i) {
                if (m_context.sameName(table.sampleColumns.at(i), column))
                    position = i;
            }
            if (position < 0) {
                const int known = m_context.findColumn(table, column);
                table.sampleColumns << (known >= 0 ? table.columns.at(known).name : column);
                for (QList<std::optional<QString>> &sample : table.sampleRows)
                    sample.append(std::nullopt);
                position = table.sampleColumns.size() - 1;
            }
            positions << int(position);
        }
        for (const QList<std::optional<QString>> &row : std::as_const(rows)) {
            if (row.size() != positions.size()) {
                ++mismatched;
            } else if (table.sampleRows.size() >= maxSampleRows) {
                ++over;
            } else {
                QList<std::optional<QString>> sample(table.sampleColumns.size());
                for (qsizetype i = 0; i < row.size(); ++i)
                    sample[positions.at(i)] = row.at(i);
                table.sampleRows << sample;
            }
        }
    }

    if (expressions > 0)
        m_context.skipped(
            first, tr("INSERT INTO %1: %n row(s) with expressions skipped; samples take literal values only",
                      nullptr, expressions)
                       .arg(tableName));
    if (mismatched > 0)
        m_context.warning(first, tr("INSERT INTO %1: %n row(s) skipped whose values do not match the columns",
                                    nullptr, mismatched)
                                     .arg(tableName));
    if (over > 0)
        m_context.info(
            first,
            tr("INSERT INTO %1: %n more row(s) not kept; %2 sample rows per table are enough", nullptr, over)
                .arg(tableName)
                .arg(maxSampleRows));
    return true;
}

int DdlInsertReader::tableFor(const DdlContext::Name &name, const QStringList &columns, const SqlToken &first,
                              bool create)
{
    const int index = m_context.findTable(name);
    if (index >= 0) {
        if (columns.isEmpty() && m_context.tables().at(index).columns.isEmpty()) {
            m_context.skipped(
                first, tr("INSERT INTO %1 skipped: no column list, and the table's columns are unknown")
                           .arg(name.last()));
            return -1;
        }
        return index;
    }
    if (columns.isEmpty()) {
        m_context.skipped(first,
                          tr("INSERT INTO %1 skipped: no column list, and no CREATE TABLE %1 in this file")
                              .arg(name.last()));
        return -1;
    }
    if (!create)
        return -1;
    // The table may be defined in another file of the same import; its rows are kept for it.
    ImportedTable table;
    table.name = name.last();
    table.sqlSchema = name.qualifier();
    table.where = m_context.where(name.first, table.name);
    m_context.info(
        first,
        tr("INSERT INTO %1: no CREATE TABLE %1 in this file; its rows are kept as samples").arg(table.name));
    return m_context.addTable(table);
}

bool DdlInsertReader::readRow(QList<std::optional<QString>> &row, bool &literal, const QString &table)
{
    if (!m_cursor.acceptSymbol("("))
        return m_context.expected(tr("'(' and a row of values for %1").arg(table));
    if (m_cursor.acceptSymbol(")"))
        return true; // MySQL: VALUES ()
    for (;;) {
        QString text;
        const Value value = readValue(text);
        if (value == Value::Expression)
            literal = false;
        row << (value == Value::Literal ? std::optional<QString>(text) : std::nullopt);
        if (m_cursor.acceptSymbol(","))
            continue;
        if (m_cursor.acceptSymbol(")"))
            return true;
        return m_context.expected(tr("',' or ')' in a row of values for %1").arg(table));
    }
}

DdlInsertReader::Value DdlInsertReader::readValue(QString &text)
{
    QList<SqlToken> tokens;
    qsizetype depth = 0;
    for (;;) {
        const SqlToken token = m_cursor.peek();
        if (token.isStatementEnd() || (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))))
            break;
        if (token.isSymbol("(") || token.isSymbol("["))
            ++depth;
        else if (token.isSymbol(")") || token.isSymbol("]"))
            --depth;
        tokens << m_cursor.take();
    }
    bool isNull = false;
    const std::optional<QString> value = DdlCheckAnalyzer::literal(m_context, tokens, &isNull);
    if (isNull)
        return Value::Null;
    if (!value)
        return Value::Expression;
    text = *value;
    return Value::Literal;
}

} // namespace fabrica
