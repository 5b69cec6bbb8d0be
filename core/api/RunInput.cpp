#include "RunInput.h"

#include "export/ExportFormat.h"

#include <QJsonValue>

#include <cmath>

namespace fabrica {

namespace {

Error invalid(const QString &path, const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message, SourceLocation{{}, 0, 0, path});
}

// Reads the keys of one JSON object, refusing those it does not know.
class Fields
{
public:
    Fields(const QJsonObject &object, QString prefix)
        : m_object(object)
        , m_prefix(std::move(prefix))
    {}

    QString path(const QString &key) const { return m_prefix + key; }

    Result<void> onlyKnown(const QStringList &known) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!known.contains(it.key()))
                return invalid(path(it.key()), RunInput::tr("unknown key \"%1\" (known: %2)")
                                                   .arg(path(it.key()), known.join(QLatin1String(", "))));
        }
        return {};
    }

    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }

    // A whole number from low to high; fallback when absent.
    Result<qint64> number(const QString &key, qint64 low, qint64 high, qint64 fallback) const
    {
        if (!has(key))
            return fallback;
        const QJsonValue v = value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || std::floor(d) != d || d < double(low) || d > double(high))
            return invalid(
                path(key),
                RunInput::tr("%1 must be a whole number from %2 to %3").arg(path(key)).arg(low).arg(high));
        return qint64(d);
    }
    Result<bool> boolean(const QString &key, bool fallback) const
    {
        if (!has(key))
            return fallback;
        if (!value(key).isBool())
            return invalid(path(key), RunInput::tr("%1 must be true or false").arg(path(key)));
        return value(key).toBool();
    }
    Result<QString> text(const QString &key, const QString &fallback) const
    {
        if (!has(key))
            return fallback;
        if (!value(key).isString())
            return invalid(path(key), RunInput::tr("%1 must be a string").arg(path(key)));
        return value(key).toString();
    }

private:
    QJsonObject m_object;
    QString m_prefix;
};

// JSON numbers are doubles: seeds above 2^53 come as strings of digits.
Result<quint64> seedOf(const QJsonValue &value)
{
    const QString message =
        RunInput::tr("seed must be a whole number from 0 to 18446744073709551615 (as a string above 2^53)");
    if (value.isString()) {
        bool ok = false;
        const quint64 seed = value.toString().toULongLong(&ok);
        if (!ok)
            return invalid(QStringLiteral("seed"), message);
        return seed;
    }
    const double d = value.toDouble(-1);
    if (!value.isDouble() || std::floor(d) != d || d < 0 || d > 9007199254740992.0)
        return invalid(QStringLiteral("seed"), message);
    return quint64(d);
}

