#include "ImportService.h"

#include "ColumnProfiler.h"
#include "CsvReader.h"
#include "DdlParser.h"
#include "SchemaBuilder.h"
#include "TextDecoding.h"
#include "ZipReader.h"
#include "common/Logging.h"
#include "format/SchemaFile.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace fabrica {

namespace {

enum class Kind { FabricaSchema, Sql, Csv, Other };

Kind kindOf(const QString &path)
{
    const QString lower = path.toLower();
    if (lower.endsWith(SchemaFile::suffix()))
        return Kind::FabricaSchema;
    if (lower.endsWith(QLatin1String(".sql")))
        return Kind::Sql;
    if (lower.endsWith(QLatin1String(".csv")) || lower.endsWith(QLatin1String(".tsv")))
        return Kind::Csv;
    return Kind::Other;
}

bool isZip(const QString &name, const QByteArray &bytes)
{
    return name.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive) || bytes.startsWith("PK\x03\x04") ||
           bytes.startsWith("PK\x05\x06");
}

// The file name without folders and without its format's ending: "data/orders.csv" → "orders".
QString baseName(const QString &path)
{
    QString name = path.section(QLatin1Char('/'), -1);
    const QString lower = name.toLower();
    for (const QString &suffix : {SchemaFile::suffix(), QStringLiteral(".sql"), QStringLiteral(".csv"),
                                  QStringLiteral(".tsv"), QStringLiteral(".zip")}) {
        if (lower.endsWith(suffix))
            return name.left(name.size() - suffix.size());
    }
    return name;
}

// A schema name from a folder or file name: PostgreSQL keeps pg_ names for itself, and a name is one line.
QString schemaNameFor(const QString &group)
{
    QString name = group.simplified();
    while (name.startsWith(QLatin1String("pg_"), Qt::CaseInsensitive))
        name = name.mid(3);
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    return name.isEmpty() ? QStringLiteral("imported") : name;
}

// Text of an entry: UTF-8 (without a BOM), or Latin-1 with a note, as the issue allows.
QString decode(const QString &path, const QByteArray &bytes, ImportReport &report)
{
    if (const std::optional<QString> text = TextDecoding::utf8(bytes))
        return *text;
    report.warning(SourceLocation{path, 0, 0, {}},
                   ImportService::tr("not UTF-8; read as Latin-1 (ISO 8859-1), check the accented letters"));
    return TextDecoding::latin1(bytes);
}

void readEntry(const QString &path, const QByteArray &bytes, SchemaBuilder &builder, Schema &head,
               ImportReport &report)
{
    const SourceLocation where{path, 0, 0, {}};
    switch (kindOf(path)) {
    case Kind::FabricaSchema: {
        Result<Schema> schema = SchemaFile::parse(bytes, path);
        if (!schema) {
            const Error &error = schema.error();
            report.error(error.where.file.isEmpty()
                             ? SourceLocation{path, error.where.line, error.where.column, error.where.path}
                             : error.where,
                         error.message);
            return;
        }
        if (head.description.isEmpty())
            head.description = schema->description;
        if (head.locale.isEmpty())
            head.locale = schema->locale;
        // The file's reference date (or its created's), so its data comes out as it did before the import.
        if (!head.referenceDate.isValid() && (schema->referenceDate.isValid() || schema->created.isValid()))
            head.referenceDate = schema->effectiveReferenceDate();
        for (const Table &table : schema->tables)
            builder.addTable(table, where, report);
        report.info(where, ImportService::tr("Fabrica schema \"%1\": %n table(s)", nullptr,
                                             int(schema->tables.size()))
                               .arg(schema->name));
        return;
    }
    case Kind::Sql: {
        const QString text = decode(path, bytes, report);
        const DdlParser::Result parsed = DdlParser::parse(text, path, report);
        builder.addTables(parsed.tables, report);
        report.info(where, ImportService::tr("%1 DDL: %n table(s)", nullptr, int(parsed.tables.size()))
                               .arg(sqlDialectName(parsed.dialect)));
        return;
    }
    case Kind::Csv: {
        const QString text = decode(path, bytes, report);
        const Result<CsvTable> table = CsvReader().read(path, text, report);
        if (!table) {
            report.error(table.error().where.file.isEmpty() ? where : table.error().where,
                         table.error().message);
            return;
        }
        const QString tableName = baseName(path);
        const QList<ColumnProfile> profiles =
            ColumnProfiler().profile(table.value(), path, tableName, report);
        for (const ColumnProfile &profile : profiles)
            builder.addProfiledColumn(tableName, profile, where);
        return;
    }
    case Kind::Other:
        report.skipped(where,
                       ImportService::tr("not a schema (.fabrica.json), DDL (.sql) or sample (.csv, .tsv) "
                                         "file"));
        return;
    }
}

} // namespace

