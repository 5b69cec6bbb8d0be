#include "SchemaValidator.h"

#include "ConstraintChecker.h"
#include "RelationChecker.h"
#include "common/Logging.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "model/KeyGroups.h"
#include "sql/SqlIdentifier.h"
#include "types/TypeRegistry.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace fabrica {

namespace {

bool flag(const Column &column, const QString &key)
{
    return column.constraints.value(key).toBool();
}

Problem::Severity severityOf(SqlIdentifier::Severity severity)
{
    return severity == SqlIdentifier::Severity::Error ? Problem::Severity::Error : Problem::Severity::Warning;
}

// Records names as they come and tells which earlier one a new name collides with, and how.
class NameCollisions
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaValidator)

public:
    explicit NameCollisions(QString kind)
        : m_kind(std::move(kind))
    {}

    // A message when name collides with an earlier name, else empty.
    QString add(const QString &name)
    {
        if (m_exact.contains(name))
            return tr("%1 name \"%2\" is used more than once").arg(m_kind, name);
        const QString folded = name.toCaseFolded();
        const QString truncated = SqlIdentifier::postgresTruncated(name);
        QString message;
        if (const auto it = m_folded.constFind(folded); it != m_folded.constEnd()) {
            message =
                tr("%1 name \"%2\" differs from \"%3\" only in case; PostgreSQL folds unquoted names and "
                   "MySQL on Windows and macOS ignores case, so give them distinct names")
                    .arg(m_kind, name, *it);
        } else if (const auto t = m_truncated.constFind(truncated); t != m_truncated.constEnd()) {
            message =
                tr("%1 names \"%2\" and \"%3\" are the same after PostgreSQL truncates them to 63 bytes "
                   "(\"%4\"); shorten one of them")
                    .arg(m_kind, *t, name, truncated);
        }
        m_exact.insert(name);
        m_folded.insert(folded, name);
        m_truncated.insert(truncated, name);
        return message;
    }

private:
    QString m_kind;
    QSet<QString> m_exact;
    QHash<QString, QString> m_folded;
    QHash<QString, QString> m_truncated;
};

} // namespace

SchemaValidator::SchemaValidator()
    : m_registry(TypeRegistry::instance())
{}

SchemaValidator::SchemaValidator(const TypeRegistry &registry)
    : m_registry(registry)
{}

QStringList SchemaValidator::locales()
{
    return {QStringLiteral("en_US"), QStringLiteral("en_GB"), QStringLiteral("de_DE"),
            QStringLiteral("fr_FR"), QStringLiteral("es_ES")};
}

Problems SchemaValidator::validate(const Schema &schema) const
{
    Problems problems;
    checkSchema(schema, problems);
    checkTableNames(schema, problems);
    for (int t = 0; t < schema.tables.size(); ++t) {
        const Table &table = schema.tables.at(t);
        checkColumnNames(table, t, problems);
        ConstraintChecker checker(m_registry, table, t, problems, schema.effectiveReferenceDate());
        for (int c = 0; c < table.columns.size(); ++c) {
            const Column &column = table.columns.at(c);
            const DataType *type = m_registry.find(column.type);
            if (!type) {
                QStringList ids;
                for (const DataType &dataType : m_registry.types())
                    ids.append(dataType.id);
                const QString guess = ConstraintChecker::suggestion(column.type, ids);
                const QString message =
                    guess.isEmpty()
                        ? tr("unknown data type \"%1\"; `fabrica types` lists them all").arg(column.type)
                        : tr("unknown data type \"%1\"; did you mean \"%2\"?").arg(column.type, guess);
                problems.append(Problem{Problem::Severity::Error,
                                        message,
                                        t,
                                        c,
                                        {},
                                        table.name + QLatin1Char('.') + column.name});
                continue;
            }
            checker.check(column, c, *type);
        }
    }
    checkKeys(schema, problems);
    checkCycles(schema, problems);
    RelationChecker(m_registry).check(schema, problems);
    qCDebug(lcValidate) << "validated schema" << schema.name << "problems:" << problems.size();
    return problems;
}

void SchemaValidator::checkSchema(const Schema &schema, Problems &problems) const
{
    auto report = [&](const QString &message, Problem::Severity severity = Problem::Severity::Error) {
        problems.append(Problem{severity, message, -1, -1, {}, {}});
    };
    for (const auto &finding : SqlIdentifier::check(schema.name, SqlIdentifier::Kind::Column))
        report(tr("schema name: %1").arg(finding.message), severityOf(finding.severity));
    if (schema.name.startsWith(QLatin1String("pg_"), Qt::CaseInsensitive))
        report(tr("schema name \"%1\" starts with \"pg_\", which PostgreSQL reserves for system schemas")
                   .arg(schema.name));
    if (!schema.locale.isEmpty() && !locales().contains(schema.locale))
        report(tr("unknown locale \"%1\" (locales: %2)")
                   .arg(schema.locale, locales().join(QLatin1String(", "))));
    if (schema.tables.isEmpty())
        report(tr("the schema has no tables yet"), Problem::Severity::Warning);
}