Result<void> readFilesTarget(const Fields &target, GenerationRequest &request)
{
    if (Result<void> known = target.onlyKnown(
            {QStringLiteral("kind"), QStringLiteral("format"), QStringLiteral("dialect"),
             QStringLiteral("gzip"), QStringLiteral("header"), QStringLiteral("delimiter"),
             QStringLiteral("nullText"), QStringLiteral("lineEnding"), QStringLiteral("formulaGuard"),
             QStringLiteral("pretty"), QStringLiteral("createTables"), QStringLiteral("batchRows")});
        !known)
        return known;
    request.target = GenerationRequest::Target::Download;
    ExportOptions &o = request.exportOptions;
    const Result<QString> format = target.text(QStringLiteral("format"), QStringLiteral("csv"));
    if (!format)
        return format.error();
    const ExportFormat *found = ExportFormat::find(*format);
    if (!found) {
        QStringList ids;
        for (const ExportFormat &each : ExportFormat::all())
            ids << each.id;
        return invalid(
            target.path(QStringLiteral("format")),
            RunInput::tr("unknown format \"%1\" (formats: %2)").arg(*format, ids.join(QLatin1String(", "))));
    }
    request.formatId = found->id;
    const Result<QString> dialect = target.text(QStringLiteral("dialect"), sqlDialectId(o.dialect));
    if (!dialect)
        return dialect.error();
    const std::optional<SqlDialect> sqlDialect = sqlDialectFromId(dialect->toLower());
    if (!sqlDialect)
        return invalid(target.path(QStringLiteral("dialect")),
                       RunInput::tr("unknown dialect \"%1\" (postgresql, mysql, sqlite)").arg(*dialect));
    o.dialect = *sqlDialect;
    for (const auto &[key, field] :
         {std::pair{QStringLiteral("gzip"), &o.gzip}, std::pair{QStringLiteral("header"), &o.header},
          std::pair{QStringLiteral("formulaGuard"), &o.formulaGuard},
          std::pair{QStringLiteral("pretty"), &o.pretty},
          std::pair{QStringLiteral("createTables"), &o.createTables}}) {
        const Result<bool> value = target.boolean(key, *field);
        if (!value)
            return value.error();
        *field = *value;
    }
    const Result<QString> delimiter =
        target.text(QStringLiteral("delimiter"), QString(QLatin1Char(o.delimiter)));
    if (!delimiter)
        return delimiter.error();
    if (delimiter->size() != 1 || delimiter->at(0).unicode() >= 128 || delimiter->at(0) == QLatin1Char('"') ||
        delimiter->at(0) == QLatin1Char('\n') || delimiter->at(0) == QLatin1Char('\r'))
        return invalid(
            target.path(QStringLiteral("delimiter")),
            RunInput::tr("the delimiter must be one ASCII character other than a quote or a line break"));
    o.delimiter = delimiter->at(0).toLatin1();
    const Result<QString> nullText = target.text(QStringLiteral("nullText"), o.nullText);
    if (!nullText)
        return nullText.error();
    o.nullText = *nullText;
    const Result<QString> lineEnding = target.text(QStringLiteral("lineEnding"), o.lineEnding);
    if (!lineEnding)
        return lineEnding.error();
    if (*lineEnding != QLatin1String("\n") && *lineEnding != QLatin1String("\r\n"))
        return invalid(target.path(QStringLiteral("lineEnding")),
                       RunInput::tr("the line ending must be \"\\n\" or \"\\r\\n\""));
    o.lineEnding = *lineEnding;
    const Result<qint64> batchRows = target.number(QStringLiteral("batchRows"), 1, 1000000, o.batchRows);
    if (!batchRows)
        return batchRows.error();
    o.batchRows = int(*batchRows);
    return {};
}

Result<void> readDatabaseTarget(const Fields &target, GenerationRequest &request)
{
    if (Result<void> known =
            target.onlyKnown({QStringLiteral("kind"), QStringLiteral("url"), QStringLiteral("ifExists"),
                              QStringLiteral("disableTriggers")});
        !known)
        return known;
    request.target = GenerationRequest::Target::Database;
    if (!target.has(QStringLiteral("url")) || !target.value(QStringLiteral("url")).isString())
        return invalid(target.path(QStringLiteral("url")),
                       RunInput::tr("a database target needs its URL as a string in %1: "
                                    "postgresql://user:password@host:port/database[?schema=NAME], "
                                    "mysql://user:password@host:port/database or sqlite:FILE")
                           .arg(target.path(QStringLiteral("url"))));
    Result<DatabaseUrl> url = DatabaseUrl::parse(target.value(QStringLiteral("url")).toString());
    // The parser's location may quote the URL, password and all: only its message goes back.
    if (!url)
        return invalid(target.path(QStringLiteral("url")), url.error().message);
    request.database = std::move(url).value();
    const Result<QString> ifExists = target.text(QStringLiteral("ifExists"), QStringLiteral("fail"));
    if (!ifExists)
        return ifExists.error();
    const std::optional<DatabaseSink::IfExists> mode = DatabaseSink::ifExistsFromId(*ifExists);
    if (!mode)
        return invalid(
            target.path(QStringLiteral("ifExists")),
            RunInput::tr("ifExists must be fail, append or truncate, found \"%1\"").arg(*ifExists));
    request.ifExists = *mode;
    const Result<bool> disableTriggers = target.boolean(QStringLiteral("disableTriggers"), false);
    if (!disableTriggers)
        return disableTriggers.error();
    request.disableTriggers = *disableTriggers;
    return {};
}

} // namespace

