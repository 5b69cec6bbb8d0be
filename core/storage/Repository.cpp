#include "Repository.h"

#include "PostgresRepository.h"
#include "SqliteRepository.h"

namespace fabrica {

Result<std::unique_ptr<Repository>> Repository::open(const DatabaseUrl &url)
{
    // MySQL is a target to load generated data into, not a home for Fabrica's own storage.
    if (url.isMysql())
        return makeError(ErrorCode::Unsupported,
                         QCoreApplication::translate(
                             "fabrica::Repository", "invalid database URL for Fabrica's storage: it lives in "
                                                    "SQLite or PostgreSQL; mysql:// is for --to targets"));
    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    if (url.isPostgres())
        return std::unique_ptr<Repository>(new PostgresRepository(database.value()));
    return std::unique_ptr<Repository>(new SqliteRepository(database.value()));
}

} // namespace fabrica
