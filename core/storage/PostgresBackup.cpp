#include "PostgresBackup.h"

#include "Database.h"
#include "Migrations.h"
#include "common/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

namespace fabrica {

namespace {

// libpq's environment variable for each connection option a storage URL may carry.
const QList<std::pair<QString, QString>> &optionVariables()
{
    static const QList<std::pair<QString, QString>> variables{
        {QStringLiteral("sslmode"), QStringLiteral("PGSSLMODE")},
        {QStringLiteral("sslrootcert"), QStringLiteral("PGSSLROOTCERT")},
        {QStringLiteral("sslcert"), QStringLiteral("PGSSLCERT")},
        {QStringLiteral("sslkey"), QStringLiteral("PGSSLKEY")},
        {QStringLiteral("connect_timeout"), QStringLiteral("PGCONNECT_TIMEOUT")},
        {QStringLiteral("application_name"), QStringLiteral("PGAPPNAME")},
        {QStringLiteral("target_session_attrs"), QStringLiteral("PGTARGETSESSIONATTRS")},
    };
    return variables;
}

// A libpq connection string holding only the database name, quoted as libpq reads it.
QString databaseParameter(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QStringLiteral("dbname='%1'").arg(quoted);
}

Result<QString> currentDatabase(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT current_database()")) || !query.next())
        return Database::error(
            query.lastError(),
            QCoreApplication::translate("fabrica::PostgresBackup", "cannot read the database name"));
    return query.value(0).toString();
}

// The statement of the first migration that makes the role fabrica_app and lets the connecting role switch
// to it: a restore into another cluster needs the role before the dump's grants to it can be restored.
// Migrations never change once released, so its first statement stays the role's.
Result<QString> applicationRoleStatement()
{
    const Result<QList<Migrations::Step>> steps = Migrations::steps(SqlDialect::PostgreSQL);
    if (!steps)
        return steps.error();
    if (steps->isEmpty() || steps->front().statements.isEmpty())
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("fabrica::PostgresBackup", "the PostgreSQL migrations are missing"));
    return steps->front().statements.front();
}

} // namespace

QString PostgresBackup::findTool(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    if (!inPath.isEmpty())
        return inPath;
    // Debian keeps each major version's tools in /usr/lib/postgresql/N/bin; the newest reads every older
    // server and archive.
    QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toDouble() > b.toDouble(); });
    for (const QString &version : std::as_const(versions)) {
        const QFileInfo tool(QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(version, name));
        if (tool.isExecutable())
            return tool.absoluteFilePath();
    }
    return {};
}

QProcessEnvironment PostgresBackup::environment(const Database &storage, const QString &database)
{
    const DatabaseUrl &url = storage.url();
    // What the URL leaves out libpq takes from the inherited environment, as the storage connection did.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!url.host.isEmpty())
        environment.insert(QStringLiteral("PGHOST"), url.host);
    if (url.port > 0)
        environment.insert(QStringLiteral("PGPORT"), QString::number(url.port));
    if (!url.user.isEmpty())
        environment.insert(QStringLiteral("PGUSER"), url.user);
    // The password that opened the storage (from the URL, or the saved one): the child's environment is
    // readable only by its own user, unlike its command line.
    if (!url.password.isEmpty())
        environment.insert(QStringLiteral("PGPASSWORD"), url.password);
    if (!database.isEmpty())
        environment.insert(QStringLiteral("PGDATABASE"), database);
    for (const auto &[option, variable] : optionVariables()) {
        if (url.options.contains(option))
            environment.insert(variable, url.options.value(option));
    }
    if (!url.options.contains(QStringLiteral("application_name")))
        environment.insert(QStringLiteral("PGAPPNAME"), QStringLiteral("fabrica-backup"));
    return environment;
}

Result<QByteArray> PostgresBackup::runTool(const QString &name, const QStringList &arguments,
                                           const QProcessEnvironment &environment)
{
    const QString program = findTool(name);
    if (program.isEmpty())
        return makeError(ErrorCode::Unsupported,
                         tr("%1 is not installed: it backs up and restores PostgreSQL storage (Debian: the "
                            "package postgresql-client)")
                             .arg(name));
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    qCInfo(lcStorage) << "running" << program;
    process.start();
    if (!process.waitForStarted(-1))
        return makeError(ErrorCode::Io, tr("cannot start %1: %2").arg(program, process.errorString()));
    process.waitForFinished(-1);
    const QString errors = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // The last lines say why; the tools never print the password.
        QStringList lines = errors.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (lines.size() > 8)
            lines = lines.mid(lines.size() - 8);
        const QString why = lines.isEmpty() ? (process.exitStatus() == QProcess::NormalExit
                                                   ? tr("exit code %1").arg(process.exitCode())
                                                   : tr("it crashed"))
                                            : lines.join(QLatin1Char('\n'));
        return makeError(ErrorCode::Database, tr("%1 failed: %2").arg(name, why));
    }
    if (!errors.isEmpty())
        qCWarning(lcStorage).noquote() << name << "said:" << errors;
    return process.readAllStandardOutput();
}

