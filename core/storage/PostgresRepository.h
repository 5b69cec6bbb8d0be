#pragma once

#include <QCoreApplication>

#include "SqlRepository.h"

namespace fabrica {

// Storage on a PostgreSQL server. Every transaction of a signed-in user runs as the role fabrica_app with
// the user's id set (SET LOCAL), so the row-level security policies of the migrations decide what the
// statements see, whatever the application asked; generated data goes in with COPY.
class PostgresRepository : public SqlRepository
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PostgresRepository)

public:
    using SqlRepository::SqlRepository;

    Result<std::unique_ptr<Sink>> generatedDataSink(const Actor &actor, qint64 runId) override;

    // The role the application works as; it owns nothing.
    static QString applicationRole() { return QStringLiteral("fabrica_app"); }

protected:
    Result<void> applyScope(QSqlDatabase &db, const Actor &actor) override;
    Result<void> lockUsers(QSqlDatabase &db) override;
};

} // namespace fabrica
