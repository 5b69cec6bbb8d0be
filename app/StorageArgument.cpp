#include "StorageArgument.h"

#include "storage/StoragePaths.h"

#include <QTextStream>

namespace fabrica {

QCommandLineOption StorageArgument::option()
{
    return QCommandLineOption(QStringLiteral("database"),
                              tr("Fabrica's storage: sqlite:FILE or postgresql://user@host:port/db "
                                 "(default: %1).")
                                  .arg(StoragePaths::defaultDatabase()),
                              tr("URL"));
}

std::optional<DatabaseUrl> StorageArgument::url(const QCommandLineParser &parser)
{
    const QString text = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database"))
                                                                  : StoragePaths::defaultDatabase();
    Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    if (!url) {
        QTextStream(stderr) << url.error().toString() << Qt::endl;
        return std::nullopt;
    }
    return std::move(url).value();
}

std::unique_ptr<Repository> StorageArgument::open(const QCommandLineParser &parser, bool migrate)
{
    const std::optional<DatabaseUrl> url = StorageArgument::url(parser);
    if (!url)
        return nullptr;
    return open(url.value(), migrate);
}

std::unique_ptr<Repository> StorageArgument::open(const DatabaseUrl &url, bool migrate)
{
    QTextStream err(stderr);
    Result<std::unique_ptr<Repository>> repository = Repository::open(url);
    if (!repository) {
        err << repository.error().toString() << Qt::endl;
        return nullptr;
    }
    if (migrate) {
        if (Result<int> migrated = (*repository)->migrate(); !migrated) {
            err << migrated.error().toString() << Qt::endl;
            return nullptr;
        }
    }
    return std::move(repository.value());
}

} // namespace fabrica
