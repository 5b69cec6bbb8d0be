#include "SchemaBuilder.h"

#include "ColumnMapper.h"
#include "DdlPartitions.h"
#include "DeclaredSizes.h"
#include "RelationGuesser.h"
#include "generate/Plan.h"
#include "model/ConstraintKeys.h"
#include "types/DeclaredSqlType.h"
#include "types/TypeRegistry.h"
#include "validate/SchemaValidator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace fabrica {

namespace {

constexpr int kMaxSamples = 50;
constexpr int kNullablePercent = 10;
constexpr int kSelfReferenceNullPercent = 20;

const ImportedTable *findTable(const QList<ImportedTable> &tables, const QString &name)
{
    for (const ImportedTable &table : tables) {
        if (table.name == name)
            return &table;
    }
    for (const ImportedTable &table : tables) {
        if (table.name.compare(name, Qt::CaseInsensitive) == 0)
            return &table;
    }
    return nullptr;
}

bool isUniqueColumn(const ImportedTable &table, const QString &column)
{
    if (table.primaryKey == QStringList{column})
        return true;
    const int index = table.columnIndex(column);
    if (index >= 0 && (table.columns[index].unique || table.columns[index].primaryKey))
        return true;
    return table.uniqueKeys.contains(QStringList{column});
}

// A column of a primary key or UNIQUE over several columns: its samples must not narrow it (issue 13).
bool inCompositeKey(const ImportedTable &table, const QString &column)
{
    if (table.primaryKey.size() > 1 && table.primaryKey.contains(column))
        return true;
    return std::any_of(table.uniqueKeys.begin(), table.uniqueKeys.end(),
                       [&](const QStringList &key) { return key.size() > 1 && key.contains(column); });
}

// How many distinct values a single-column integer key's declared SQL type holds from its first value on
// (a tinyint unsigned key: 255 from 1), when that is known and finite.
std::optional<qint64> keyCapacity(const Table &table, const Column &column)
{
    if (!table.isUniqueOnItsOwn(column) || column.isForeignKey())
        return std::nullopt;
    const DeclaredSqlType declared =
        DeclaredSqlType::parse(column.constraints.value(keys::sqlType).toString());
    if (declared.kind() != DeclaredSqlType::Kind::Integer)
        return std::nullopt;
    const QString first =
        column.type == QLatin1String("sequence") ? QStringLiteral("start") : QStringLiteral("min");
    const qint64 from = column.constraints.contains(first) ? column.constraints.value(first).toInteger()
                                                           : std::max<qint64>(declared.minimum(), 1);
    if (from > declared.maximum())
        return 0;
    return declared.maximum() - std::max(from, declared.minimum()) + 1;
}

SourceLocation at(const SourceLocation &where, const QString &path)
{
    SourceLocation located = where;
    located.path = path;
    return located;
}

} // namespace

SchemaBuilder::SchemaBuilder(QString schemaName, qint64 defaultRows, QDate referenceDate)
    : m_name(std::move(schemaName))
    , m_defaultRows(defaultRows)
    , m_referenceDate(referenceDate.isValid() ? referenceDate : QDateTime::currentDateTimeUtc().date())
{}

void SchemaBuilder::addTables(const QList<ImportedTable> &tables, ImportReport &report)
{
    for (const ImportedTable &table : tables) {
        bool merged = false;
        for (ImportedTable &known : m_imported) {
            if (known.name == table.name) {
                report.warning(at(table.where, table.name),
                               tr("table %1 is defined again; the later definition is used").arg(table.name));
                known = table;
                merged = true;
            }
        }
        if (!merged)
            m_imported.append(table);
    }
}

void SchemaBuilder::addTable(const Table &table, const SourceLocation &where, ImportReport &report)
{
    for (Table &known : m_ready) {
        if (known.name == table.name) {
            report.warning(at(where, table.name),
                           tr("table %1 is defined again; the later definition is used").arg(table.name));
            known = table;
            return;
        }
    }
    m_ready.append(table);
}

void SchemaBuilder::addProfiledColumn(const QString &table, const Column &column, const SourceLocation &where)
{
    ColumnProfile profile;
    profile.name = column.name;
    profile.fabricaType = column.type;
    profile.constraints = column.constraints;
    profile.samples = column.samples;
    profile.rows = column.samples.size();
    profile.distinctCount = column.samples.size();
    profile.reason = column.type;
    addProfiledColumn(table, profile, where);
}

