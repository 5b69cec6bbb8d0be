#include "ExportSettings.h"

#include "export/ExportFormat.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fabrica {

namespace {

const QString kGroup = QStringLiteral("export");
const QString kLastFolder = QStringLiteral("export/lastFolder");
const QString kLastFormat = QStringLiteral("export/lastFormat");

// One key per option under export/<format>/, so formats keep their own choices (TSV's null text is not
// CSV's) and a key added later reads as its default.
QString key(const QString &formatId, const char *option)
{
    return kGroup + QLatin1Char('/') + formatId.toLower() + QLatin1Char('/') + QLatin1String(option);
}

} // namespace

bool ExportSettings::isValidDelimiter(QChar c)
{
    // ExportOptions holds a char, CsvSink quotes fields with '"', and line breaks end records.
    return c == QLatin1Char('\t') || (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"'));
}

ExportSettings::ExportSettings(QString settingsFile)
    : m_settingsFile(std::move(settingsFile))
{}

std::unique_ptr<QSettings> ExportSettings::settings() const
{
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

ExportOptions ExportSettings::options(const QString &formatId) const
{
    const std::unique_ptr<QSettings> store = settings();
    ExportOptions options;
    const ExportOptions defaults;
    // The user names a file in the file dialog, so one file is what they expect until they say otherwise.
    options.singleFile = store->value(key(formatId, "singleFile"), true).toBool();
    options.gzip = store->value(key(formatId, "gzip"), defaults.gzip).toBool();

    const QString delimiter = store->value(key(formatId, "delimiter")).toString();
    if (delimiter.size() == 1 && isValidDelimiter(delimiter.at(0)))
        options.delimiter = delimiter.at(0).toLatin1();
    if (formatId.compare(QLatin1String("tsv"), Qt::CaseInsensitive) == 0)
        options.delimiter = '\t';
    options.header = store->value(key(formatId, "header"), defaults.header).toBool();
    options.nullText = store->value(key(formatId, "nullText"), defaults.nullText).toString();
    options.lineEnding =
        store->value(key(formatId, "crlf"), false).toBool() ? QStringLiteral("\r\n") : QStringLiteral("\n");
    options.formulaGuard = store->value(key(formatId, "formulaGuard"), defaults.formulaGuard).toBool();

    options.pretty = store->value(key(formatId, "pretty"), defaults.pretty).toBool();

    options.dialect =
        sqlDialectFromId(store->value(key(formatId, "dialect")).toString()).value_or(defaults.dialect);
    options.createTables = store->value(key(formatId, "createTables"), defaults.createTables).toBool();
    bool ok = false;
    const int batchRows = store->value(key(formatId, "batchRows")).toInt(&ok);
    options.batchRows = ok && batchRows >= 1 && batchRows <= kMaxBatchRows ? batchRows : defaults.batchRows;
    return options;
}

void ExportSettings::setOptions(const QString &formatId, const ExportOptions &options)
{
    const std::unique_ptr<QSettings> store = settings();
    store->setValue(key(formatId, "singleFile"), options.singleFile);
    store->setValue(key(formatId, "gzip"), options.gzip);
    store->setValue(key(formatId, "delimiter"), QString(QLatin1Char(options.delimiter)));
    store->setValue(key(formatId, "header"), options.header);
    store->setValue(key(formatId, "nullText"), options.nullText);
    store->setValue(key(formatId, "crlf"), options.lineEnding == QLatin1String("\r\n"));
    store->setValue(key(formatId, "formulaGuard"), options.formulaGuard);
    store->setValue(key(formatId, "pretty"), options.pretty);
    store->setValue(key(formatId, "dialect"), sqlDialectId(options.dialect));
    store->setValue(key(formatId, "createTables"), options.createTables);
    store->setValue(key(formatId, "batchRows"), options.batchRows);
}

QString ExportSettings::lastFolder() const
{
    const QString folder = settings()->value(kLastFolder).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        return folder;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

void ExportSettings::setLastFolder(const QString &folder)
{
    settings()->setValue(kLastFolder, folder);
}

QString ExportSettings::lastFormat() const
{
    const QString id = settings()->value(kLastFormat).toString();
    const ExportFormat *format = ExportFormat::find(id);
    return format ? format->id : ExportFormat::all().first().id;
}

void ExportSettings::setLastFormat(const QString &formatId)
{
    settings()->setValue(kLastFormat, formatId.toLower());
}

} // namespace fabrica
