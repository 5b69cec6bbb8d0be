#include "Migrations.h"

#include "Database.h"
#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

namespace fabrica {

Result<QList<Migrations::Step>> Migrations::steps(SqlDialect dialect)
{
    const QString folder = QStringLiteral(":/fabrica/migrations/") + sqlDialectId(dialect);
    static const QRegularExpression fileName(QStringLiteral("^(\\d{3})_([a-z0-9_]+)\\.sql$"));
    QList<Step> result;
    for (const QString &entry : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = fileName.match(entry);
        if (!match.hasMatch())
            return makeError(ErrorCode::Internal, tr("unexpected migration file %1").arg(entry));
        QFile file(folder + QLatin1Char('/') + entry);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Internal, tr("cannot read migration %1").arg(entry));
        Step step;
        step.version = match.captured(1).toInt();
        step.name = match.captured(2);
        // Statements are separated by a line holding only ";", so function bodies keep their own.
        QString current;
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (line.trimmed() == QLatin1String(";")) {
                if (!current.trimmed().isEmpty())
                    step.statements << current.trimmed();
                current.clear();
            } else if (!line.trimmed().startsWith(QLatin1String("--"))) {
                current += line + QLatin1Char('\n');
            }
        }
        if (!current.trimmed().isEmpty())
            step.statements << current.trimmed();
        if (!result.isEmpty() && result.back().version + 1 != step.version)
            return makeError(ErrorCode::Internal, tr("migration %1 breaks the numbering").arg(entry));
        result << step;
    }
    return result;
}

int Migrations::latestVersion(SqlDialect dialect)
{
    const Result<QList<Step>> all = steps(dialect);
    return all && !all->isEmpty() ? all->back().version : 0;
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version")) || !query.next())
        return Database::error(query.lastError(), tr("cannot read the storage version"));
    return query.value(0).toInt();
}

Result<int> Migrations::migrate(QSqlDatabase &db, SqlDialect dialect, int target)
{
    const Result<QList<Step>> all = steps(dialect);
    if (!all)
        return all.error();
    if (target < 0)
        target = all->isEmpty() ? 0 : all->back().version;
    if (!db.tables().contains(QStringLiteral("schema_version"))) {
        if (Result<void> made =
                Database::exec(db, QStringLiteral("CREATE TABLE schema_version (version integer "
                                                  "PRIMARY KEY, name text NOT NULL, applied text NOT NULL)"));
            !made)
            return made.error();
    }
    Result<int> current = currentVersion(db);
    if (!current)
        return current.error();
    if (*current > (all->isEmpty() ? 0 : all->back().version))
        return makeError(ErrorCode::Unsupported,
                         tr("the storage is at version %1, newer than this Fabrica knows (%2); "
                            "use a newer Fabrica")
                             .arg(*current)
                             .arg(all->isEmpty() ? 0 : all->back().version));
    int reached = *current;
    // A SQLite step may rebuild a table (the only way to change a constraint there); dropping the old
    // table must not cascade into the rows that reference it, so foreign keys are off during the steps
    // (the pragma is ignored inside a transaction) and checked before each step commits.
    const bool sqlite = dialect == SqlDialect::SQLite;
    struct ForeignKeysBack
    {
        QSqlDatabase &db;
        bool on;
        ~ForeignKeysBack()
        {
            if (on)
                (void)Database::exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        }
    } foreignKeysBack{db, sqlite};
    if (sqlite) {
        if (Result<void> off = Database::exec(db, QStringLiteral("PRAGMA foreign_keys = OFF")); !off)
            return off.error();
    }
    for (const Step &step : *all) {
        if (step.version <= reached || step.version > target)
            continue;
        Transaction transaction(db);
        if (Result<void> begun = transaction.begin(); !begun)
            return begun.error();
        for (const QString &statement : step.statements) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                return Database::error(
                    query.lastError(),
                    tr("migration %1 (%2) failed").arg(step.version, 3, 10, QLatin1Char('0')).arg(step.name));
        }
        if (sqlite) {
            QSqlQuery check(db);
            if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
                return Database::error(
                    check.lastError(),
                    tr("migration %1 (%2) failed").arg(step.version, 3, 10, QLatin1Char('0')).arg(step.name));
            if (check.next())
                return makeError(ErrorCode::Internal,
                                 tr("migration %1 (%2) left a row of %3 without the row it refers to")
                                     .arg(step.version, 3, 10, QLatin1Char('0'))
                                     .arg(step.name, check.value(0).toString()));
        }
        QSqlQuery record(db);
        record.prepare(
            QStringLiteral("INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)"));
        record.addBindValue(step.version);
        record.addBindValue(step.name);
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (Result<void> done = Database::exec(record, tr("cannot record migration %1").arg(step.version));
            !done)
            return done.error();
        if (Result<void> committed = transaction.commit(); !committed)
            return committed.error();
        qCInfo(lcStorage) << "applied migration" << step.version << step.name;
        reached = step.version;
    }
    return reached;
}

} // namespace fabrica