bool ImportService::canImport(const QString &fileName)
{
    return kindOf(fileName) != Kind::Other || isZip(fileName, {});
}

bool ImportService::Outcome::ok() const
{
    return !schemas.isEmpty() && !report.hasErrors() && report.count(ImportReport::Level::Refused) == 0;
}

ImportService::Outcome ImportService::importFile(const QString &path)
{
    return importFile(path, Options{});
}

ImportService::Outcome ImportService::importFile(const QString &path, const Options &options)
{
    Outcome outcome;
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        outcome.report.error(SourceLocation{name, 0, 0, {}},
                             tr("cannot read the file: %1").arg(file.errorString()));
        return outcome;
    }
    // One byte over the cap is read at most, whatever size the file system reports (a pipe, a growing
    // file); importBytes refuses what is over it.
    return importBytes(file.read(options.limits.uploadBytes + 1), name, options);
}

ImportService::Outcome ImportService::importBytes(const QByteArray &bytes, const QString &name,
                                                  const Options &options)
{
    Outcome outcome;
    ImportReport &report = outcome.report;
    if (bytes.size() > options.limits.uploadBytes) {
        report.refused(
            SourceLocation{name, 0, 0, {}},
            tr("the file is larger than the %1 MiB an import may be").arg(options.limits.uploadBytes >> 20));
        return outcome;
    }
    // Entries grouped into schemas: each top-level folder of an archive is one, loose files another.
    QList<ZipEntry> entries;
    const QString archiveName = baseName(name);
    if (isZip(name, bytes)) {
        entries = ZipReader(options.limits).read(bytes, name, report);
        if (report.count(ImportReport::Level::Refused) > 0 || report.hasErrors()) {
            report.error(SourceLocation{name, 0, 0, {}}, tr("the archive was refused; nothing was imported"));
            return outcome;
        }
    } else {
        entries.append(ZipEntry{name, bytes});
    }
    QMap<QString, QList<const ZipEntry *>> groups;
    QStringList order;
    for (const ZipEntry &entry : std::as_const(entries)) {
        const QString group =
            entry.path.contains(QLatin1Char('/')) ? entry.path.section(QLatin1Char('/'), 0, 0) : archiveName;
        if (!groups.contains(group))
            order << group;
        groups[group].append(&entry);
    }
    int done = 0;
    for (const QString &group : std::as_const(order)) {
        const QString schemaName = schemaNameFor(group);
        if (schemaName != group)
            report.guess(SourceLocation{{}, 0, 0, group},
                         tr("schema name \"%1\" (from \"%2\")").arg(schemaName, group));
        SchemaBuilder builder(schemaName, options.defaultRows, options.referenceDate);
        Schema head;
        for (const ZipEntry *entry : std::as_const(groups[group])) {
            if (options.cancel && options.cancel->load()) {
                report.error(SourceLocation{name, 0, 0, {}},
                             tr("the import was cancelled; nothing was imported"));
                outcome.schemas.clear();
                return outcome;
            }
            readEntry(entry->path, entry->data, builder, head, report);
            if (options.progress)
                options.progress(++done, int(entries.size()));
        }
        if (builder.isEmpty()) {
            report.skipped(SourceLocation{group, 0, 0, {}},
                           tr("no tables found; no schema made of \"%1\"").arg(group));
            continue;
        }
        Schema schema = builder.build(report);
        schema.description = head.description;
        schema.locale = head.locale;
        if (head.referenceDate.isValid()) // a Fabrica schema file keeps its own
            schema.referenceDate = head.referenceDate;
        report.info(SourceLocation{{}, 0, 0, group},
                    tr("schema \"%1\": %n table(s)", nullptr, int(schema.tables.size())).arg(schema.name));
        outcome.schemas << schema;
    }
    if (outcome.schemas.isEmpty() && !report.hasErrors())
        report.error(SourceLocation{name, 0, 0, {}},
                     tr("nothing to import: no schema, DDL or CSV file was found"));
    qCInfo(lcImport) << "imported" << name << ":" << outcome.schemas.size() << "schema(s),"
                     << report.lines().size() << "report lines";
    return outcome;
}

Result<QList<SchemaRecord>> ImportService::commit(Repository &repository, const Actor &actor, qint64 ownerId,
                                                  const Outcome &outcome, Repository::NameConflict conflict)
{
    if (!outcome.ok())
        return makeError(
            ErrorCode::Validation,
            tr("the import has errors or refused input; fix them before saving (see the report)"));
    return repository.saveSchemas(actor, ownerId, outcome.schemas, conflict);
}

} // namespace fabrica
