#include "SchemaFile.h"

#include "CanonicalJson.h"
#include "JsonLocator.h"

#include "common/Logging.h"
#include "common/SystemError.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <cmath>
#include <functional>
#include <optional>

namespace fabrica {

namespace {

const QString kFormat = QStringLiteral("format");
const QString kVersionKey = QStringLiteral("version");
const QString kSchema = QStringLiteral("schema");
const QString kName = QStringLiteral("name");
const QString kDescription = QStringLiteral("description");
const QString kOwner = QStringLiteral("owner");
const QString kCreated = QStringLiteral("created");
const QString kLocale = QStringLiteral("locale");
const QString kReferenceDate = QStringLiteral("referenceDate");
const QString kTables = QStringLiteral("tables");
const QString kRows = QStringLiteral("rows");
const QString kColumns = QStringLiteral("columns");
const QString kType = QStringLiteral("type");
const QString kConstraints = QStringLiteral("constraints");
const QString kSamples = QStringLiteral("samples");

constexpr double kMaxRows = 9007199254740992.0; // 2^53: exact in a JSON number

// Parsing state: the file's locator turns a JSON pointer into "file:line:column". It is made on the first
// error only: scanning a big file for positions costs more than reading it, and valid files need none.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaFile)

public:
    Reader(const QByteArray &json, const QString &fileName)
        : m_json(json)
        , m_fileName(fileName)
    {}

    Error error(const QString &pointer, const QString &path, const QString &message) const
    {
        if (!m_locator)
            m_locator.emplace(m_json, m_fileName);
        SourceLocation where = m_locator->locate(pointer);
        where.path = path;
        return makeError(ErrorCode::InvalidInput, message, where);
    }

