#include "GenerationRequest.h"

#include "export/ExportFormat.h"
#include "format/SchemaFile.h"

#include <QJsonDocument>

namespace fabrica {

namespace {

QString formatIds()
{
    QStringList ids;
    for (const ExportFormat &each : ExportFormat::all())
        ids << each.id;
    return ids.join(QLatin1String(", "));
}

} // namespace

Result<void> GenerationRequest::check() const
{
    auto invalid = [](const QString &message) { return makeError(ErrorCode::InvalidInput, message); };
    if (threads < 0 || threads > kMaxThreads)
        return invalid(tr("threads must be from 1 to %1 (or 0 for one per core), found %2")
                           .arg(kMaxThreads)
                           .arg(threads));
    if (chunkRows < 1 || chunkRows > kMaxChunkRows)
        return invalid(tr("rows per chunk must be from 1 to %1, found %2").arg(kMaxChunkRows).arg(chunkRows));
    // Unknown table names are Plan::compile's to report, with the schema's other problems.
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        if (it.value() < 0)
            return invalid(
                tr("rows of table \"%1\" must be 0 or more, found %2").arg(it.key()).arg(it.value()));
    }
    if (sourceRunId < 0)
        return invalid(tr("the run to export must be a run number, found %1").arg(sourceRunId));
    if (sourceRunId > 0 && !rows.isEmpty())
        return invalid(tr("a stored run is exported with the row counts it was generated with; "
                          "leave out the rows per table"));
    if (Result<void> checked = shard.check(); !checked)
        return checked;
    if (!shard.isWhole()) {
        const QString sharded = tr("shard %1").arg(shard.toString());
        if (sourceRunId > 0)
            return invalid(tr("%1: a stored run is exported whole; shards are for generating").arg(sharded));
        switch (target) {
        case Target::Files: {
            const ExportFormat *format = ExportFormat::find(formatId);
            if (format && !format->concatenates)
                return invalid(tr("%1: the %2 format frames its rows, so its shards cannot be put together "
                                  "by concatenating them; shard one of %3, or load the shards into a "
                                  "database")
                                   .arg(sharded, formatId, ExportFormat::concatenatingIds()));
            if (exportOptions.singleFile)
                return invalid(tr("%1: one file for all tables cannot be sharded (each shard holds a part "
                                  "of every table); write a directory, one file per table")
                                   .arg(sharded));
            break;
        }
        case Target::Database:
            if (ifExists == DatabaseSink::IfExists::Truncate && !shard.isFirst())
                return invalid(tr("%1: emptying the tables (truncate) would remove the rows other shards "
                                  "loaded; only shard 1 may empty them, the others append")
                                   .arg(sharded));
            break;
        case Target::Download:
        case Target::StoredRun:
            return invalid(tr("%1: only files and databases take a shard of the data; generate the whole "
                              "for storage or a download")
                               .arg(sharded));
        }
    }
    switch (target) {
    case Target::Files: {
        if (!ExportFormat::find(formatId))
            return invalid(tr("unknown format \"%1\" (formats: %2)").arg(formatId, formatIds()));
        if (exportOptions.path.isEmpty())
            return invalid(tr("no file or folder to export to"));
        if (exportOptions.batchRows < 1)
            return invalid(tr("rows per INSERT must be 1 or more, found %1").arg(exportOptions.batchRows));
        break;
    }
    case Target::Download:
        if (!ExportFormat::find(formatId))
            return invalid(tr("unknown format \"%1\" (formats: %2)").arg(formatId, formatIds()));
        if (exportOptions.batchRows < 1)
            return invalid(tr("rows per INSERT must be 1 or more, found %1").arg(exportOptions.batchRows));
        if (sourceRunId > 0)
            return invalid(tr("run %1 is exported as it is; download its export instead").arg(sourceRunId));
        break;
    case Target::Database:
        if (database.isSqlite() && database.path.isEmpty())
            return invalid(tr("no database to write into"));
        break;
    case Target::StoredRun:
        if (sourceRunId > 0)
            return invalid(tr("run %1 is in storage already; export it to files or a database instead")
                               .arg(sourceRunId));
        if (schemaId <= 0)
            return invalid(
                tr("only a schema saved in storage can keep its data there; save the schema first"));
        break;
    }
    return {};
}

QString GenerationRequest::targetDescription() const
{
    switch (target) {
    case Target::Files:
        return exportOptions.path;
    case Target::Database:
        return database.displayString();
    case Target::Download:
        return QStringLiteral("download");
    case Target::StoredRun:
        break;
    }
    return QStringLiteral("storage");
}

namespace {

QString targetId(GenerationRequest::Target target)
{
    switch (target) {
    case GenerationRequest::Target::Files:
        return QStringLiteral("files");
    case GenerationRequest::Target::Database:
        return QStringLiteral("database");
    case GenerationRequest::Target::Download:
        return QStringLiteral("download");
    case GenerationRequest::Target::StoredRun:
        break;
    }
    return QStringLiteral("storage");
}

} // namespace

