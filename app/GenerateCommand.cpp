#include "GenerateCommand.h"

#include "SchemaFileArgument.h"
#include "Terminal.h"
#include "export/DatabaseSink.h"
#include "export/ExportFormat.h"
#include "jobs/GenerationRunner.h"
#include "validate/SchemaValidator.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTextStream>
#include <QThread>

namespace fabrica {

namespace {

// Figures in one fixed notation (1,234,567 rows), so scripts and people read them the same everywhere.
const QLocale &figures()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString bytesText(qint64 bytes)
{
    return figures().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

QString GenerateCommand::summary()
{
    return tr("Generate a schema's data into files or straight into a database");
}

Result<void> GenerateCommand::chooseOutput(bool formatGiven, GenerationRequest *request)
{
    ExportOptions &options = request->exportOptions;
    const QString &path = options.path;
    const QFileInfo info(path);
    auto refuse = [](const QString &message) { return makeError(ErrorCode::InvalidInput, message); };
    const bool directory =
        path.endsWith(QLatin1Char('/')) || path.endsWith(QDir::separator()) || info.isDir();
    if (directory) {
        if (options.singleFile)
            return refuse(tr("--single-file writes one file, but --out %1 is a directory").arg(path));
        return {};
    }
    // A name with a suffix is one file ("data.sql" never becomes a directory); one without is a
    // directory, unless --single-file says otherwise.
    if (info.suffix().isEmpty())
        return {};
    options.singleFile = true;
    const std::optional<ExportFormat::FileType> named = ExportFormat::fromFileName(info.fileName());
    if (!named) {
        if (!formatGiven)
            return refuse(tr("--out %1 does not name a format: end it in .sql, .csv, .tsv, .json or .ndjson "
                             "(optionally .gz), or add --format")
                              .arg(path));
        return {};
    }
    if (!formatGiven)
        request->formatId = named->format->id;
    else if (ExportFormat::find(request->formatId) != named->format)
        return refuse(tr("--out %1 names a .%2 file, but --format is %3: drop --format or make them agree")
                          .arg(path, named->format->extension, request->formatId));
    if (options.gzip && !named->gzip)
        return refuse(tr("--gzip compresses the file, so its name should end in .gz: %1.gz").arg(path));
    options.gzip = named->gzip;
    return {};
}

int GenerateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    QStringList formatIds;
    for (const ExportFormat &format : ExportFormat::all())
        formatIds << format.id;
    const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("out")},
                                 tr("One file, its format from the name (.sql, .csv, .tsv, .json, .ndjson, "
                                    "each optionally .gz), or a directory for one file per table (a path "
                                    "ending in / or an existing directory)."),
                                 tr("PATH"));
    const QCommandLineOption to(
        QStringLiteral("to"),
        tr("Write into a database instead: postgresql://user@host:port/db[?schema=NAME], "
           "mysql://user@host:port/db or sqlite:FILE. All or nothing: one transaction."),
        tr("URL"));
    const QCommandLineOption ifExists(QStringLiteral("if-exists"),
                                      tr("With --to, for tables that exist already: fail (change nothing), "
                                         "append (insert into them) or truncate (empty them first)."),
                                      tr("MODE"), QStringLiteral("fail"));
    const QCommandLineOption disableTriggers(
        QStringLiteral("disable-triggers"),
        tr("With --to on PostgreSQL, appending into tables whose foreign keys form a cycle that is not "
           "DEFERRABLE: switch their triggers off for the load, like pg_restore (needs the tables' owner "
           "or a superuser)."));
    const QCommandLineOption format({QStringLiteral("f"), QStringLiteral("format")},
                                    tr("Output format: %1.").arg(formatIds.join(QLatin1String(", "))),
                                    tr("FORMAT"), QStringLiteral("csv"));
    const QCommandLineOption dialect(QStringLiteral("dialect"),
                                     tr("SQL dialect: postgresql, mysql or sqlite."), tr("DIALECT"),
                                     QStringLiteral("postgresql"));
    const QCommandLineOption rows(QStringLiteral("rows"),
                                  tr("Rows of a table, overriding the schema (repeatable)."), tr("TABLE=N"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  tr("Random seed: the same seed gives the same data."), tr("N"),
                                  QStringLiteral("42"));
    const QCommandLineOption threads(QStringLiteral("threads"), tr("Worker threads (default: one per core)."),
                                     tr("N"), QString::number(QThread::idealThreadCount()));
    const QCommandLineOption chunkRows(QStringLiteral("chunk-rows"), tr("The most rows per chunk of work (wide tables get fewer)."), tr("N"),
                                       QStringLiteral("8192"));
    const QCommandLineOption gzip(QStringLiteral("gzip"), tr("Compress the files with gzip."));
    const QCommandLineOption singleFile(QStringLiteral("single-file"),
                                        tr("Write all tables into the file --out."));
    const QCommandLineOption noHeader(QStringLiteral("no-header"), tr("CSV/TSV: no header row."));
    const QCommandLineOption nullText(QStringLiteral("null"),
                                      tr("CSV/TSV: text written for NULL (default empty)."), tr("TEXT"));
    const QCommandLineOption crlf(QStringLiteral("crlf"), tr("CSV/TSV: end lines with CR LF."));
    const QCommandLineOption formulaGuard(
        QStringLiteral("formula-guard"),
        tr("CSV/TSV: prefix text starting with = + - @ with ' for spreadsheets."));
    const QCommandLineOption pretty(QStringLiteral("pretty"), tr("JSON: indent."));
    const QCommandLineOption noCreate(QStringLiteral("no-create"), tr("SQL: no CREATE TABLE statements."));
    const QCommandLineOption batch(QStringLiteral("batch"), tr("SQL: rows per INSERT statement."), tr("N"),
                                   QStringLiteral("500"));
    const QCommandLineOption shard(
        QStringLiteral("shard"),
        tr("Write only the K-th of N equal row ranges of every table (K from 1 to N), for generating on N "
           "machines: the N shards' files of a table concatenated are the whole file (CSV/TSV header in "
           "shard 1 only). Formats csv, tsv, ndjson, one file per table; or --to with --if-exists append."),
        tr("K/N"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   tr("No progress and no summary."));
    parser.addOptions({out, to, ifExists, disableTriggers, format, dialect, rows, seed, threads, chunkRows,
                       gzip, singleFile, noHeader, nullText, crlf, formulaGuard, pretty, noCreate, batch, shard,
                       quiet});
    parser.addPositionalArgument(QStringLiteral("schema"), tr("The schema file (*.fabrica.json)."),
                                 tr("SCHEMA"));
    parser.process(arguments);

    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << QStringLiteral("fabrica generate: ") << message << Qt::endl;
        return 2;
    };
    if (parser.positionalArguments().size() != 1)
        return usage(tr("name exactly one schema file"));
    const bool toDatabase = parser.isSet(to);
    if (toDatabase && parser.isSet(out))
        return usage(tr("--out writes files and --to writes into a database: choose one"));
    if (!toDatabase && !parser.isSet(out))
        return usage(tr("--out is required (a file such as data.sql, or a directory), or --to with a "
                        "database URL"));
    if (toDatabase) {
        for (const QCommandLineOption *fileOption :
             {&format, &dialect, &gzip, &singleFile, &noHeader, &nullText, &crlf, &formulaGuard, &pretty,
              &noCreate, &batch}) {
            if (parser.isSet(*fileOption))
                return usage(
                    tr("--%1 is for files; it does not apply with --to").arg(fileOption->names().last()));
        }
    } else if (parser.isSet(ifExists)) {
        return usage(tr("--if-exists applies only with --to"));
    } else if (parser.isSet(disableTriggers)) {
        return usage(tr("--disable-triggers applies only with --to"));
    }
    GenerationRequest request;
    const std::optional<DatabaseSink::IfExists> ifExistsMode =
        DatabaseSink::ifExistsFromId(parser.value(ifExists));
    if (!ifExistsMode)
        return usage(
            tr("--if-exists takes fail, append or truncate, found \"%1\"").arg(parser.value(ifExists)));
    request.ifExists = *ifExistsMode;
    request.disableTriggers = parser.isSet(disableTriggers);
    if (toDatabase) {
        Result<DatabaseUrl> url = DatabaseUrl::parse(parser.value(to));
        if (!url)
            return usage(url.error().message);
        request.target = GenerationRequest::Target::Database;
        request.database = std::move(url).value();
    }
    request.formatId = parser.value(format);
    ExportOptions &exportOptions = request.exportOptions;
    exportOptions.path = parser.value(out);
    exportOptions.singleFile = parser.isSet(singleFile);
    exportOptions.gzip = parser.isSet(gzip);
    if (!toDatabase) {
        if (Result<void> chosen = chooseOutput(parser.isSet(format), &request); !chosen)
            return usage(chosen.error().message);
    }
    const std::optional<SqlDialect> sqlDialect = sqlDialectFromId(parser.value(dialect));
    if (!sqlDialect)
        return usage(tr("unknown dialect \"%1\" (postgresql, mysql, sqlite)").arg(parser.value(dialect)));
    bool ok = false;
    request.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usage(tr("--seed takes a whole number from 0 to 18446744073709551615"));
    for (const QString &value : parser.values(rows)) {
        const qsizetype equals = value.lastIndexOf(QLatin1Char('='));
        const qint64 count = equals > 0 ? value.mid(equals + 1).toLongLong(&ok) : -1;
        if (equals <= 0 || !ok || count < 0)
            return usage(
                tr("--rows takes TABLE=N with N a whole number of 0 or more, found \"%1\"").arg(value));
        request.rows.insert(value.left(equals), count);
    }
    request.threads = parser.value(threads).toInt(&ok);
    if (!ok || request.threads < 1)
        return usage(tr("--threads takes a number from 1 to %1").arg(GenerationRequest::kMaxThreads));
    if (parser.isSet(shard)) {
        Result<Shard> part = Shard::parse(parser.value(shard));
        if (!part)
            return usage(tr("--shard: %1").arg(part.error().message));
        request.shard = *part;
    }
    request.chunkRows = parser.value(chunkRows).toInt(&ok);
    if (!ok)
        return usage(tr("--chunk-rows takes a number from 1 to %1").arg(GenerationRequest::kMaxChunkRows));
    exportOptions.header = !parser.isSet(noHeader);
    exportOptions.nullText = parser.value(nullText);
    exportOptions.lineEnding = parser.isSet(crlf) ? QStringLiteral("\r\n") : QStringLiteral("\n");
    exportOptions.formulaGuard = parser.isSet(formulaGuard);
    exportOptions.pretty = parser.isSet(pretty);
    exportOptions.dialect = *sqlDialect;
    exportOptions.createTables = !parser.isSet(noCreate);
    exportOptions.batchRows = parser.value(batch).toInt(&ok);
    if (!ok)
        return usage(tr("--batch takes a number of 1 or more"));

    QTextStream stdoutStream(stdout);
    const auto file = SchemaFileArgument::read(parser.positionalArguments().first(), stdoutStream);
    if (!file)
        return 1;
    request.schema = file->schema;
    // The request's own checks before the schema's problems: a wrong flag is said first and alone.
    if (Result<void> checked = request.check(); !checked)
        return usage(checked.error().message);
    int errors = 0, warnings = 0;
    Problems problems;
    for (const Problem &problem : SchemaValidator().validate(file->schema)) {
        if (problem.isError())
            problems.append(problem);
    }
    file->printProblems(problems, stdoutStream, &errors, &warnings);
    if (errors > 0)
        return 1;

    const bool showProgress = !parser.isSet(quiet) && stderrIsTerminal();
    QElapsedTimer lastDraw;
    lastDraw.start();
    QList<GenerationRunner::TablePlanInfo> tables;
    GenerationRunner::Listener listener;
    listener.planned = [&tables](const QList<GenerationRunner::TablePlanInfo> &planned) { tables = planned; };
    if (showProgress) {
        listener.progress = [&](const GenerationJob::Progress &progress) {
            if (lastDraw.elapsed() < 100 && progress.rowsDone < progress.rowsTotal)
                return;
            lastDraw.restart();
            const double share =
                progress.rowsTotal ? double(progress.rowsDone) / double(progress.rowsTotal) : 1.0;
            const int filled = int(share * 30);
            err << QStringLiteral("\r[") << QString(filled, QLatin1Char('#'))
                << QString(30 - filled, QLatin1Char(' '))
                << QStringLiteral("] %1% %2")
                       .arg(int(share * 100), 3)
                       .arg(tables.value(progress.table).name, -24)
                << Qt::flush;
        };
    }
    const Result<std::shared_ptr<const Plan>> plan = GenerationRunner::compile(request);
    if (!plan) {
        err << file->path << QStringLiteral(": ") << plan.error().toString() << Qt::endl;
        return 1;
    }
    const Result<GenerationRunner::Outcome> result = GenerationRunner::run(request, **plan, {}, listener);
    if (showProgress)
        err << QStringLiteral("\r") << QString(70, QLatin1Char(' ')) << QStringLiteral("\r") << Qt::flush;
    if (!result) {
        err << result.error().toString() << Qt::endl;
        if (result.error().code == ErrorCode::AlreadyExists && toDatabase)
            err << tr("(--if-exists append inserts into existing tables, --if-exists truncate empties them "
                      "first)")
                << Qt::endl;
        return 1;
    }
    if (!parser.isSet(quiet)) {
        const GenerationJob::Summary &s = result->summary;
        const double seconds = std::max(s.seconds, 1e-9);
        err << tr("%1 rows, %2 in %3 s: %4 rows/s, %5/s")
                   .arg(figures().toString(s.rows), bytesText(s.bytes), QString::number(s.seconds, 'f', 3),
                        figures().toString(qint64(double(s.rows) / seconds)),
                        bytesText(qint64(double(s.bytes) / seconds)))
            << Qt::endl;
        // Values that fit their declared size only by being cut (docs/schema-format.md).
        for (auto it = s.shortened.begin(); it != s.shortened.end(); ++it)
            err << tr("%1: %2 value(s) shortened to fit the column's declared size")
                       .arg(it.key(), figures().toString(it.value()))
                << Qt::endl;
        for (const QString &note : std::as_const(result->notes))
            err << note << Qt::endl;
    }
    return 0;
}

} // namespace fabrica