    // An error for the first property of object not in allowed.
    // `what` names the object in the message; made only when there is one.
    std::optional<Error> unknownProperty(const QJsonObject &object, const QStringList &allowed,
                                         const QString &pointer, const QString &path,
                                         const std::function<QString()> &what) const
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key())) {
                return error(pointer + QLatin1Char('/') + JsonLocator::escapeSegment(it.key()), path,
                             tr("unknown property \"%1\" in %2 (expected one of: %3)")
                                 .arg(it.key(), what(), allowed.join(QLatin1String(", "))));
            }
        }
        return std::nullopt;
    }

    // Reads an optional string member into *out.
    std::optional<Error> optionalString(const QJsonObject &object, const QString &key, const QString &pointer,
                                        const QString &path, QString *out) const
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isString())
            return error(pointer + QLatin1Char('/') + key, path,
                         tr("\"%1\" must be a string, found %2").arg(key, describe(value)));
        *out = value.toString();
        return std::nullopt;
    }

    std::optional<Error> requiredString(const QJsonObject &object, const QString &key, const QString &pointer,
                                        const QString &path, const std::function<QString()> &what,
                                        QString *out) const
    {
        if (!object.contains(key))
            return error(pointer, path, tr("%1 has no \"%2\"").arg(what(), key));
        return optionalString(object, key, pointer, path, out);
    }

    static QString describe(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
            return tr("null");
        case QJsonValue::Bool:
            return value.toBool() ? tr("true") : tr("false");
        case QJsonValue::Double:
            return tr("the number %1").arg(QString::fromUtf8(CanonicalJson::number(value.toDouble())));
        case QJsonValue::String:
            return tr("the string %1").arg(QString::fromUtf8(CanonicalJson::quoted(value.toString())));
        case QJsonValue::Array:
            return tr("an array");
        case QJsonValue::Object:
            return tr("an object");
        case QJsonValue::Undefined:
            break;
        }
        return tr("nothing");
    }

    Result<Column> column(const QJsonValue &value, const QString &pointer, const QString &tableName,
                          int index) const
    {
        const QString fallbackPath = tableName + QLatin1String(".#") + QString::number(index + 1);
        if (!value.isObject())
            return error(pointer, fallbackPath,
                         tr("a column must be an object, found %1").arg(describe(value)));
        const QJsonObject object = value.toObject();
        Column column;
        const auto what = [&] { return tr("column #%1 of table \"%2\"").arg(index + 1).arg(tableName); };
        if (auto e = requiredString(object, kName, pointer, fallbackPath, what, &column.name))
            return *e;
        const QString path = tableName + QLatin1Char('.') + column.name;
        if (auto e = unknownProperty(object, {kName, kType, kDescription, kConstraints, kSamples}, pointer,
                                     path, [] { return tr("a column"); }))
            return *e;
        if (auto e = requiredString(
                object, kType, pointer, path, [&] { return tr("column \"%1\"").arg(path); }, &column.type))
            return *e;
        if (auto e = optionalString(object, kDescription, pointer, path, &column.description))
            return *e;
        const QJsonValue constraints = object.value(kConstraints);
        if (!constraints.isUndefined()) {
            if (!constraints.isObject())
                return error(pointer + QLatin1Char('/') + kConstraints, path,
                             tr("\"constraints\" must be an object, found %1").arg(describe(constraints)));
            column.constraints = constraints.toObject();
        }
        const QJsonValue samples = object.value(kSamples);
        if (!samples.isUndefined()) {
            if (!samples.isArray())
                return error(pointer + QLatin1Char('/') + kSamples, path,
                             tr("\"samples\" must be an array of strings, found %1").arg(describe(samples)));
            const QJsonArray array = samples.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (!array.at(i).isString())
                    return error(
                        pointer + QLatin1Char('/') + kSamples + QLatin1Char('/') + QString::number(i), path,
                        tr("sample #%1 must be a string, found %2").arg(i + 1).arg(describe(array.at(i))));
                column.samples.append(array.at(i).toString());
            }
        }
        return column;
    }

    Result<Table> table(const QJsonValue &value, int index, const QString &pointer) const
    {
        const QString fallbackPath = QLatin1Char('#') + QString::number(index + 1);
        if (!value.isObject())
            return error(pointer, fallbackPath,
                         tr("a table must be an object, found %1").arg(describe(value)));
        const QJsonObject object = value.toObject();
        Table table;
        if (auto e = requiredString(
                object, kName, pointer, fallbackPath, [&] { return tr("table #%1").arg(index + 1); },
                &table.name))
            return *e;
        const QString path = table.name;
        if (auto e = unknownProperty(object, {kName, kDescription, kRows, kColumns}, pointer, path,
                                     [] { return tr("a table"); }))
            return *e;
        if (auto e = optionalString(object, kDescription, pointer, path, &table.description))
            return *e;
        if (!object.contains(kRows))
            return error(pointer, path, tr("table \"%1\" has no \"rows\"").arg(table.name));
        const QJsonValue rows = object.value(kRows);
        const double count = rows.toDouble(-1);
        if (!rows.isDouble() || count < 0 || std::floor(count) != count || count > kMaxRows)
            return error(pointer + QLatin1Char('/') + kRows, path,
                         tr("\"rows\" must be a whole number from 0 to 2^53, found %1").arg(describe(rows)));
        table.rows = static_cast<qint64>(count);
        if (!object.contains(kColumns))
            return error(pointer, path, tr("table \"%1\" has no \"columns\"").arg(table.name));
        const QJsonValue columns = object.value(kColumns);
        if (!columns.isArray())
            return error(pointer + QLatin1Char('/') + kColumns, path,
                         tr("\"columns\" must be an array, found %1").arg(describe(columns)));
        const QJsonArray array = columns.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto column =
                this->column(array.at(i), pointer + QStringLiteral("/columns/%1").arg(i), table.name, int(i));
            if (!column)
                return column.error();
            table.columns.append(std::move(column).value());
        }
        return table;
    }

    Result<Schema> schema(const QJsonObject &root) const
    {
        if (auto e = unknownProperty(root, {kFormat, kVersionKey, kSchema}, QString(), QString(),
                                     [] { return tr("the file"); }))
            return *e;
        const QJsonValue format = root.value(kFormat);
        if (format.toString() != SchemaFile::formatName())
            return error(QStringLiteral("/format"), QString(),
                         tr("not a Fabrica schema file: \"format\" must be \"%1\", found %2")
                             .arg(SchemaFile::formatName(), describe(format)));
        const QJsonValue version = root.value(kVersionKey);
        const double number = version.toDouble(-1);
        if (!version.isDouble() || number < 1 || std::floor(number) != number)
            return error(QStringLiteral("/version"), QString(),
                         tr("\"version\" must be a whole number from 1, found %1").arg(describe(version)));
        if (number > SchemaFile::kVersion)
            return error(QStringLiteral("/version"), QString(),
                         tr("the file has format version %1, but this Fabrica reads up to version %2; "
                            "open it with a newer Fabrica")
                             .arg(static_cast<qint64>(number))
                             .arg(SchemaFile::kVersion));
        const QJsonValue schemaValue = root.value(kSchema);
        if (!schemaValue.isObject())
            return error(QStringLiteral("/schema"), QString(),
                         tr("\"schema\" must be an object, found %1").arg(describe(schemaValue)));
        const QJsonObject object = schemaValue.toObject();
        const QString pointer = QStringLiteral("/schema");
        Schema schema;
        if (auto e = requiredString(
                object, kName, pointer, QString(), [] { return tr("the schema"); }, &schema.name))
            return *e;
        if (auto e = unknownProperty(
                object, {kName, kDescription, kOwner, kCreated, kReferenceDate, kLocale, kTables}, pointer,
                QString(), [] { return tr("the schema"); }))
            return *e;
        if (auto e = optionalString(object, kDescription, pointer, QString(), &schema.description))
            return *e;
        if (auto e = optionalString(object, kOwner, pointer, QString(), &schema.owner))
            return *e;
        if (auto e = optionalString(object, kLocale, pointer, QString(), &schema.locale))
            return *e;
        QString created;
        if (auto e = optionalString(object, kCreated, pointer, QString(), &created))
            return *e;
        if (!created.isEmpty()) {
            schema.created = QDateTime::fromString(created, Qt::ISODateWithMs);
            if (!schema.created.isValid() || schema.created.timeSpec() == Qt::LocalTime)
                return error(QStringLiteral("/schema/created"), QString(),
                             tr("\"created\" must be an ISO 8601 date and time with a time zone, such as "
                                "\"2026-11-25T12:00:00Z\", found \"%1\"")
                                 .arg(created));
            schema.created = schema.created.toUTC();
        }
        QString reference;
        if (auto e = optionalString(object, kReferenceDate, pointer, QString(), &reference))
            return *e;
        if (!object.value(kReferenceDate).isUndefined()) {
            // Strict YYYY-MM-DD: QDate's ISO reader would also take "2026-1-5" or a trailing time.
            static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
            schema.referenceDate = QDate::fromString(reference, Qt::ISODate);
            if (!shape.match(reference).hasMatch() || !schema.referenceDate.isValid())
                return error(
                    QStringLiteral("/schema/referenceDate"), QString(),
                    tr("\"referenceDate\" must be a date written YYYY-MM-DD, such as \"2026-01-31\", "
                       "found \"%1\"")
                        .arg(reference));
        }
        if (!object.contains(kTables))
            return error(pointer, QString(), tr("the schema has no \"tables\""));
        const QJsonValue tables = object.value(kTables);
        if (!tables.isArray())
            return error(QStringLiteral("/schema/tables"), QString(),
                         tr("\"tables\" must be an array, found %1").arg(describe(tables)));
        const QJsonArray array = tables.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto table = this->table(array.at(i), int(i), SchemaFile::tablePointer(int(i)));
            if (!table)
                return table.error();
            schema.tables.append(std::move(table).value());
        }
        return schema;
    }