QJsonObject GenerationRequest::toJson() const
{
    QJsonObject rowsJson;
    for (auto it = rows.begin(); it != rows.end(); ++it)
        rowsJson.insert(it.key(), double(it.value()));
    const ExportOptions &o = exportOptions;
    const QJsonObject options{
        {QStringLiteral("path"), o.path},
        {QStringLiteral("singleFile"), o.singleFile},
        {QStringLiteral("gzip"), o.gzip},
        {QStringLiteral("delimiter"), QString(QLatin1Char(o.delimiter))},
        {QStringLiteral("quote"), QString(QLatin1Char(o.quote))},
        {QStringLiteral("header"), o.header},
        {QStringLiteral("nullText"), o.nullText},
        {QStringLiteral("lineEnding"), o.lineEnding},
        {QStringLiteral("formulaGuard"), o.formulaGuard},
        {QStringLiteral("pretty"), o.pretty},
        {QStringLiteral("dialect"), sqlDialectId(o.dialect)},
        {QStringLiteral("createTables"), o.createTables},
        {QStringLiteral("batchRows"), o.batchRows},
    };
    QJsonObject json{
        {QStringLiteral("schema"), QJsonDocument::fromJson(SchemaFile::serialize(schema)).object()},
        {QStringLiteral("schemaId"), double(schemaId)},
        // Seeds use all 64 bits, more than a JSON number keeps exactly.
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("rows"), rowsJson},
        {QStringLiteral("threads"), threads},
        {QStringLiteral("chunkRows"), chunkRows},
        {QStringLiteral("target"), targetId(target)},
        {QStringLiteral("format"), formatId},
        {QStringLiteral("exportOptions"), options},
        {QStringLiteral("ifExists"), DatabaseSink::ifExistsId(ifExists)},
        {QStringLiteral("disableTriggers"), disableTriggers},
        {QStringLiteral("sourceRunId"), double(sourceRunId)},
    };
    if (!shard.isWhole())
        json.insert(QStringLiteral("shard"), shard.toJson());
    if (target == Target::Database)
        json.insert(QStringLiteral("database"), database.toString()); // toString() leaves the password out
    return json;
}

Result<GenerationRequest> GenerationRequest::fromJson(const QJsonObject &json)
{
    auto invalid = [](const QString &message) { return makeError(ErrorCode::InvalidInput, message); };
    GenerationRequest request;
    Result<Schema> schema = SchemaFile::parse(
        QJsonDocument(json.value(QStringLiteral("schema")).toObject()).toJson(QJsonDocument::Compact));
    if (!schema)
        return schema.error();
    request.schema = std::move(schema).value();
    request.schemaId = qint64(json.value(QStringLiteral("schemaId")).toDouble());
    bool seedOk = false;
    request.seed = json.value(QStringLiteral("seed")).toString().toULongLong(&seedOk);
    if (!seedOk)
        return invalid(tr("the seed must be a whole number from 0 to 18446744073709551615"));
    const QJsonObject rowsJson = json.value(QStringLiteral("rows")).toObject();
    for (auto it = rowsJson.begin(); it != rowsJson.end(); ++it)
        request.rows.insert(it.key(), qint64(it.value().toDouble()));
    request.threads = json.value(QStringLiteral("threads")).toInt(request.threads);
    request.chunkRows = json.value(QStringLiteral("chunkRows")).toInt(request.chunkRows);
    Result<Shard> shard = Shard::fromJson(json.value(QStringLiteral("shard")));
    if (!shard)
        return shard.error();
    request.shard = *shard;
    const QString target = json.value(QStringLiteral("target")).toString();
    bool known = false;
    for (const Target each : {Target::Files, Target::Database, Target::StoredRun, Target::Download}) {
        if (targetId(each) == target) {
            request.target = each;
            known = true;
        }
    }
    if (!known)
        return invalid(tr("unknown target \"%1\" (targets: files, database, storage, download)").arg(target));
    request.formatId = json.value(QStringLiteral("format")).toString(request.formatId);
    const QJsonObject options = json.value(QStringLiteral("exportOptions")).toObject();
    ExportOptions &o = request.exportOptions;
    auto character = [&](const QString &key, char fallback) {
        const QString value = options.value(key).toString();
        return value.size() == 1 && value.at(0).unicode() < 128 ? value.at(0).toLatin1() : fallback;
    };
    o.path = options.value(QStringLiteral("path")).toString();
    o.singleFile = options.value(QStringLiteral("singleFile")).toBool(o.singleFile);
    o.gzip = options.value(QStringLiteral("gzip")).toBool(o.gzip);
    o.delimiter = character(QStringLiteral("delimiter"), o.delimiter);
    o.quote = character(QStringLiteral("quote"), o.quote);
    o.header = options.value(QStringLiteral("header")).toBool(o.header);
    o.nullText = options.value(QStringLiteral("nullText")).toString();
    o.lineEnding = options.value(QStringLiteral("lineEnding")).toString(o.lineEnding);
    o.formulaGuard = options.value(QStringLiteral("formulaGuard")).toBool(o.formulaGuard);
    o.pretty = options.value(QStringLiteral("pretty")).toBool(o.pretty);
    o.dialect = sqlDialectFromId(options.value(QStringLiteral("dialect")).toString()).value_or(o.dialect);
    o.createTables = options.value(QStringLiteral("createTables")).toBool(o.createTables);
    o.batchRows = options.value(QStringLiteral("batchRows")).toInt(o.batchRows);
    if (request.target == Target::Database) {
        Result<DatabaseUrl> url = DatabaseUrl::parse(json.value(QStringLiteral("database")).toString());
        if (!url)
            return url.error();
        request.database = url.value();
    }
    request.ifExists = DatabaseSink::ifExistsFromId(json.value(QStringLiteral("ifExists")).toString())
                           .value_or(request.ifExists);
    request.disableTriggers = json.value(QStringLiteral("disableTriggers")).toBool(request.disableTriggers);
    request.sourceRunId = qint64(json.value(QStringLiteral("sourceRunId")).toDouble());
    return request;
}

} // namespace fabrica