void SchemaValidator::checkTableNames(const Schema &schema, Problems &problems) const
{
    NameCollisions names(tr("table"));
    for (int t = 0; t < schema.tables.size(); ++t) {
        const Table &table = schema.tables.at(t);
        auto report = [&](const QString &message, Problem::Severity severity = Problem::Severity::Error) {
            problems.append(Problem{severity, message, t, -1, {}, table.name});
        };
        for (const auto &finding : SqlIdentifier::check(table.name, SqlIdentifier::Kind::Table))
            report(finding.message, severityOf(finding.severity));
        if (const QString collision = names.add(table.name); !collision.isEmpty())
            report(collision);
        if (table.rows < 0)
            report(tr("rows must be 0 or more, found %1").arg(table.rows));
        if (table.columns.isEmpty())
            report(tr("table \"%1\" has no columns").arg(table.name));
    }
}

void SchemaValidator::checkColumnNames(const Table &table, int tableIndex, Problems &problems) const
{
    NameCollisions names(tr("column"));
    for (int c = 0; c < table.columns.size(); ++c) {
        const Column &column = table.columns.at(c);
        auto report = [&](const QString &message, Problem::Severity severity = Problem::Severity::Error) {
            problems.append(
                Problem{severity, message, tableIndex, c, {}, table.name + QLatin1Char('.') + column.name});
        };
        for (const auto &finding : SqlIdentifier::check(column.name, SqlIdentifier::Kind::Column))
            report(finding.message, severityOf(finding.severity));
        if (const QString collision = names.add(column.name); !collision.isEmpty())
            report(collision);
    }
}

QString SchemaValidator::keyFamily(const Schema &schema, const Column &column, int depth) const
{
    const DataType *type = m_registry.find(column.type);
    if (!type)
        return {};
    if (type->id != QLatin1String("foreign_key"))
        return type->keyFamily;
    // A foreign_key column takes the family of what it references; chains end at a real key.
    const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
    const Table *table = target ? schema.table(target->table) : nullptr;
    const Column *parent = table ? table->column(target->column) : nullptr;
    if (!parent || depth > schema.tables.size())
        return {};
    return keyFamily(schema, *parent, depth + 1);
}

bool SchemaValidator::isUniqueKey(const Table &table, const Column &column)
{
    return table.isUniqueOnItsOwn(column);
}

QStringList SchemaValidator::referenceTargets(const Schema &schema) const
{
    QStringList targets;
    for (const Table &table : schema.tables) {
        for (const Column &column : table.columns) {
            const DataType *type = m_registry.find(column.type);
            if (type && type->keyCapable && isUniqueKey(table, column))
                targets << ColumnReference{table.name, column.name}.toString();
        }
    }
    return targets;
}

