#pragma once

// Fresh storage databases for the tests: a SQLite file in a temporary folder, or a new database on the
// PostgreSQL server of FABRICA_TEST_PG_URL (started by scripts/test.sh), dropped afterwards.

#include "sql/SqlIdentifier.h"
#include "storage/Database.h"
#include "storage/DatabaseUrl.h"
#include "storage/Repository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace fabrica::test {

class StorageDatabases
{
public:
    explicit StorageDatabases(SqlDialect dialect)
        : m_dialect(dialect)
    {}
    ~StorageDatabases() { dropAll(); }

    // An error message, or empty when the backend is usable.
    QString check()
    {
        if (m_dialect == SqlDialect::SQLite)
            return m_dir.isValid() ? QString() : QStringLiteral("no temporary folder");
        const QString value = qEnvironmentVariable("FABRICA_TEST_PG_URL");
        if (value.isEmpty())
            return QStringLiteral(
                "FABRICA_TEST_PG_URL is not set: run scripts/test.sh, which starts a PostgreSQL "
                "server for the tests, or set it to postgresql://user@host:port/dbname");
        Result<DatabaseUrl> url = DatabaseUrl::parse(value);
        if (!url)
            return url.error().toString();
        m_server = url.value();
        Result<std::shared_ptr<Database>> admin = Database::open(m_server);
        if (!admin)
            return admin.error().toString();
        m_admin = admin.value();
        return {};
    }

    // A URL of a new, empty database.
    DatabaseUrl fresh()
    {
        const QString name =
            QStringLiteral("fabrica_test_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
        if (m_dialect == SqlDialect::SQLite)
            return DatabaseUrl::sqliteFile(m_dir.filePath(name + QStringLiteral(".sqlite")));
        QSqlDatabase db = m_admin->connection().value();
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE DATABASE ") +
                        SqlIdentifier::quote(SqlDialect::PostgreSQL, name)))
            qFatal("cannot create a test database: %s", qPrintable(query.lastError().text()));
        m_created << name;
        DatabaseUrl url = m_server;
        url.database = name;
        return url;
    }

    std::unique_ptr<Repository> freshRepository()
    {
        Result<std::unique_ptr<Repository>> repository = Repository::open(fresh());
        if (!repository)
            qFatal("cannot open the test storage: %s", qPrintable(repository.error().toString()));
        Result<int> migrated = (*repository)->migrate();
        if (!migrated)
            qFatal("cannot migrate the test storage: %s", qPrintable(migrated.error().toString()));
        return std::move(repository.value());
    }

    void dropAll()
    {
        if (!m_admin)
            return;
        QSqlDatabase db = m_admin->connection().value();
        for (const QString &name : std::as_const(m_created)) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                           .arg(SqlIdentifier::quote(SqlDialect::PostgreSQL, name)));
        }
        m_created.clear();
    }

    SqlDialect dialect() const { return m_dialect; }

private:
    SqlDialect m_dialect;
    QTemporaryDir m_dir;
    DatabaseUrl m_server;
    std::shared_ptr<Database> m_admin;
    QStringList m_created;
};

// A user row for createUser(); the hash is a valid PHC string nobody can sign in with.
inline UserRecord newUser(const QString &name, Role role = Role::User)
{
    UserRecord user;
    user.username = name;
    user.email = name + QStringLiteral("@example.com");
    user.passwordHash = QStringLiteral(
        "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
    user.role = role;
    return user;
}

// Runs a test object once per storage backend: SQLite, then PostgreSQL.
template<typename Test> int runOnEveryBackend(int argc, char **argv)
{
    int failures = 0;
    for (const SqlDialect dialect : {SqlDialect::SQLite, SqlDialect::PostgreSQL}) {
        Test test(dialect);
        failures += QTest::qExec(&test, argc, argv);
    }
    return failures;
}

} // namespace fabrica::test