Result<StorageContents> PostgresBackup::backup(Database &storage, const QString &path)
{
    Result<QSqlDatabase> db = storage.connection();
    if (!db)
        return db.error();
    // The counts and pg_dump see the same snapshot: the one this transaction exports, kept open until
    // pg_dump is done.
    Transaction snapshot(db.value());
    if (Result<void> begun = snapshot.begin(Transaction::Access::Read); !begun)
        return begun.error();
    if (Result<void> isolated = Database::exec(
            db.value(), QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        !isolated)
        return isolated.error();
    QString snapshotId;
    {
        QSqlQuery exported(db.value());
        if (!exported.exec(QStringLiteral("SELECT pg_export_snapshot()")) || !exported.next())
            return Database::error(exported.lastError(), tr("cannot export a snapshot for pg_dump"));
        snapshotId = exported.value(0).toString();
    }
    Result<QString> database = currentDatabase(db.value());
    if (!database)
        return database.error();
    Result<StorageContents> contents = StorageBackup::contents(db.value());
    if (!contents)
        return contents.error();
    if (contents->version == 0)
        return makeError(
            ErrorCode::NotFound,
            tr("%1 holds no Fabrica storage (no schema_version table)").arg(storage.url().displayString()));
    const Result<QByteArray> dumped =
        runTool(QStringLiteral("pg_dump"),
                {QStringLiteral("--format=custom"), QStringLiteral("--no-password"),
                 QStringLiteral("--snapshot=") + snapshotId, QStringLiteral("--file=") + path},
                environment(storage, *database));
    snapshot.rollback();
    if (!dumped)
        return dumped.error();
    return contents;
}

Result<int> PostgresBackup::dumpVersion(const QString &path)
{
    // Only the schema_version rows, as a script on standard output: no server needed.
    const Result<QByteArray> script =
        runTool(QStringLiteral("pg_restore"),
                {QStringLiteral("--data-only"), QStringLiteral("--table=schema_version"),
                 QStringLiteral("--file=-"), path},
                QProcessEnvironment::systemEnvironment());
    if (!script)
        return script.error();
    bool inCopy = false, found = false;
    int version = 0;
    for (const QByteArray &line : script->split('\n')) {
        if (!inCopy) {
            if (line.startsWith("COPY ") && line.contains("schema_version") && line.endsWith("FROM stdin;"))
                inCopy = found = true;
            continue;
        }
        if (line == "\\.")
            break;
        version = std::max(version, line.left(line.indexOf('\t')).toInt());
    }
    if (!found)
        return makeError(
            ErrorCode::InvalidInput,
            tr("%1 is a pg_dump archive but holds no Fabrica storage (no schema_version table)").arg(path));
    return version;
}

Result<void> PostgresBackup::restore(const QString &path, Database &storage)
{
    Result<QSqlDatabase> db = storage.connection();
    if (!db)
        return db.error();
    const Result<QString> roleStatement = applicationRoleStatement();
    if (!roleStatement)
        return roleStatement.error();
    if (Result<void> role = Database::exec(db.value(), *roleStatement); !role)
        return role.error();
    Result<QString> database = currentDatabase(db.value());
    if (!database)
        return database.error();
    // --clean --if-exists drops what the dump holds before making it again (a storage being replaced);
    // --no-owner makes the connecting role own everything, as when it ran the migrations itself.
    const Result<QByteArray> restored = runTool(
        QStringLiteral("pg_restore"),
        {QStringLiteral("--clean"), QStringLiteral("--if-exists"), QStringLiteral("--no-owner"),
         QStringLiteral("--single-transaction"), QStringLiteral("--exit-on-error"),
         QStringLiteral("--no-password"), QStringLiteral("--dbname=") + databaseParameter(*database), path},
        environment(storage, *database));
    if (!restored)
        return restored.error();
    qCInfo(lcStorage) << "restored" << path << "into" << storage.url().displayString();
    return {};
}

} // namespace fabrica
