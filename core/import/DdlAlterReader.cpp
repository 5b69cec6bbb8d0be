#include "DdlAlterReader.h"

namespace fabrica {

namespace {

void rename(QStringList &names, const QString &from, const QString &to)
{
    for (QString &name : names) {
        if (name == from)
            name = to;
    }
}

} // namespace

DdlAlterReader::DdlAlterReader(DdlContext &context, DdlTableReader &tables)
    : m_context(context)
    , m_cursor(context.cursor())
    , m_tables(tables)
{}

bool DdlAlterReader::read(const SqlToken &first)
{
    m_cursor.acceptWords({"IF", "EXISTS"});
    m_cursor.acceptWord("ONLY");
    const std::optional<DdlContext::Name> name =
        m_context.readQualifiedName(tr("a table name after ALTER TABLE"));
    if (!name)
        return false;
    m_cursor.acceptSymbol("*");
    const int table = m_context.findTable(*name);
    if (table < 0) {
        // pg_dump gives sequences and views an "ALTER TABLE … OWNER TO" too.
        if (!m_cursor.peekWord("OWNER"))
            m_context.warning(first,
                              tr("ALTER TABLE %1 skipped: no table %1 in this file").arg(name->last()));
        m_cursor.skipToStatementEnd();
        return true;
    }
    // A malformed statement changes nothing, so the actions before the error are undone.
    const ImportedTable before = m_context.tables().at(table);
    for (;;) {
        if (!readAction(table)) {
            m_context.replaceTable(table, before);
            return false;
        }
        if (!m_cursor.acceptSymbol(","))
            return true;
    }
}

bool DdlAlterReader::readAction(int index)
{
    ImportedTable &table = m_context.tables()[index];
    const SqlToken first = m_cursor.peek();
    if (first.isStatementEnd())
        return true;
    if (m_cursor.acceptWord("ADD")) {
        if (m_tables.atTableConstraint())
            return m_tables.readTableConstraint(table);
        m_cursor.acceptWord("COLUMN");
        m_cursor.acceptWords({"IF", "NOT", "EXISTS"});
        if (m_cursor.acceptSymbol("(")) {
            // MySQL: ADD (a int, b int)
            do {
                if (!m_tables.readColumn(table))
                    return false;
            } while (m_cursor.acceptSymbol(","));
            if (!m_cursor.acceptSymbol(")"))
                return m_context.expected(tr("')' after the columns added to %1").arg(table.name));
            return true;
        }
        if (!m_tables.readColumn(table))
            return false;
        if (!m_cursor.acceptWord("FIRST") && m_cursor.acceptWord("AFTER"))
            m_cursor.take();
        return true;
    }
    if (m_cursor.acceptWords({"ATTACH", "PARTITION"}))
        return m_tables.readAttachPartition(index);
    if (m_cursor.acceptWord("ALTER"))
        return readAlterColumn(index, first);
    if (m_cursor.acceptWord("MODIFY")) {
        m_cursor.acceptWord("COLUMN");
        if (!m_context.isName(m_cursor.peek()))
            return m_context.expected(tr("a column name after MODIFY in %1").arg(table.name));
        return replaceColumn(index, m_context.nameOf(m_cursor.peek()), first);
    }
    if (m_cursor.acceptWord("CHANGE")) {
        m_cursor.acceptWord("COLUMN");
        const std::optional<QString> old =
            m_context.readName(tr("a column name after CHANGE in %1").arg(table.name));
        return old && replaceColumn(index, *old, first);
    }
    if (m_cursor.acceptWords({"OWNER", "TO"})) {
        m_cursor.take();
        return true;
    }
    if (first.isWord("AUTO_INCREMENT")) {
        m_cursor.skipToListSeparator(); // where MySQL's numbering goes on, e.g. after phpMyAdmin's MODIFY
        return true;
    }
    skipAction(table, first);
    return true;
}

bool DdlAlterReader::readAlterColumn(int index, const SqlToken &first)
{
    ImportedTable &table = m_context.tables()[index];
    m_cursor.acceptWord("COLUMN");
    const SqlToken nameToken = m_cursor.peek();
    const std::optional<QString> name =
        m_context.readName(tr("a column name after ALTER COLUMN in %1").arg(table.name));
    if (!name)
        return false;
    const int column = m_context.findColumn(table, *name);
    if (column < 0) {
        m_cursor.skipToListSeparator();
        m_context.warning(nameToken,
                          tr("ALTER COLUMN %1 skipped: %2 has no such column").arg(*name, table.name));
        return true;
    }
    ImportedColumn &target = table.columns[column];
    if (m_cursor.acceptWords({"SET", "DEFAULT"})) {
        const QString expression = m_context.readExpression();
        if (expression.isEmpty())
            return m_context.expected(tr("a value after SET DEFAULT for %1").arg(target.where.path));
        DdlTableReader::setDefault(target, expression);
    } else if (m_cursor.acceptWords({"DROP", "DEFAULT"})) {
        target.defaultValue.clear();
    } else if (m_cursor.acceptWords({"SET", "NOT", "NULL"})) {
        target.notNull = true;
    } else if (m_cursor.acceptWords({"DROP", "NOT", "NULL"})) {
        target.notNull = target.primaryKey || table.primaryKey.contains(target.name);
    } else if (m_cursor.acceptWords({"ADD", "GENERATED"})) {
        // pg_dump: ALTER TABLE … ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME …)
        const bool always = m_cursor.acceptWord("ALWAYS");
        if (!always)
            m_cursor.acceptWords({"BY", "DEFAULT"});
        target.databaseGenerated = always ? QStringLiteral("identityAlways") : QStringLiteral("identity");
        if (!m_cursor.acceptWords({"AS", "IDENTITY"}))
            return m_context.expected(tr("AS IDENTITY after ADD GENERATED for %1").arg(target.where.path));
        if (m_cursor.peekSymbol("("))
            m_cursor.skipGroup();
        target.autoIncrement = true;
        target.notNull = true;
    } else {
        skipAction(table, first);
    }
    return true;
}

bool DdlAlterReader::replaceColumn(int index, const QString &oldName, const SqlToken &at)
{
    ImportedTable &table = m_context.tables()[index];
    const int position = m_context.findColumn(table, oldName);
    if (position < 0) {
        m_cursor.skipToListSeparator();
        m_context.warning(at, tr("%1 has no column %2 to change; skipped").arg(table.name, oldName));
        return true;
    }
    const ImportedColumn old = table.columns.takeAt(position);
    if (!m_tables.readColumn(table))
        return false; // read() puts the table back as it was
    // MySQL's MODIFY and CHANGE restate the column; the table's keys on it stay.
    ImportedColumn &fresh = table.columns.last();
    fresh.primaryKey = fresh.primaryKey || old.primaryKey;
    fresh.unique = fresh.unique || old.unique;
    fresh.notNull = fresh.notNull || old.primaryKey;
    const QString newName = fresh.name;
    table.columns.move(table.columns.size() - 1, position);
    if (newName != old.name) {
        rename(table.primaryKey, old.name, newName);
        for (QStringList &key : table.uniqueKeys)
            rename(key, old.name, newName);
        for (ImportedForeignKey &key : table.foreignKeys)
            rename(key.columns, old.name, newName);
        rename(table.sampleColumns, old.name, newName);
    }
    if (!m_cursor.acceptWord("FIRST") && m_cursor.acceptWord("AFTER"))
        m_cursor.take();
    return true;
}

void DdlAlterReader::skipAction(const ImportedTable &table, const SqlToken &first)
{
    m_cursor.skipToListSeparator();
    if (m_cursor.previous().begin < first.begin)
        return; // nothing to skip: the caller reports what follows
    m_context.skipped(first,
                      tr("ALTER TABLE %1 %2 skipped")
                          .arg(table.name, DdlContext::shortened(m_cursor.text(first, m_cursor.previous()))));
}

} // namespace fabrica