Result<GenerationRequest> RunInput::request(const QJsonObject &body, const Schema &schema, qint64 schemaId)
{
    const Fields fields(body, QString());
    if (Result<void> known =
            fields.onlyKnown({QStringLiteral("seed"), QStringLiteral("rows"), QStringLiteral("rowsPerTable"),
                              QStringLiteral("threads"), QStringLiteral("chunkRows"), QStringLiteral("shard"),
                              QStringLiteral("target")});
        !known)
        return known.error();
    GenerationRequest request;
    request.schema = schema;
    request.schemaId = schemaId;
    if (fields.has(QStringLiteral("seed"))) {
        const Result<quint64> seed = seedOf(fields.value(QStringLiteral("seed")));
        if (!seed)
            return seed.error();
        request.seed = *seed;
    }
    constexpr qint64 kLargestCount = qint64(1) << 50;
    const Result<qint64> perTable = fields.number(QStringLiteral("rowsPerTable"), 0, kLargestCount, -1);
    if (!perTable)
        return perTable.error();
    if (*perTable >= 0) {
        for (const Table &table : schema.tables)
            request.rows.insert(table.name, *perTable);
    }
    if (fields.has(QStringLiteral("rows"))) {
        if (!fields.value(QStringLiteral("rows")).isObject())
            return invalid(
                QStringLiteral("rows"),
                tr("rows must be an object of table names and row counts, like {\"orders\": 1000}"));
        const Fields rows(fields.value(QStringLiteral("rows")).toObject(), QStringLiteral("rows."));
        for (const QString &table : fields.value(QStringLiteral("rows")).toObject().keys()) {
            if (schema.tableIndex(table) < 0)
                return makeError(ErrorCode::Validation,
                                 tr("the schema has no table \"%1\" to set the row count of").arg(table),
                                 SourceLocation{{}, 0, 0, rows.path(table)});
            const Result<qint64> count = rows.number(table, 0, kLargestCount, 0);
            if (!count)
                return count.error();
            request.rows.insert(table, *count);
        }
    }
    const Result<qint64> threads =
        fields.number(QStringLiteral("threads"), 0, GenerationRequest::kMaxThreads, 0);
    const Result<qint64> chunkRows =
        fields.number(QStringLiteral("chunkRows"), 1, GenerationRequest::kMaxChunkRows, request.chunkRows);
    if (!threads || !chunkRows)
        return !threads ? threads.error() : chunkRows.error();
    request.threads = int(*threads);
    request.chunkRows = int(*chunkRows);
    // {"index": K, "count": N} or "K/N", as GenerationRequest's JSON keeps it.
    Result<Shard> shard = Shard::fromJson(fields.value(QStringLiteral("shard")));
    if (!shard)
        return invalid(QStringLiteral("shard"), shard.error().message);
    request.shard = *shard;

    request.target = GenerationRequest::Target::StoredRun;
    if (fields.has(QStringLiteral("target"))) {
        if (!fields.value(QStringLiteral("target")).isObject())
            return invalid(QStringLiteral("target"), tr("target must be an object with a \"kind\""));
        const Fields target(fields.value(QStringLiteral("target")).toObject(), QStringLiteral("target."));
        const Result<QString> kind = target.text(QStringLiteral("kind"), QString());
        if (!kind)
            return kind.error();
        Result<void> read;
        if (*kind == QLatin1String("stored"))
            read = target.onlyKnown({QStringLiteral("kind")});
        else if (*kind == QLatin1String("files"))
            read = readFilesTarget(target, request);
        else if (*kind == QLatin1String("database"))
            read = readDatabaseTarget(target, request);
        else
            read = invalid(QStringLiteral("target.kind"),
                           tr("target.kind must be stored, database or files, found \"%1\"").arg(*kind));
        if (!read)
            return read.error();
    }
    if (Result<void> checked = request.check(); !checked)
        return checked.error();
    return request;
}

} // namespace fabrica
