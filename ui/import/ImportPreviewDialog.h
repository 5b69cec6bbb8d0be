#pragma once

#include "import/ImportService.h"
#include "storage/Repository.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTreeView;

namespace fabrica {

class ImportReportFilterModel;
class ImportReportModel;
class ImportSchemaModel;

// Shows what an import understood before anything is stored: the report (grouped by level, filterable)
// beside the resulting schemas, and where they go. Stores them through ImportService::commit on a worker
// thread, or accepts without storing when the tables are to be added to the open schema (the caller does
// that through its undo stack). A refused or failed import can only be looked at and closed.
class ImportPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Destination { NewSchemas, OpenSchema };

    // repository may be null: then only the open schema can receive the tables.
    ImportPreviewDialog(const ImportService::Outcome &outcome, Repository *repository, const Actor &actor,
                        qint64 ownerId, QWidget *parent = nullptr);
    // Waits for a commit in progress, which reads the outcome and the repository.
    ~ImportPreviewDialog() override;

    // The schema open in the window; enables "Add the tables to the open schema" for a one-schema import.
    void setOpenSchemaName(const QString &name);
    Destination destination() const;
    // What a taken name becomes when storing (Rename unless the user chose otherwise).
    Repository::NameConflict nameConflict() const;
    // Resulting schema names the owner has stored already, or that the import holds twice.
    const QStringList &takenNames() const { return m_taken; }
    // The stored schemas, after the dialog was accepted with Destination::NewSchemas.
    QList<SchemaRecord> storedSchemas() const { return m_stored; }
    const ImportService::Outcome &outcome() const { return m_outcome; }

    void reject() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class MessageKind { None, Busy, Error };

    QWidget *makeReportPane();
    QWidget *makeSchemaPane();
    QWidget *makeDestinationPane();
    void fillLevelFilter();
    void findTakenNames();
    QString summaryText() const;
    QString refusalText() const;
    void applyLevelFilter();
    void applyFilterText(const QString &text);
    void expandDefaults();
    void spanGroupRows();
    void showCurrentLine();
    void updateState();
    void showMessage(MessageKind kind, const QString &text);
    void importClicked();
    void commitFinished();

    const ImportService::Outcome m_outcome;
    Repository *m_repository;
    const Actor m_actor;
    const qint64 m_ownerId;
    QString m_openSchemaName;
    QStringList m_taken;
    QString m_lookupError; // why the stored names could not be read, if they could not
    QList<SchemaRecord> m_stored;
    QList<QList<ImportReport::Level>> m_levelChoices; // per entry of the level filter
    bool m_busy = false;
    QFutureWatcher<Result<QList<SchemaRecord>>> m_committing;

    ImportReportModel *m_reportModel = nullptr;
    ImportReportFilterModel *m_reportFilter = nullptr;
    ImportSchemaModel *m_schemaModel = nullptr;
    QLabel *m_summary = nullptr;
    QFrame *m_messageFrame = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_levelFilter = nullptr;
    QTreeView *m_reportView = nullptr;
    QLabel *m_lineDetails = nullptr;
    QTreeView *m_schemaView = nullptr;
    QRadioButton *m_destinationNew = nullptr;
    QRadioButton *m_destinationOpen = nullptr;
    QWidget *m_conflictBox = nullptr;
    QLabel *m_conflictLabel = nullptr;
    QComboBox *m_conflictChoice = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace fabrica
