#pragma once

#include "validate/Problem.h"

#include <QAbstractItemModel>
#include <QHash>

namespace fabrica {

class SchemaDocument;
class SchemaSession;

// The schema → table → column tree of one open schema. Translates the document's about-to/after signals
// into beginInsertRows()/endMoveRows()/dataChanged() one edit at a time (never a reset for an edit), and
// sends renames and drag-and-drop moves through the session so they can be undone.
class SchemaTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind { Schema, Table, Column };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        TableRole,                   // table index (tables and columns), -1 for the schema
        ColumnRole,                  // column index (columns), -1 otherwise
    };
    enum Section { NameSection, DetailSection, SectionCount };

    explicit SchemaTreeModel(QObject *parent = nullptr);

    void setSession(SchemaSession *session);
    SchemaSession *session() const { return m_session; }

    QModelIndex schemaIndex(int section = NameSection) const;
    QModelIndex tableIndex(int table, int section = NameSection) const;
    QModelIndex columnIndex(int table, int column, int section = NameSection) const;

    // Marks the items the problems are about; only the rows whose marks change are announced.
    void setProblems(const Problems &problems);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

private:
    // Internal ids: the schema is 0, every table 1, a column its table's key (stable across moves, so
    // persistent indexes of columns survive tables being inserted, removed or moved before them).
    static constexpr quintptr kSchemaId = 0;
    static constexpr quintptr kTableId = 1;

    struct Marks
    {
        Problem::Severity severity = Problem::Severity::Warning;
        QStringList messages;
        bool operator==(const Marks &) const = default;
    };
    struct DragItem
    {
        Kind kind;
        int table;
        int column;
    };

    void connectDocument(SchemaDocument *document);
    void rebuildKeys();
    int tableOfKey(quintptr key) const;
    Kind kindOf(const QModelIndex &index) const;
    int tableOf(const QModelIndex &index) const;
    const Marks *marksOf(const QModelIndex &index) const;
    void announceMarks(const QHash<QPair<int, int>, Marks> &before);
    static std::optional<DragItem> dragItem(const QMimeData *data);

    SchemaSession *m_session = nullptr;
    SchemaDocument *m_document = nullptr;
    QList<quintptr> m_tableKeys;
    mutable QHash<quintptr, int> m_keyRows;
    mutable bool m_keyRowsValid = false;
    quintptr m_nextKey = 2;
    QHash<QPair<int, int>, Marks> m_marks; // (table, column); column -1 = the table, (-1, -1) the schema
};

} // namespace fabrica
