#include "AutosaveStore.h"

#include "UiLogging.h"
#include "common/SystemError.h"
#include "format/SchemaFile.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace fabrica {

namespace {

const QString kMetaSuffix = QStringLiteral(".meta.json");

// How an origin is written in the meta file.
const QList<QPair<SchemaSession::Origin, QString>> kOrigins = {
    {SchemaSession::Origin::Unsaved, QStringLiteral("unsaved")},
    {SchemaSession::Origin::File, QStringLiteral("file")},
    {SchemaSession::Origin::Stored, QStringLiteral("stored")},
};

QString originId(SchemaSession::Origin origin)
{
    for (const auto &[value, id] : kOrigins) {
        if (value == origin)
            return id;
    }
    return {};
}

SchemaSession::Origin originFromId(const QString &text)
{
    for (const auto &[value, id] : kOrigins) {
        if (id == text)
            return value;
    }
    return SchemaSession::Origin::Unsaved;
}

} // namespace

AutosaveStore::AutosaveStore(QString folder) : m_folder(std::move(folder))
{
    if (m_folder.isEmpty())
        m_folder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                       .filePath(QStringLiteral("autosave"));
}

QString AutosaveStore::schemaPath(const QUuid &id) const
{
    return QDir(m_folder).filePath(id.toString(QUuid::WithoutBraces) + SchemaFile::suffix());
}

QString AutosaveStore::metaPath(const QUuid &id) const
{
    return QDir(m_folder).filePath(id.toString(QUuid::WithoutBraces) + kMetaSuffix);
}

Result<void> AutosaveStore::write(const Entry &entry) const
{
    if (!QDir().mkpath(m_folder))
        return makeError(ErrorCode::Io, tr("cannot create the folder %1").arg(m_folder));
    // The schema first: a meta file is only ever written beside a complete schema.
    if (Result<void> saved = SchemaFile::save(entry.schema, schemaPath(entry.id)); !saved)
        return saved;
    const QJsonObject meta{
        {QStringLiteral("user"), entry.userId},
        {QStringLiteral("origin"), originId(entry.origin)},
        {QStringLiteral("file"), entry.filePath},
        {QStringLiteral("storedId"), entry.storedId},
        {QStringLiteral("storedOwnerId"), entry.storedOwnerId},
        {QStringLiteral("storedOwner"), entry.storedOwner},
        {QStringLiteral("saved"), entry.saved.toUTC().toString(Qt::ISODateWithMs)},
    };
    QSaveFile file(metaPath(entry.id));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    SystemError::clear();
    if (file.write(QJsonDocument(meta).toJson()) < 0 || !file.flush() || !file.commit())
        return makeError(ErrorCode::Io,
                         tr("cannot write %1: %2").arg(file.fileName(), SystemError::reason(file)));
    return {};
}

void AutosaveStore::remove(const QUuid &id) const
{
    QFile::remove(metaPath(id));
    QFile::remove(schemaPath(id));
}

QList<AutosaveStore::Entry> AutosaveStore::load(qint64 userId) const
{
    QList<Entry> entries;
    const QDir dir(m_folder);
    for (const QString &name : dir.entryList({QStringLiteral("*") + kMetaSuffix}, QDir::Files)) {
        const QUuid id = QUuid::fromString(name.left(name.size() - kMetaSuffix.size()));
        QFile file(dir.filePath(name));
        if (id.isNull() || !file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject meta = QJsonDocument::fromJson(file.readAll()).object();
        if (meta.value(QStringLiteral("user")).toInteger() != userId)
            continue;
        const Result<Schema> schema = SchemaFile::load(schemaPath(id));
        if (!schema) {
            qCWarning(lcUi) << "skipping an unreadable autosave:" << schema.error().toString();
            continue;
        }
        Entry entry;
        entry.id = id;
        entry.userId = userId;
        entry.origin = originFromId(meta.value(QStringLiteral("origin")).toString());
        entry.filePath = meta.value(QStringLiteral("file")).toString();
        entry.storedId = meta.value(QStringLiteral("storedId")).toInteger();
        entry.storedOwnerId = meta.value(QStringLiteral("storedOwnerId")).toInteger();
        entry.storedOwner = meta.value(QStringLiteral("storedOwner")).toString();
        entry.saved = QDateTime::fromString(meta.value(QStringLiteral("saved")).toString(), Qt::ISODateWithMs);
        entry.schema = schema.value();
        entries << entry;
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.saved > b.saved; });
    return entries;
}

} // namespace fabrica
