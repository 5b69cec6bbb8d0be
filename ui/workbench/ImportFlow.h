#pragma once

#include "import/ImportService.h"
#include "model/Schema.h"
#include "storage/StoredRecords.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace fabrica {

class ImportRunner;
class Repository;

// The window's import: files (dropped or chosen) are read by ImportRunner off the GUI thread behind a
// progress dialog with Cancel, then shown in ImportPreviewDialog, which stores them (one transaction) or
// hands their tables to the open schema. Nothing is stored unless the user says Import.
class ImportFlow : public QObject
{
    Q_OBJECT

public:
    ImportFlow(Repository *repository, const UserRecord &user, QWidget *window);
    ~ImportFlow() override;

    bool isRunning() const;
    // openSchema: the name of the schema the tables may be added to (empty: none is open).
    void start(const QStringList &paths, const QString &openSchema);

signals:
    void stored(const QList<fabrica::SchemaRecord> &records);
    void tablesForOpenSchema(const QList<fabrica::Table> &tables, const QString &source);
    // stored or added: whether anything came of it.
    void finished(bool imported, const QString &message);

private:
    void showPreview(const ImportService::Outcome &outcome, const QStringList &paths);

    Repository *m_repository;
    UserRecord m_user;
    QWidget *m_window;
    ImportRunner *m_runner;
    QString m_openSchema;
};

} // namespace fabrica
