#pragma once

#include "ExportChoice.h"
#include "ExportSettings.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QPointer>

#include <optional>

namespace fabrica {

// File → Export…: a save dialog with one filter per format, plain and gzip-compressed, suggesting
// <schema name>.<ext> in the folder of the last export; then the options dialog of the chosen format.
// Both are modal children of the parent (tests find them as QApplication::activeModalWidget()).
class ExportFileChooser
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ExportFileChooser)

public:
    // tableNames: the schema's tables, for the options dialog (file names, whether one file can do).
    ExportFileChooser(QWidget *parent, QString schemaName, QStringList tableNames);

    // Where to remember choices; the application's settings by default.
    void setSettings(ExportSettings settings) { m_settings = std::move(settings); }
    // Added to the file dialog's options (tests pass QFileDialog::DontUseNativeDialog).
    void setFileDialogOptions(QFileDialog::Options options) { m_fileDialogOptions = options; }

    // Runs both dialogs; nullopt when either is cancelled. Remembers the folder and format on success.
    std::optional<ExportChoice> exec();

    // What a chosen file and name filter ask for: the format by the file's suffix, else by the filter;
    // gzip by either; and the file name ending in that format's suffix.
    struct Target
    {
        QString formatId;
        bool gzip = false;
        QString file;
    };
    static Target target(const QString &file, const QString &nameFilter);
    // The name without every suffix of ours at its end ("shop.csv.gz" → "shop").
    static QString withoutSuffixes(QString file);

private:
    QPointer<QWidget> m_parent;
    QString m_schemaName;
    QStringList m_tableNames;
    ExportSettings m_settings;
    QFileDialog::Options m_fileDialogOptions;
};

} // namespace fabrica