private:
    const QByteArray &m_json;
    QString m_fileName;
    mutable std::optional<JsonLocator> m_locator;
};

QJsonObject toJson(const Schema &schema)
{
    QJsonArray tables;
    for (const Table &table : schema.tables)
        tables.append(SchemaFile::tableObject(table));
    QJsonObject object{{kName, schema.name}, {kTables, tables}};
    if (!schema.description.isEmpty())
        object.insert(kDescription, schema.description);
    if (!schema.owner.isEmpty())
        object.insert(kOwner, schema.owner);
    if (schema.created.isValid())
        object.insert(kCreated, schema.created.toUTC().toString(
                                    schema.created.time().msec() ? Qt::ISODateWithMs : Qt::ISODate));
    if (schema.referenceDate.isValid())
        object.insert(kReferenceDate, schema.referenceDate.toString(Qt::ISODate));
    if (!schema.locale.isEmpty())
        object.insert(kLocale, schema.locale);
    return QJsonObject{
        {kFormat, SchemaFile::formatName()}, {kVersionKey, SchemaFile::kVersion}, {kSchema, object}};
}

} // namespace

Result<Schema> SchemaFile::parse(const QByteArray &json, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports the offset just past the character it choked on; point at that character.
        SourceLocation where = JsonLocator(json, fileName).locateOffset(qMax(0, parseError.offset - 1));
        return makeError(ErrorCode::InvalidInput, tr("invalid JSON: %1").arg(parseError.errorString()),
                         where);
    }
    if (!document.isObject())
        return makeError(ErrorCode::InvalidInput,
                         tr("not a Fabrica schema file: the top level must be a JSON object"),
                         SourceLocation{fileName, 1, 1, {}});
    return Reader(json, fileName).schema(document.object());
}

