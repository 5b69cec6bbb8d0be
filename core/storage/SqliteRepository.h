#pragma once

#include <QCoreApplication>

#include "SqlRepository.h"

namespace fabrica {

// The embedded default: one SQLite file. Access control is the application's alone here (SQLite has
// no roles); generated data is stored with prepared statements in one transaction.
class SqliteRepository : public SqlRepository
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqliteRepository)

public:
    using SqlRepository::SqlRepository;

    Result<std::unique_ptr<Sink>> generatedDataSink(const Actor &actor, qint64 runId) override;

protected:
    Result<void> applyScope(QSqlDatabase &db, const Actor &actor) override;
    Result<void> lockUsers(QSqlDatabase &db) override;
};

} // namespace fabrica