void SchemaValidator::checkKeys(const Schema &schema, Problems &problems) const
{
    for (int t = 0; t < schema.tables.size(); ++t) {
        const Table &table = schema.tables.at(t);
        for (int c = 0; c < table.columns.size(); ++c) {
            const Column &column = table.columns.at(c);
            const QString path = table.name + QLatin1Char('.') + column.name;
            auto report = [&](const QString &key, const QString &message) {
                problems.append(Problem{Problem::Severity::Error, message, t, c, key, path});
            };
            const DataType *type = m_registry.find(column.type);
            if (!type)
                continue;
            if (!type->keyCapable) {
                for (const QString &key :
                     {keys::primaryKey, keys::unique, keys::uniqueKey, keys::references}) {
                    if (column.constraints.contains(key) &&
                        column.constraints.value(key) != QJsonValue(false)) {
                        report(key,
                               tr("type %1 cannot be %2; key columns need a type with a large domain such as "
                                  "sequence, integer, uuid or string")
                                   .arg(type->id, key == keys::references  ? tr("a foreign key")
                                                  : key == keys::unique    ? tr("unique")
                                                  : key == keys::uniqueKey ? tr("part of a unique key")
                                                                           : tr("a primary key")));
                        break;
                    }
                }
            }
            checkUniqueKeyNames(table, column, t, c, problems);
            if (!column.constraints.value(keys::references).isString())
                continue;
            const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
            if (!target)
                continue; // malformed: reported by the constraint checker
            const int parentIndex = schema.tableIndex(target->table);
            if (parentIndex < 0) {
                QStringList names;
                for (const Table &other : schema.tables)
                    names.append(other.name);
                const QString guess = ConstraintChecker::suggestion(target->table, names);
                report(keys::references,
                       guess.isEmpty()
                           ? tr("references table \"%1\", which does not exist").arg(target->table)
                           : tr("references table \"%1\", which does not exist; did you mean \"%2\"?")
                                 .arg(target->table, guess));
                continue;
            }
            const Table &parentTable = schema.tables.at(parentIndex);
            const Column *parent = parentTable.column(target->column);
            if (!parent) {
                report(keys::references, tr("references column \"%1\" of table \"%2\", which does not exist")
                                             .arg(target->column, target->table));
                continue;
            }
            if (parent == &column) {
                report(keys::references, tr("references itself; a foreign key must point at another column"));
                continue;
            }
            if (!isUniqueKey(parentTable, *parent)) {
                report(keys::references,
                       flag(*parent, keys::primaryKey)
                           ? tr("references %1, which is only part of a composite primary key and "
                                "not unique on its own; mark it unique or reference another column")
                                 .arg(target->toString())
                           : tr("references %1, which is neither the primary key nor unique; mark it "
                                "\"primaryKey\" or \"unique\"")
                                 .arg(target->toString()));
                continue;
            }
            const QString childFamily = keyFamily(schema, column);
            const QString parentFamily = keyFamily(schema, *parent);
            if (!childFamily.isEmpty() && !parentFamily.isEmpty() && childFamily != parentFamily)
                report(keys::references,
                       tr("foreign key type mismatch: %1 is %2 but %3 is %4; use type foreign_key "
                          "or a type of the same kind")
                           .arg(path, column.type, target->toString(), parent->type));
        }
    }
}

void SchemaValidator::checkUniqueKeyNames(const Table &table, const Column &column, int tableIndex,
                                          int columnIndex, Problems &problems)
{
    const QJsonValue value = column.constraints.value(keys::uniqueKey);
    if (value.isUndefined())
        return;
    const QString path = table.name + QLatin1Char('.') + column.name;
    QList<QJsonValue> names;
    if (value.isArray()) {
        for (const QJsonValue &name : value.toArray())
            names.append(name);
    } else {
        names.append(value);
    }
    QStringList seen;
    for (const QJsonValue &entry : names) {
        if (!entry.isString())
            continue; // reported by the constraint checker
        const QString name = entry.toString().trimmed();
        if (name.isEmpty()) {
            problems.append(Problem{Problem::Severity::Error,
                                    tr("uniqueKey has an empty name; name the multi-column unique key, e.g. "
                                       "\"%1_key\"")
                                        .arg(table.name),
                                    tableIndex, columnIndex, keys::uniqueKey, path});
            continue;
        }
        if (seen.contains(name)) {
            problems.append(Problem{Problem::Severity::Warning, tr("uniqueKey names \"%1\" twice").arg(name),
                                    tableIndex, columnIndex, keys::uniqueKey, path});
            continue;
        }
        seen.append(name);
        const auto members =
            std::count_if(table.columns.begin(), table.columns.end(), [&name](const Column &other) {
                return KeyGroups::uniqueKeyNames(other).contains(name);
            });
        if (members == 1)
            problems.append(Problem{Problem::Severity::Warning,
                                    tr("unique key \"%1\" has only this column; a key of one column is "
                                       "\"unique\": true (it is generated so)")
                                        .arg(name),
                                    tableIndex, columnIndex, keys::uniqueKey, path});
    }
}

void SchemaValidator::checkCycles(const Schema &schema, Problems &problems) const
{
    // Only a NOT NULL self reference cannot be generated: a row may refer to earlier rows of its own table
    // only, so the first row has nothing to refer to. A cycle across tables is fine: a foreign key is
    // computed from a parent row number, never from generated rows, and the sinks add or defer the keys
    // (SqlDdl after the data, deferred or relaxed checks when appending).
    for (int t = 0; t < int(schema.tables.size()); ++t) {
        const Table &table = schema.tables.at(t);
        for (int c = 0; c < table.columns.size(); ++c) {
            const Column &column = table.columns.at(c);
            if (!flag(column, keys::notNull) && !flag(column, keys::primaryKey))
                continue;
            const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
            if (!target || schema.tableIndex(target->table) != t)
                continue;
            problems.append(
                Problem{Problem::Severity::Error,
                        tr("references its own table and is NOT NULL, so the first row has nothing "
                           "to refer to; make it nullable (remove notNull)"),
                        t, c, keys::references, table.name + QLatin1Char('.') + column.name});
        }
    }
}

} // namespace fabrica