void SchemaBuilder::addProfiledColumn(const QString &table, const ColumnProfile &column,
                                      const SourceLocation &where)
{
    for (auto &entry : m_profiled) {
        if (entry.first.compare(table, Qt::CaseInsensitive) == 0) {
            entry.second.append(column);
            m_profiledWhere[entry.first.toLower()].append(where);
            return;
        }
    }
    m_profiled.append({table, {column}});
    m_profiledWhere[table.toLower()].append(where);
}

Schema SchemaBuilder::build(ImportReport &report) const
{
    const TypeRegistry &registry = TypeRegistry::instance();
    const ColumnProfiler profiler(ProfileOptions{kMaxSamples});
    Schema schema;
    schema.name = m_name;
    // The guessed dates end here; stored with the schema, so the data stays the same on every run.
    schema.referenceDate = m_referenceDate;
    schema.tables = m_ready;
    QSet<QString> taken;
    for (const Table &table : std::as_const(schema.tables))
        taken.insert(table.name.toLower());

    // Profiled (CSV) columns by table and name, to refine DDL columns and fill samples.
    QHash<QString, const ColumnProfile *> profiled;
    for (const auto &entry : m_profiled) {
        for (const ColumnProfile &column : entry.second)
            profiled.insert(entry.first.toLower() + QLatin1Char('.') + column.name.toLower(), &column);
    }

    for (const ImportedTable &imported : m_imported) {
        if (taken.contains(imported.name.toLower())) {
            report.warning(
                at(imported.where, imported.name),
                tr("table %1 comes from a Fabrica schema file too; that one is used").arg(imported.name));
            continue;
        }
        if (imported.columns.isEmpty()) {
            // Known only from INSERTs: a CSV file may still describe it; otherwise there is nothing to build.
            const bool fromCsv = std::any_of(m_profiled.begin(), m_profiled.end(), [&](const auto &entry) {
                return entry.first.compare(imported.name, Qt::CaseInsensitive) == 0;
            });
            if (!fromCsv)
                report.skipped(
                    at(imported.where, imported.name),
                    tr("no columns are known of table %1 (only INSERTs); it is left out").arg(imported.name));
            continue;
        }
        taken.insert(imported.name.toLower());
        Table table;
        table.name = imported.name;
        table.description = imported.comment;
        table.rows = m_defaultRows;

        // Single-column foreign keys to a unique column of an imported table become references.
        QHash<QString, QString> references;
        for (const ImportedForeignKey &key : imported.foreignKeys) {
            const QString where = imported.name + QLatin1Char('.') + key.columns.join(QLatin1Char(','));
            if (key.columns.size() != 1) {
                report.warning(
                    at(key.where, where),
                    tr("multi-column foreign key to %1 is not kept: Fabrica references one column; the "
                       "columns are generated on their own")
                        .arg(key.referencedTable));
                continue;
            }
            const ImportedTable *parent = findTable(m_imported, key.referencedTable);
            if (!parent) {
                report.warning(
                    at(key.where, where),
                    tr("foreign key to %1, which is not part of the import; the column is generated as "
                       "plain values")
                        .arg(key.referencedTable));
                continue;
            }
            QString parentColumn = key.referencedColumns.value(0);
            if (parentColumn.isEmpty() && parent->primaryKey.size() == 1)
                parentColumn = parent->primaryKey.first();
            if (parentColumn.isEmpty() || !isUniqueColumn(*parent, parentColumn)) {
                report.warning(
                    at(key.where, where),
                    tr("foreign key to %1.%2, which is not a single-column key; the column is generated "
                       "as plain values")
                        .arg(parent->name, parentColumn.isEmpty() ? QStringLiteral("?") : parentColumn));
                continue;
            }
            references.insert(key.columns.first(), parent->name + QLatin1Char('.') + parentColumn);
        }

        // Multi-column UNIQUE constraints and unique indexes become uniqueKey groups, named as PostgreSQL
        // names them by default; their combinations are unique, no column on its own.
        QHash<QString, QStringList> uniqueKeyNames; // column (lower case) → key names
        QStringList keyNames;
        for (const QStringList &unique : imported.uniqueKeys) {
            if (unique.size() < 2)
                continue;
            QString name =
                imported.name + QLatin1Char('_') + unique.join(QLatin1Char('_')) + QStringLiteral("_key");
            for (int n = 2; keyNames.contains(name); ++n)
                name = imported.name + QLatin1Char('_') + unique.join(QLatin1Char('_')) +
                       QStringLiteral("_key%1").arg(n);
            keyNames.append(name);
            for (const QString &column : unique)
                uniqueKeyNames[column.toLower()].append(name);
            report.guess(at(imported.where, imported.name),
                         tr("unique key (%1) kept as \"uniqueKey\": \"%2\": the combinations are unique, "
                            "no column on its own")
                             .arg(unique.join(QLatin1String(", ")), name));
        }
        for (const ImportedColumn &importedColumn : imported.columns) {
            const QString path = imported.name + QLatin1Char('.') + importedColumn.name;
            ColumnMapper::Mapped mapped = ColumnMapper::map(
                imported, importedColumn, references.value(importedColumn.name), m_referenceDate);
            Column &column = mapped.column;
            QJsonObject &constraints = column.constraints;
            if (const QStringList names = uniqueKeyNames.value(importedColumn.name.toLower());
                !names.isEmpty())
                constraints.insert(QStringLiteral("uniqueKey"),
                                   names.size() == 1 ? QJsonValue(names.first())
                                                     : QJsonValue(QJsonArray::fromStringList(names)));
            const bool key = constraints.contains(QStringLiteral("primaryKey")) ||
                             constraints.contains(QStringLiteral("unique")) ||
                             constraints.contains(QStringLiteral("uniqueKey"));
            const DataType *type = registry.find(column.type);
            // A guessed template has no unique placeholder, so it cannot be a key (nor part of one).
            const bool guessedTemplate = column.type == QLatin1String("template");
            if (key && type && (!type->keyCapable || guessedTemplate)) {
                // Keys need a type that can be unique; fall back to the SQL type's.
                column.type = ColumnMapper::typeOfSql(importedColumn);
                if (guessedTemplate)
                    constraints.remove(QStringLiteral("template"));
                mapped.reason = tr("%1 (a key, from the SQL type)").arg(column.type);
            }
            // The declared size (varchar(15), numeric(10,2), smallint …) whatever the type.
            mapped.guesses << DeclaredSizes::apply(importedColumn, column);
            const QString reference = constraints.value(QStringLiteral("references")).toString();
            if (!reference.isEmpty() && reference.section(QLatin1Char('.'), 0, 0) == imported.name) {
                // A hierarchy needs roots: self references are nullable (docs/schema-format.md).
                if (constraints.contains(QStringLiteral("notNull")))
                    report.warning(
                        at(importedColumn.where, path),
                        tr("the self reference is NOT NULL in the DDL; Fabrica leaves the roots NULL"));
                constraints.remove(QStringLiteral("notNull"));
                constraints.insert(QStringLiteral("nullPercent"), kSelfReferenceNullPercent);
                mapped.reason +=
                    tr("; NULL in %1 % (the roots of the hierarchy)").arg(kSelfReferenceNullPercent);
            } else if (!constraints.contains(QStringLiteral("notNull")) &&
                       !constraints.contains(QStringLiteral("primaryKey")) &&
                       !constraints.contains(QStringLiteral("nullPercent")) &&
                       !importedColumn.autoIncrement) {
                constraints.insert(QStringLiteral("nullPercent"), kNullablePercent);
                mapped.reason += tr("; NULL in %1 % (nullable)").arg(kNullablePercent);
            }
            // A CSV file with this column: the column follows its values (ColumnProfiler::apply).
            QStringList sampleLines;
            if (const ColumnProfile *seen = profiled.value(path.toLower())) {
                const SampleDeclaration declared{importedColumn.minimum || importedColumn.maximum,
                                                 inCompositeKey(imported, importedColumn.name)};
                for (const QString &line : profiler.apply(column, *seen, declared))
                    sampleLines << tr("%1 (from the values of the CSV samples)").arg(line);
            }
            if (!importedColumn.databaseGenerated.isEmpty()) {
                // Kept, so that appending leaves to the database what it fills in (docs/import.md).
                constraints.insert(QStringLiteral("databaseGenerated"), importedColumn.databaseGenerated);
                if (!importedColumn.generatedExpression.isEmpty())
                    report.info(
                        at(importedColumn.where, path),
                        tr("computed by the database (%1); appending leaves it to the database, files "
                           "and new tables get generated values")
                            .arg(importedColumn.generatedExpression.left(80)));
            }
            report.guess(at(importedColumn.where, path), mapped.reason);
            for (const QString &line : std::as_const(mapped.guesses))
                report.guess(at(importedColumn.where, path), line);
            for (const QString &line : std::as_const(sampleLines))
                report.guess(at(importedColumn.where, path), line);
            table.columns.append(column);
        }
        // A composite primary key stays as declared: Fabrica makes the combinations unique, whatever the
        // columns' types (docs/schema-format.md, Composite keys).
        if (imported.primaryKey.size() > 1)
            report.guess(at(imported.where, imported.name),
                         tr("primary key (%1) kept over its %2 columns: the combinations are unique, no "
                            "column on its own")
                             .arg(imported.primaryKey.join(QLatin1String(", ")))
                             .arg(imported.primaryKey.size()));
        // INSERT rows are samples of their columns, profiled as CSV values are (ColumnProfiler::apply).
        QList<std::optional<QString>> values;
        for (int c = 0; c < imported.sampleColumns.size(); ++c) {
            const int index = table.columnIndex(imported.sampleColumns[c]);
            if (index < 0 || !table.columns[index].samples.isEmpty())
                continue;
            values.clear();
            values.reserve(imported.sampleRows.size());
            for (const auto &row : imported.sampleRows)
                values.append(c < row.size() ? row[c] : std::nullopt);
            const int declared = imported.columnIndex(imported.sampleColumns[c]);
            const SampleDeclaration declaration{
                declared >= 0 && (imported.columns[declared].minimum || imported.columns[declared].maximum),
                inCompositeKey(imported, imported.sampleColumns[c])};
            Column &column = table.columns[index];
            const SourceLocation where = at(declared >= 0 ? imported.columns[declared].where : imported.where,
                                            imported.name + QLatin1Char('.') + column.name);
            for (const QString &line : profiler.apply(column, values, declaration))
                report.guess(where, tr("%1 (from the INSERT rows)").arg(line));
        }
        DdlPartitions::applyBounds(imported, table, report);
        RelationGuesser::propose(table, imported.where, report);
        // A key whose declared width holds fewer values than the default rows (Sakila's category_id tinyint
        // unsigned) caps the table's rows, rather than the table failing to generate.
        for (const Column &column : std::as_const(table.columns)) {
            const std::optional<qint64> capacity = keyCapacity(table, column);
            if (capacity && *capacity > 0 && *capacity < table.rows) {
                table.rows = *capacity;
                report.guess(at(imported.where, imported.name),
                             tr("%1 rows: the key %2 (%3) holds no more values")
                                 .arg(*capacity)
                                 .arg(column.name, column.constraints.value(keys::sqlType).toString()));
            }
        }
        schema.tables.append(table);
    }

    // Tables known only from CSV files.
    for (const auto &entry : m_profiled) {
        if (taken.contains(entry.first.toLower()))
            continue;
        taken.insert(entry.first.toLower());
        Table table;
        table.name = entry.first;
        table.rows = m_defaultRows;
        for (const ColumnProfile &profile : entry.second)
            table.columns.append(profile.column());
        schema.tables.append(table);
    }

    // The result must be a schema Fabrica can generate: validation and compilation say what is not.
    const Problems problems = SchemaValidator().validate(schema);
    for (const Problem &problem : problems) {
        const SourceLocation where{QString(), 0, 0, problem.path};
        if (problem.isError())
            report.error(where, problem.message);
        else
            report.warning(where, problem.message);
    }
    if (!hasErrors(problems)) {
        Plan::Options options;
        options.validated = true;
        if (const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, options); !plan)
            report.error(SourceLocation{QString(), 0, 0, plan.error().where.path}, plan.error().message);
        else
            DeclaredSizes::reportFit(**plan, report);
    }
    return schema;
}

} // namespace fabrica
