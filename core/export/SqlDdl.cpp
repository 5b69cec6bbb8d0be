#include "SqlDdl.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "model/KeyGroups.h"
#include "sql/SqlIdentifier.h"
#include "types/TypeRegistry.h"

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

} // namespace

SqlDdl::SqlDdl(const Plan &plan, SqlDialect dialect)
    : m_plan(&plan)
    , m_dialect(dialect)
{
    // MySQL keeps constraint names unique per database, and lower case may be how it stores them.
    QSet<QString> usedNames;
    for (const TablePlan &table : plan.tables()) {
        std::vector<QString> names;
        for (const ColumnPlan &column : table.columns) {
            QString fk;
            if (column.parentTable >= 0) {
                fk = foreignKeyName(table.name, column.name);
                if (usedNames.contains(fk.toLower()))
                    fk = hashedForeignKeyName(table.name, column.name);
                usedNames.insert(fk.toLower());
            }
            names.push_back(fk);
        }
        m_foreignKeys.push_back(std::move(names));
    }
}

QString SqlDdl::foreignKeyName(const QString &table, const QString &column)
{
    const QString name = QStringLiteral("fk_") + table + QLatin1Char('_') + column;
    if (name.toUtf8().size() <= SqlIdentifier::kPostgresMaxBytes)
        return name;
    return hashedForeignKeyName(table, column);
}

const QString &SqlDdl::foreignKeyName(int table, std::size_t column) const
{
    return m_foreignKeys[std::size_t(table)][column];
}

std::string SqlDdl::quote(const QString &identifier) const
{
    return SqlIdentifier::quote(m_dialect, identifier).toStdString();
}

QString SqlDdl::columnType(int table, std::size_t column) const
{
    const Table &source = m_plan->schema().tables.at(m_plan->tables()[std::size_t(table)].schemaIndex);
    return columnType(source.columns.at(qsizetype(column)), 0);
}

QString SqlDdl::columnType(const Column &column, int depth) const
{
    // A foreign key holds the referenced column's values, so it takes that column's type.
    const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
    if (target && depth < kMaxReferenceDepth) {
        const Table *parent = m_plan->schema().table(target->table);
        if (const Column *referenced = parent ? parent->column(target->column) : nullptr)
            return columnType(*referenced, depth + 1);
    }
    const TypeRegistry &registry = TypeRegistry::instance();
    const DataType *type = registry.find(column.type);
    const QString sql = type ? registry.sqlType(*type, m_dialect, column.constraints) : QString();
    if (!sql.isEmpty())
        return sql;
    return m_dialect == SqlDialect::SQLite ? QStringLiteral("TEXT") : QStringLiteral("text");
}

std::vector<std::size_t> SqlDdl::primaryKey(int t) const
{
    std::vector<std::size_t> columns;
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (table.columns[c].primaryKey)
            columns.push_back(c);
    }
    return columns;
}

std::vector<std::size_t> SqlDdl::uniqueColumns(int t) const
{
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    const Table &source = m_plan->schema().tables.at(table.schemaIndex);
    const std::size_t keyColumns = primaryKey(t).size();
    std::vector<std::size_t> columns;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        // A column that is the whole primary key is unique already.
        const Column &column = source.columns.at(qsizetype(c));
        bool unique = column.constraints.value(keys::unique).toBool();
        for (const KeyGroup &group : KeyGroups::of(source)) // a unique key of one column is that column
            unique = unique || (!group.isPrimaryKey() && group.columns == QList<int>{int(c)});
        if (unique && !(table.columns[c].primaryKey && keyColumns == 1))
            columns.push_back(c);
    }
    return columns;
}

std::vector<std::vector<std::size_t>> SqlDdl::uniqueKeys(int t) const
{
    const Table &source = m_plan->schema().tables.at(m_plan->tables()[std::size_t(t)].schemaIndex);
    std::vector<std::vector<std::size_t>> keys;
    for (const KeyGroup &group : KeyGroups::of(source)) {
        if (group.isPrimaryKey() || group.columns.size() < 2)
            continue;
        std::vector<std::size_t> columns;
        for (int c : group.columns)
            columns.push_back(std::size_t(c));
        keys.push_back(std::move(columns));
    }
    return keys;
}

std::string SqlDdl::columnList(int t, const std::vector<std::size_t> &columns) const
{
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    std::string out;
    for (const std::size_t c : columns)
        out.append(out.empty() ? "" : ", ").append(quote(table.columns[c].name));
    return out;
}

std::string SqlDdl::foreignKey(int table, std::size_t column) const
{
    const ColumnPlan &fk = m_plan->tables()[std::size_t(table)].columns[column];
    const TablePlan &parent = m_plan->tables()[std::size_t(fk.parentTable)];
    return "CONSTRAINT " + quote(foreignKeyName(table, column)) + " FOREIGN KEY (" + quote(fk.name) +
           ") REFERENCES " + quote(parent.name) + " (" + quote(fk.parentColumn) + ")";
}

std::string SqlDdl::createTable(int t, bool withKeys, bool withForeignKeys) const
{
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    std::vector<std::string> lines;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnPlan &column = table.columns[c];
        std::string line = "    " + quote(column.name) + ' ' + columnType(t, c).toStdString();
        if (column.notNull)
            line.append(" NOT NULL");
        lines.push_back(std::move(line));
    }
    if (withKeys) {
        if (const std::vector<std::size_t> key = primaryKey(t); !key.empty())
            lines.push_back("    PRIMARY KEY (" + columnList(t, key) + ")");
        for (const std::size_t c : uniqueColumns(t))
            lines.push_back("    UNIQUE (" + quote(table.columns[c].name) + ")");
        for (const std::vector<std::size_t> &key : uniqueKeys(t))
            lines.push_back("    UNIQUE (" + columnList(t, key) + ")");
        if (m_dialect == SqlDialect::SQLite && withForeignKeys) {
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                if (!foreignKeyName(t, c).isEmpty())
                    lines.push_back("    " + foreignKey(t, c));
            }
        }
    }
    std::string out = "CREATE TABLE " + quote(table.name) + " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.append(lines[i]).append(i + 1 < lines.size() ? ",\n" : "\n");
    // InnoDB for transactions and foreign keys, utf8mb4 for all of Unicode (older servers default to latin1).
    out.append(m_dialect == SqlDialect::MySQL ? ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : ")");
    return out;
}

std::vector<std::string> SqlDdl::addKeys(int t) const
{
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    std::vector<std::string> statements;
    if (const std::vector<std::size_t> key = primaryKey(t); !key.empty())
        statements.push_back("ALTER TABLE " + quote(table.name) + " ADD PRIMARY KEY (" + columnList(t, key) +
                             ")");
    for (const std::size_t c : uniqueColumns(t))
        statements.push_back("ALTER TABLE " + quote(table.name) + " ADD UNIQUE (" +
                             quote(table.columns[c].name) + ")");
    for (const std::vector<std::size_t> &key : uniqueKeys(t))
        statements.push_back("ALTER TABLE " + quote(table.name) + " ADD UNIQUE (" + columnList(t, key) + ")");
    return statements;
}

std::vector<std::string> SqlDdl::addForeignKeys(int t) const
{
    std::vector<std::string> statements;
    if (m_dialect == SqlDialect::SQLite)
        return statements;
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (!foreignKeyName(t, c).isEmpty())
            statements.push_back("ALTER TABLE " + quote(table.name) + " ADD " + foreignKey(t, c));
    }
    return statements;
}

} // namespace fabrica
