#pragma once

#include "common/Result.h"
#include "storage/StoredRecords.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QList>
#include <QSet>

#include <optional>
#include <vector>

namespace fabrica {

class Repository;

// One table of a stored run for a QTableView, read from storage only where the view looks: pages of
// pageRows rows are fetched off the GUI thread through Repository::storedRows (the most recently wanted
// first), a few recent pages are kept, and a row shows "…" until its page arrives (then dataChanged).
// Columns are the stored schema's, known with the first page. NULL shows as an italic grey "NULL", as in
// the preview; CellRole gives the exact value (std::optional<QString>, std::nullopt for NULL) once loaded.
class StoredRunModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using Cell = std::optional<QString>;
    using Row = QList<Cell>;
    enum Role { CellRole = Qt::UserRole };
    static constexpr int DefaultPageRows = 256;
    static constexpr int CachedPages = 8;
    // Characters shown in a cell; longer values end in "…" and the tooltip has more.

    StoredRunModel(Repository *storage, const Actor &actor, QObject *parent = nullptr);
    ~StoredRunModel() override;

    // Rows per fetch; takes effect with the next setTable().
    void setPageRows(int rows);
    int pageRows() const { return m_pageRows; }
    // Shows `table` of the run (a reset): run.rowCounts[table] rows, fetched as they are looked at.
    void setTable(const RunRecord &run, const QString &table);
    void clear();

    qint64 runId() const { return m_runId; }
    const QString &table() const { return m_table; }
    const QStringList &columns() const { return m_columns; }
    // The table's rows; rowCount() is capped at what a view can index (INT_MAX).
    qint64 tableRows() const { return m_rows; }
    bool isRowLoaded(int row) const;
    int cachedRows() const;
    // A fetch running or waiting.
    bool isFetching() const { return m_fetching >= 0 || !m_wanted.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    // Rows [firstRow, firstRow + rows) arrived (the first page also brings the columns).
    void pageLoaded(qint64 firstRow, int rows);
    // A page could not be read; its rows stay empty until the table is set again.
    void failed(const QString &message);

private:
    struct Page
    {
        qint64 number = -1;
        quint64 lastUse = 0;
        QList<Row> rows; // by row offset in the page; an empty Row = not stored
    };

    const Row *cachedRow(int row) const;
    // Asks for the page (from data(), so const): queued, most recent first, fetched one at a time.
    void want(qint64 page) const;
    void fetchNext();
    void fetched(quint64 generation, qint64 page, const Result<StoredRows> &rows);

    Repository *m_storage;
    Actor m_actor;
    int m_pageRows = DefaultPageRows;
    int m_activePageRows = DefaultPageRows;
    qint64 m_runId = 0;
    QString m_table;
    qint64 m_rows = 0;
    QStringList m_columns;
    quint64 m_generation = 0; // bumped by setTable(), so that a late page of another table is dropped

    mutable std::vector<Page> m_pages;
    mutable quint64 m_clock = 0;
    mutable QList<qint64> m_wanted; // pages to fetch, the most recently wanted last
    mutable bool m_fetchScheduled = false;
    qint64 m_fetching = -1; // the page being fetched, or -1
    QSet<qint64> m_failed;
    QList<QFuture<void>> m_inFlight;
};

} // namespace fabrica
