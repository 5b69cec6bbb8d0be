#include "SavedConnections.h"

#include "UiLogging.h"

#include <QUrl>

#include <algorithm>

namespace fabrica {

namespace {

const QString kConnections = QStringLiteral("databaseConnections");
const QString kLastUrl = QStringLiteral("databaseTarget/url");
const QString kLastIfExists = QStringLiteral("databaseTarget/ifExists");
const QString kLastName = QStringLiteral("databaseTarget/name");
const QString kLastDisableTriggers = QStringLiteral("databaseTarget/disableTriggers");

// Names are the user's: percent-encoded, since QSettings reads '/' as a group and '\' oddly.
QString keyOf(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QString nameOf(const QString &key)
{
    return QUrl::fromPercentEncoding(key.toLatin1());
}

} // namespace

SavedConnections::SavedConnections() = default;

SavedConnections::SavedConnections(QString settingsFile)
    : m_settingsFile(std::move(settingsFile))
{}

std::unique_ptr<QSettings> SavedConnections::settings() const
{
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

Result<void> SavedConnections::synced(QSettings &store) const
{
    store.sync();
    if (store.status() != QSettings::NoError)
        return makeError(ErrorCode::Io, tr("cannot write the settings file %1").arg(store.fileName()));
    return {};
}

QList<SavedConnections::Connection> SavedConnections::list() const
{
    std::unique_ptr<QSettings> store = settings();
    store->beginGroup(kConnections);
    QList<Connection> connections;
    for (const QString &key : store->childKeys()) {
        Result<DatabaseUrl> url = DatabaseUrl::parse(store->value(key).toString());
        if (!url) {
            qCWarning(lcUi) << "ignoring the saved connection" << nameOf(key) << url.error().message;
            continue;
        }
        connections.append({nameOf(key), *url});
    }
    std::sort(connections.begin(), connections.end(), [](const Connection &a, const Connection &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return connections;
}

std::optional<DatabaseUrl> SavedConnections::find(const QString &name) const
{
    std::unique_ptr<QSettings> store = settings();
    const QString text = store->value(kConnections + QLatin1Char('/') + keyOf(name)).toString();
    if (text.isEmpty())
        return std::nullopt;
    Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    if (!url)
        return std::nullopt;
    return *url;
}

Result<void> SavedConnections::save(const QString &name, const DatabaseUrl &url)
{
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("a saved connection needs a name"));
    std::unique_ptr<QSettings> store = settings();
    store->setValue(kConnections + QLatin1Char('/') + keyOf(name), url.toString());
    return synced(*store);
}

void SavedConnections::remove(const QString &name)
{
    std::unique_ptr<QSettings> store = settings();
    store->remove(kConnections + QLatin1Char('/') + keyOf(name));
    store->sync();
}

std::optional<DatabaseTarget> SavedConnections::last() const
{
    std::unique_ptr<QSettings> store = settings();
    Result<DatabaseUrl> url = DatabaseUrl::parse(store->value(kLastUrl).toString());
    if (!url)
        return std::nullopt;
    DatabaseTarget target;
    target.url = *url;
    target.ifExists = DatabaseSink::ifExistsFromId(store->value(kLastIfExists).toString())
                          .value_or(DatabaseSink::IfExists::Fail);
    target.displayName = store->value(kLastName).toString();
    target.disableTriggers = store->value(kLastDisableTriggers, false).toBool();
    return target;
}

Result<void> SavedConnections::setLast(const DatabaseTarget &target)
{
    std::unique_ptr<QSettings> store = settings();
    store->setValue(kLastUrl, target.url.toString());
    store->setValue(kLastIfExists, DatabaseSink::ifExistsId(target.ifExists));
    store->setValue(kLastName, target.displayName);
    store->setValue(kLastDisableTriggers, target.disableTriggers);
    return synced(*store);
}

} // namespace fabrica
