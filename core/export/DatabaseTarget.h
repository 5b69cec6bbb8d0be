#pragma once

#include "DatabaseSink.h"
#include "common/Result.h"
#include "storage/DatabaseUrl.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

namespace fabrica {

class Database;

// Where "write into a database" loads: the connection (its URL carries the target schema, never the
// password), what happens to tables that exist, and a password typed for this load only. The desktop's
// target dialog fills one in; it says what the CLI's --to URL and --if-exists say.
struct DatabaseTarget
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DatabaseTarget)

public:
    // What a test of the connection found.
    struct Check
    {
        QString serverVersion; // Database::serverVersion()
        // SQLite: the file exists. PostgreSQL: the target schema exists, or none is named. When false,
        // the load creates it.
        bool exists = true;
    };

    DatabaseUrl url; // url.password stays empty: the password is the member below
    DatabaseSink::IfExists ifExists = DatabaseSink::IfExists::Fail;
    bool disableTriggers = false; // DatabaseSink::Options::disableTriggers
    // Typed for this load; never logged. Empty: the server's other sources (PGPASSWORD, ~/.pgpass, a
    // password saved with SavedPasswords), which Database::open tries itself.
    QByteArray password;
    QString displayName; // the saved connection's name, or empty

    // The name to show: displayName, or the URL without password.
    QString label() const;
    // The URL to connect with: url plus the typed password, if any.
    DatabaseUrl connectionUrl() const;
    DatabaseSink::Options sinkOptions() const { return {ifExists, url.schema, disableTriggers}; }
    Result<std::shared_ptr<Database>> open() const;
    // Connects as the load will and asks the server for its version. A SQLite file that does not exist
    // yet is not created (a test the user cancels must leave nothing behind). Blocks for up to the
    // connect timeout: call it off the GUI thread.
    Result<Check> check() const;
    // Overwrites the password's bytes, once the load no longer needs it.
    void wipePassword();
};

} // namespace fabrica
