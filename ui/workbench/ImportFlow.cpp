#include "ImportFlow.h"

#include "import/ImportPreviewDialog.h"
#include "import/ImportRunner.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QSettings>

namespace fabrica {

ImportFlow::ImportFlow(Repository *repository, const UserRecord &user, QWidget *window)
    : QObject(window), m_repository(repository), m_user(user), m_window(window), m_runner(new ImportRunner(this))
{
}

ImportFlow::~ImportFlow()
{
    m_runner->cancel();
}

bool ImportFlow::isRunning() const
{
    return m_runner->isRunning();
}

void ImportFlow::start(const QStringList &paths, const QString &openSchema)
{
    if (m_runner->isRunning()) {
        emit finished(false, tr("An import is running already."));
        return;
    }
    m_openSchema = openSchema;
    auto *progress = new QProgressDialog(tr("Importing…"), tr("Cancel"), 0, int(paths.size()), m_window);
    progress->setObjectName(QStringLiteral("importProgress"));
    progress->setWindowTitle(tr("Import"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, m_runner, &ImportRunner::cancel);
    connect(m_runner, &ImportRunner::progress, progress, [progress](int done, int total, const QString &file) {
        progress->setMaximum(total);
        progress->setValue(done);
        progress->setLabelText(tr("Importing %1…").arg(QFileInfo(file).fileName()));
    });
    auto done = [this, progress] {
        disconnect(m_runner, nullptr, progress, nullptr);
        disconnect(m_runner, &ImportRunner::finished, this, nullptr);
        disconnect(m_runner, &ImportRunner::cancelled, this, nullptr);
        progress->close();
        progress->deleteLater();
    };
    connect(m_runner, &ImportRunner::cancelled, this, [this, done] {
        done();
        emit finished(false, tr("Import cancelled; nothing was stored."));
    });
    connect(m_runner, &ImportRunner::finished, this,
            [this, done, paths](const ImportService::Outcome &outcome) {
                done();
                showPreview(outcome, paths);
            });
    // The limits of the settings at the time of the drop, as the CLI's import reads them.
    ImportService::Options options;
    options.limits = ImportLimits::fromSettings(QSettings());
    m_runner->setOptions(options);
    m_runner->start(paths);
}

void ImportFlow::showPreview(const ImportService::Outcome &outcome, const QStringList &paths)
{
    ImportPreviewDialog dialog(outcome, m_repository, Actor::of(m_user), m_user.id, m_window);
    if (!m_openSchema.isEmpty())
        dialog.setOpenSchemaName(m_openSchema);
    if (dialog.exec() != QDialog::Accepted) {
        emit finished(false, tr("Import closed; nothing was stored."));
        return;
    }
    if (dialog.destination() == ImportPreviewDialog::Destination::OpenSchema && !outcome.schemas.isEmpty()) {
        QStringList names;
        for (const QString &path : paths)
            names << QFileInfo(path).fileName();
        emit tablesForOpenSchema(outcome.schemas.first().tables, names.join(QStringLiteral(", ")));
        emit finished(true, tr("Added %n table(s) to %1.", nullptr, int(outcome.schemas.first().tables.size()))
                                .arg(m_openSchema));
        return;
    }
    const QList<SchemaRecord> records = dialog.storedSchemas();
    emit stored(records);
    emit finished(true, tr("Imported %n schema(s).", nullptr, int(records.size())));
}

} // namespace fabrica
