#pragma once

#include "commands/SetSchemaPropertyCommand.h"
#include "model/SchemaDocument.h"

#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QUuid>

class QUndoStack;

namespace fabrica {

// One schema open in the window: its document, its undo stack and where it came from (a file, the
// storage, or nowhere yet). Every edit goes through the methods below, each pushing one QUndoCommand,
// so the views never change the document themselves and every edit can be undone.
class SchemaSession : public QObject
{
    Q_OBJECT

public:
    enum class Origin { Unsaved, File, Stored };

    explicit SchemaSession(Schema schema, QObject *parent = nullptr);
    ~SchemaSession() override;

    SchemaDocument *document() const { return m_document; }
    const Schema &schema() const { return m_document->schema(); }
    QUndoStack *undoStack() const { return m_undoStack; }

    Origin origin() const { return m_origin; }
    QString filePath() const { return m_filePath; }
    qint64 storedId() const { return m_storedId; }
    qint64 storedOwnerId() const { return m_storedOwnerId; }
    QString storedOwner() const { return m_storedOwner; }
    void setFile(const QString &path);
    void setStored(qint64 id, qint64 ownerId, const QString &owner);
    // Where it came from is gone (a deleted stored schema): the next save stores it anew.
    void setUnsaved();
    // The name for titles and lists: the schema's name, else the file's, else "Untitled".
    QString displayName() const;
    // Identifies the session's autosave file across restarts of the same edit.
    QUuid autosaveId() const { return m_autosaveId; }
    void setAutosaveId(const QUuid &id) { m_autosaveId = id; }

    bool isDirty() const;
    // After saving: the current state is the clean one.
    void markSaved();

    // Schema
    void setSchemaProperty(SetSchemaPropertyCommand::Property property, const QString &value);
    // Tables. Each returns the index of the table it created, where it creates one.
    int addTable(int index = -1);
    int duplicateTable(int index);
    void removeTable(int index);
    void moveTable(int from, int to);
    // Why name cannot be the table's (or column's) new name, empty when it can. References follow tables
    // and columns by name, so two of one name — even for a keystroke — would merge them; a "." would
    // make "table.column" ambiguous. Every editor asks here; rename*() refuse such names.
    QString tableNameProblem(int index, const QString &name) const;
    QString columnNameProblem(int table, int index, const QString &name) const;
    bool renameTable(int index, const QString &name);
    void setTableRows(int index, qint64 rows);
    void setTableDescription(int index, const QString &description);
    // Columns.
    int addColumn(int table, int index = -1);
    int duplicateColumn(int table, int index);
    void removeColumn(int table, int index);
    void moveColumn(int table, int from, int to);
    bool renameColumn(int table, int index, const QString &name);
    void setColumnType(int table, int index, const QString &type);
    // An Undefined value removes the key.
    void setConstraint(int table, int index, const QString &key, const QJsonValue &value);
    void setConstraints(int table, int index, const QJsonObject &constraints);
    void setSamples(int table, int index, const QStringList &samples, const QString &text = {});
    void setColumnDescription(int table, int index, const QString &description);
    // Makes the column follow its sample values (ColumnProfiler::apply) in one undo step; returns the
    // profiler's report lines (empty when the column has no sample to go by).
    QStringList deriveFromSamples(int table, int index);
    // Appends the tables of an import in one step; returns the index of the first.
    int importTables(const QList<Table> &tables, const QString &source);
    // Several edits as one undo step (e.g. deleting a selection).
    void beginMacro(const QString &text);
    void endMacro();

signals:
    void dirtyChanged(bool dirty);
    void originChanged();

private:
    QStringList tableNames() const;

    SchemaDocument *m_document;
    QUndoStack *m_undoStack;
    Origin m_origin = Origin::Unsaved;
    QString m_filePath;
    qint64 m_storedId = 0;
    qint64 m_storedOwnerId = 0;
    QString m_storedOwner;
    QUuid m_autosaveId = QUuid::createUuid();
};

} // namespace fabrica