Result<Schema> SchemaFile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("cannot open the file: %1").arg(file.errorString()),
                         SourceLocation{path, 0, 0, {}});
    return parse(file.readAll(), path);
}

QByteArray SchemaFile::serialize(const Schema &schema)
{
    static const CanonicalJson writer({kFormat, kVersionKey, kSchema, kName, kType, kDescription, kOwner,
                                       kCreated, kReferenceDate, kLocale, kRows, kConstraints, kSamples,
                                       kColumns, kTables});
    return writer.write(toJson(schema));
}

Result<void> SchemaFile::save(const Schema &schema, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, tr("cannot write the file: %1").arg(file.errorString()),
                         SourceLocation{path, 0, 0, {}});
    const QByteArray bytes = serialize(schema);
    // flush() first: Qt 6.4's commit() does not notice that its last buffered bytes failed (a full disk).
    SystemError::clear();
    if (file.write(bytes) != bytes.size() || !file.flush() || !file.commit())
        return makeError(ErrorCode::Io, tr("cannot write the file: %1").arg(SystemError::reason(file)),
                         SourceLocation{path, 0, 0, {}});
    qCDebug(lcFormat) << "saved schema" << schema.name << "to" << path;
    return {};
}

Result<Table> SchemaFile::parseTable(const QJsonObject &object, int index, const QByteArray &json)
{
    return Reader(json, QString()).table(object, index, QString());
}

Result<Column> SchemaFile::parseColumn(const QJsonObject &object, const QString &tableName, int index,
                                       const QByteArray &json)
{
    return Reader(json, QString()).column(object, QString(), tableName, index);
}

QJsonObject SchemaFile::columnObject(const Column &column)
{
    QJsonObject object{{kName, column.name}, {kType, column.type}};
    if (!column.description.isEmpty())
        object.insert(kDescription, column.description);
    if (!column.constraints.isEmpty())
        object.insert(kConstraints, column.constraints);
    if (!column.samples.isEmpty())
        object.insert(kSamples, QJsonArray::fromStringList(column.samples));
    return object;
}

QJsonObject SchemaFile::tableObject(const Table &table)
{
    QJsonArray columns;
    for (const Column &column : table.columns)
        columns.append(columnObject(column));
    QJsonObject object{{kName, table.name}, {kRows, double(table.rows)}, {kColumns, columns}};
    if (!table.description.isEmpty())
        object.insert(kDescription, table.description);
    return object;
}

QString SchemaFile::tablePointer(int table)
{
    return QStringLiteral("/schema/tables/%1").arg(table);
}

QString SchemaFile::columnPointer(int table, int column)
{
    return QStringLiteral("/schema/tables/%1/columns/%2").arg(table).arg(column);
}

QString SchemaFile::constraintPointer(int table, int column, const QString &key)
{
    return columnPointer(table, column) + QStringLiteral("/constraints/") + JsonLocator::escapeSegment(key);
}

} // namespace fabrica
