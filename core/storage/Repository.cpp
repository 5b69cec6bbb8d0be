#include "Repository.h"

#include "PostgresRepository.h"
#include "SqliteRepository.h"

namespace fabrica {

Result<std::unique_ptr<Repository>> Repository::open(const DatabaseUrl &url)
{
    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    if (url.isPostgres())
        return std::unique_ptr<Repository>(new PostgresRepository(database.value()));
    return std::unique_ptr<Repository>(new SqliteRepository(database.value()));
}

} // namespace fabrica
