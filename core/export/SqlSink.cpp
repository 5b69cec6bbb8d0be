#include "SqlSink.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "sql/SqlIdentifier.h"
#include "sql/SqlLiteral.h"
#include "types/TypeRegistry.h"

#include "generate/TextFormat.h"

#include <QCryptographicHash>
#include <QSet>

namespace fabrica {

namespace {

// Chains of references (a foreign key to a foreign key) are short; the bound only stops a broken cycle.
constexpr int kMaxReferenceDepth = 16;

// fk_<table>_<column> cut to whole UTF-8 characters, then "_" and 8 hex digits of a hash of the pair
// (not of the joined text: "a_b"."c" and "a"."b_c" join alike).
QString hashedForeignKeyName(const QString &table, const QString &column)
{
    const QByteArray pair = QByteArray(table.toUtf8() + '\0' + column.toUtf8());
    const QByteArray hash = QCryptographicHash::hash(pair, QCryptographicHash::Sha256).toHex().left(8);
    const QByteArray name = QString(QStringLiteral("fk_") + table + QLatin1Char('_') + column).toUtf8();
    qsizetype cut = std::min<qsizetype>(name.size(), SqlIdentifier::kPostgresMaxBytes - 1 - hash.size());
    while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut; // a continuation byte: the character started earlier
    while (cut > 0 && name[cut - 1] == '_')
        --cut; // "fk_t__1a2b3c4d" reads as a typo
    return QString::fromUtf8(name.left(cut)) + QLatin1Char('_') + QString::fromLatin1(hash);
}

// Text for a "--" comment: a line break in a name would end the comment and start SQL.
QString commentText(const QString &text)
{
    QString safe = text;
    for (QChar &c : safe) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return safe;
}

} // namespace

SqlSink::SqlSink(ExportOptions options)
    : FileSink(std::move(options))
{}

QString SqlSink::foreignKeyName(const QString &table, const QString &column)
{
    const QString name = QStringLiteral("fk_") + table + QLatin1Char('_') + column;
    if (name.toUtf8().size() <= SqlIdentifier::kPostgresMaxBytes)
        return name;
    return hashedForeignKeyName(table, column);
}

std::string SqlSink::quote(const QString &identifier) const
{
    return SqlIdentifier::quote(options().dialect, identifier).toStdString();
}

QString SqlSink::columnType(const Column &column, int depth) const
{
    // A foreign key holds the referenced column's values, so it takes that column's type.
    const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
    if (target && depth < kMaxReferenceDepth) {
        const Table *parent = plan().schema().table(target->table);
        if (const Column *referenced = parent ? parent->column(target->column) : nullptr)
            return columnType(*referenced, depth + 1);
    }
    const TypeRegistry &registry = TypeRegistry::instance();
    const DataType *type = registry.find(column.type);
    const QString sql = type ? registry.sqlType(*type, options().dialect, column.constraints) : QString();
    if (!sql.isEmpty())
        return sql;
    return options().dialect == SqlDialect::SQLite ? QStringLiteral("TEXT") : QStringLiteral("text");
}

Result<void> SqlSink::begin(const Plan &plan)
{
    // MySQL keeps constraint names unique per database, and lower case may be how it stores them.
    QSet<QString> usedNames;
    m_layouts.clear();
    for (const TablePlan &table : plan.tables()) {
        Layout layout;
        layout.insert = "INSERT INTO " + quote(table.name) + " (";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const ColumnPlan &column = table.columns[c];
            if (c > 0)
                layout.insert.append(", ");
            layout.insert.append(quote(column.name));
            layout.classes.push_back(column.generator->valueClass());
            QString fk;
            if (column.parentTable >= 0) {
                fk = foreignKeyName(table.name, column.name);
                if (usedNames.contains(fk.toLower()))
                    fk = hashedForeignKeyName(table.name, column.name);
                usedNames.insert(fk.toLower());
            }
            layout.foreignKeys.push_back(fk);
        }
        layout.insert.append(") VALUES\n");
        m_layouts.push_back(std::move(layout));
    }

    return FileSink::begin(plan);
}

std::string SqlSink::fileHeader(const Plan &plan) const
{
    std::string header = scriptHeader();
    if (options().createTables) {
        for (int t = 0; t < int(plan.tables().size()); ++t)
            header += createTable(t);
    }
    return header;
}

std::string SqlSink::tableHeader(const TablePlan &table, bool) const
{
    return table.rows > 0 ? "\n" : "";
}

std::string SqlSink::fileFooter(const Plan &) const
{
    return addForeignKeys() + "\nCOMMIT;\n";
}

std::string SqlSink::scriptHeader() const
{
    const SqlDialect dialect = options().dialect;
    std::string out = QStringLiteral("-- Generated by Fabrica: schema \"%1\", seed %2, %3\n")
                          .arg(commentText(plan().schema().name))
                          .arg(plan().seed())
                          .arg(sqlDialectName(dialect))
                          .toStdString();
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        // The literals need standard strings (a backslash is a plain character) and UTF-8.
        out.append("SET client_encoding = 'UTF8';\n"
                   "SET standard_conforming_strings = on;\n"
                   "BEGIN;\n");
        break;
    case SqlDialect::MySQL:
        out.append("SET NAMES utf8mb4;\n"
                   "START TRANSACTION;\n");
        break;
    case SqlDialect::SQLite:
        // foreign_keys is ignored inside a transaction; deferring checks them at COMMIT, after all tables.
        out.append("PRAGMA foreign_keys=ON;\n"
                   "BEGIN;\n"
                   "PRAGMA defer_foreign_keys=ON;\n");
        break;
    }
    return out;
}

