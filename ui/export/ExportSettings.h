#pragma once

#include "export/ExportOptions.h"

#include <QSettings>

#include <memory>

namespace fabrica {

// Remembers the export choices between runs in QSettings: per format the options last confirmed
// (everything but the path), and the folder and format of the last export.
class ExportSettings
{
public:
    // The application's settings.
    ExportSettings() = default;
    // An INI file of its own (tests).
    explicit ExportSettings(QString settingsFile);

    // The options last saved for the format (an ExportFormat id), or ExportOptions' defaults except for
    // singleFile (true); path is empty. Values that could not be written (a delimiter of two characters,
    // a batch of 0 rows) fall back to the defaults.
    ExportOptions options(const QString &formatId) const;
    void setOptions(const QString &formatId, const ExportOptions &options);

    // The folder of the last export while it exists, else the user's documents folder.
    QString lastFolder() const;
    void setLastFolder(const QString &folder);
    // The id of the last exported format; "csv" at first.
    QString lastFormat() const;
    void setLastFormat(const QString &formatId);

    // Whether c can separate CSV fields: one ASCII character, printable or a tab, and not the quote.
    static bool isValidDelimiter(QChar c);

    static constexpr int kMaxBatchRows = 100000;

private:
    std::unique_ptr<QSettings> settings() const;

    QString m_settingsFile; // empty = the application's settings
};

} // namespace fabrica
