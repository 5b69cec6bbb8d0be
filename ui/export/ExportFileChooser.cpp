#include "ExportFileChooser.h"

#include "ExportOptionsDialog.h"
#include "UiLogging.h"
#include "export/ExportFormat.h"
#include "export/FileSink.h"

#include <QFileInfo>

namespace fabrica {

namespace {

const QString kGzipSuffix = QStringLiteral(".gz");

} // namespace

ExportFileChooser::ExportFileChooser(QWidget *parent, QString schemaName, QStringList tableNames)
    : m_parent(parent)
    , m_schemaName(std::move(schemaName))
    , m_tableNames(std::move(tableNames))
{}

QString ExportFileChooser::withoutSuffixes(QString file)
{
    // Also what a switch of filters leaves behind: Qt's own dialog swaps only the last suffix, so
    // "shop.csv.gz" becomes "shop.csv.tsv".
    for (;;) {
        if (const auto type = ExportFormat::fromFileName(file)) {
            file.chop(type->format->suffix(type->gzip).size());
        } else if (file.endsWith(kGzipSuffix, Qt::CaseInsensitive)) {
            file.chop(kGzipSuffix.size());
        } else {
            return file;
        }
    }
}

ExportFileChooser::Target ExportFileChooser::target(const QString &file, const QString &nameFilter)
{
    if (const auto byName = ExportFormat::fromFileName(file))
        return Target{byName->format->id, byName->gzip, file};
    const auto byFilter = ExportFormat::fromFileDialogFilter(nameFilter);
    const ExportFormat *format = byFilter ? byFilter->format : &ExportFormat::all().first();
    QString base = file;
    bool gzip = byFilter && byFilter->gzip;
    if (base.endsWith(kGzipSuffix, Qt::CaseInsensitive)) {
        base.chop(kGzipSuffix.size());
        gzip = true;
    }
    return Target{format->id, gzip, base + format->suffix(gzip)};
}

std::optional<ExportChoice> ExportFileChooser::exec()
{
    const ExportFormat *last = ExportFormat::find(m_settings.lastFormat());
    const bool lastGzip = m_settings.options(last->id).gzip;
    const QString baseName =
        m_schemaName.trimmed().isEmpty() ? QStringLiteral("fabrica") : FileSink::fileNameOf(m_schemaName);

    QFileDialog dialog(m_parent, tr("Export Generated Data"));
    dialog.setObjectName(QStringLiteral("exportFileDialog"));
    dialog.setOptions(dialog.options() | m_fileDialogOptions);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setNameFilters(ExportFormat::fileDialogFilters().split(QStringLiteral(";;")));
    dialog.selectNameFilter(last->fileDialogFilter(lastGzip));
    dialog.setDirectory(m_settings.lastFolder());
    // A name typed without a suffix gets the filter's; Qt takes the part after the first dot.
    dialog.setDefaultSuffix(last->suffix(lastGzip).mid(1));
    dialog.selectFile(baseName + last->suffix(lastGzip));
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString &filter) {
        const auto type = ExportFormat::fromFileDialogFilter(filter);
        if (!type)
            return;
        dialog.setDefaultSuffix(type->format->suffix(type->gzip).mid(1));
        const QString current = QFileInfo(dialog.selectedFiles().value(0)).fileName();
        if (!current.isEmpty())
            dialog.selectFile(withoutSuffixes(current) + type->format->suffix(type->gzip));
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return std::nullopt;

    const Target chosen = target(dialog.selectedFiles().first(), dialog.selectedNameFilter());
    qCDebug(lcUi) << "export to" << chosen.file << "as" << chosen.formatId << (chosen.gzip ? "gzip" : "");
    ExportOptionsDialog options(chosen.formatId, chosen.file, m_tableNames, m_settings, m_parent);
    if (options.exec() != QDialog::Accepted)
        return std::nullopt;
    m_settings.setLastFolder(QFileInfo(chosen.file).absolutePath());
    m_settings.setLastFormat(chosen.formatId);
    return options.choice();
}

} // namespace fabrica