std::string SqlSink::foreignKey(int table, std::size_t column) const
{
    const ColumnPlan &fk = plan().tables()[std::size_t(table)].columns[column];
    const TablePlan &parent = plan().tables()[std::size_t(fk.parentTable)];
    return "CONSTRAINT " + quote(m_layouts[std::size_t(table)].foreignKeys[column]) + " FOREIGN KEY (" +
           quote(fk.name) + ") REFERENCES " + quote(parent.name) + " (" + quote(fk.parentColumn) + ")";
}

std::string SqlSink::createTable(int t) const
{
    const TablePlan &table = plan().tables()[std::size_t(t)];
    const Table &source = plan().schema().tables.at(table.schemaIndex);
    std::vector<std::string> lines;
    std::string primaryKey;
    int keyColumns = 0;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnPlan &column = table.columns[c];
        std::string line =
            "    " + quote(column.name) + ' ' + columnType(source.columns.at(qsizetype(c))).toStdString();
        if (column.notNull)
            line.append(" NOT NULL");
        lines.push_back(std::move(line));
        if (column.primaryKey) {
            primaryKey.append(keyColumns++ > 0 ? ", " : "").append(quote(column.name));
        }
    }
    if (keyColumns > 0)
        lines.push_back("    PRIMARY KEY (" + primaryKey + ")");
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnPlan &column = table.columns[c];
        // A column that is the whole primary key is unique already.
        const bool unique = source.columns.at(qsizetype(c)).constraints.value(keys::unique).toBool();
        if (unique && !(column.primaryKey && keyColumns == 1))
            lines.push_back("    UNIQUE (" + quote(column.name) + ")");
    }
    if (options().dialect == SqlDialect::SQLite) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (!m_layouts[std::size_t(t)].foreignKeys[c].isEmpty())
                lines.push_back("    " + foreignKey(t, c));
        }
    }
    std::string out = "\nCREATE TABLE " + quote(table.name) + " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.append(lines[i]).append(i + 1 < lines.size() ? ",\n" : "\n");
    // InnoDB for transactions and foreign keys, utf8mb4 for all of Unicode (older servers default to latin1).
    out.append(options().dialect == SqlDialect::MySQL ? ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
                                                      : ");\n");
    return out;
}

std::string SqlSink::addForeignKeys() const
{
    if (!options().createTables || options().dialect == SqlDialect::SQLite)
        return {};
    std::string out;
    for (int t = 0; t < int(m_layouts.size()); ++t) {
        const std::vector<QString> &foreignKeys = m_layouts[std::size_t(t)].foreignKeys;
        for (std::size_t c = 0; c < foreignKeys.size(); ++c) {
            if (!foreignKeys[c].isEmpty())
                out.append("ALTER TABLE " + quote(plan().tables()[std::size_t(t)].name) + " ADD " +
                           foreignKey(t, c) + ";\n");
        }
    }
    return out.empty() ? out : '\n' + out;
}

void SqlSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const Layout &layout = m_layouts[std::size_t(chunk.table)];
    const qint64 tableRows = plan().tables()[std::size_t(chunk.table)].rows;
    const qint64 batch = std::max(1, options().batchRows);
    const SqlDialect dialect = options().dialect;
    const std::size_t columns = chunk.columns.size();

    std::size_t estimate = std::size_t(chunk.rows) * (columns * 4 + 4) +
                           std::size_t(chunk.rows / batch + 2) * layout.insert.size();
    for (const ColumnChunk &column : chunk.columns)
        estimate += column.byteSize();
    text::reserveMore(out, estimate);

    for (int row = 0; row < chunk.rows; ++row) {
        // Statements start and end at multiples of batchRows of the whole table, so the script is the same
        // whatever the chunk size; a statement may run on into the next chunk.
        const qint64 absolute = chunk.firstRow + row;
        if (absolute % batch == 0)
            out.append(layout.insert);
        else
            out.append(",\n");
        out.push_back('(');
        for (std::size_t c = 0; c < columns; ++c) {
            if (c > 0)
                out.append(", ");
            const ColumnChunk &column = chunk.columns[c];
            if (column.isNull(row)) {
                out.append("NULL");
                continue;
            }
            switch (layout.classes[c]) {
            case ValueClass::Number:
                out.append(column.value(row));
                break;
            case ValueClass::Boolean:
                SqlLiteral::appendBoolean(dialect, column.value(row), out);
                break;
            case ValueClass::Text:
            case ValueClass::Json:
                SqlLiteral::appendString(dialect, column.value(row), out);
                break;
            }
        }
        out.push_back(')');
        if ((absolute + 1) % batch == 0 || absolute + 1 == tableRows)
            out.append(";\n");
    }
}

} // namespace fabrica
