#include "StoredRunModel.h"

#include "models/CellDisplay.h"

#include "UiLogging.h"
#include "storage/Repository.h"

#include <QFont>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QPalette>
#include <QtConcurrent>

#include <algorithm>

namespace fabrica {

namespace {

// Pages asked for but not fetched yet: when the user scrolls past faster than storage answers, only the
// last few (those still on screen) are worth reading.
constexpr int kMaxWantedPages = 4;

} // namespace

StoredRunModel::StoredRunModel(Repository *storage, const Actor &actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_storage(storage)
    , m_actor(actor)
{}

StoredRunModel::~StoredRunModel()
{
    // Fetches use the storage, which its owner may destroy right after this model.
    for (QFuture<void> &future : m_inFlight)
        future.waitForFinished();
}

void StoredRunModel::setPageRows(int rows)
{
    m_pageRows = std::max(1, rows);
}

void StoredRunModel::setTable(const RunRecord &run, const QString &table)
{
    beginResetModel();
    ++m_generation;
    m_runId = run.id;
    m_table = table;
    m_rows = run.rowCounts.value(table);
    m_columns.clear();
    m_pages.clear();
    m_wanted.clear();
    m_failed.clear();
    m_fetching = -1; // a fetch still running belongs to the old generation and is dropped
    m_activePageRows = m_pageRows;
    endResetModel();
    // The first page brings the columns, so it is read whether or not a view asks for a row.
    if (m_runId > 0 && !m_table.isEmpty())
        want(0);
}

void StoredRunModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_runId = 0;
    m_table.clear();
    m_rows = 0;
    m_columns.clear();
    m_pages.clear();
    m_wanted.clear();
    m_failed.clear();
    m_fetching = -1;
    endResetModel();
}

bool StoredRunModel::isRowLoaded(int row) const
{
    const qint64 page = qint64(row) / m_activePageRows;
    return std::any_of(m_pages.begin(), m_pages.end(), [page](const Page &p) { return p.number == page; });
}

int StoredRunModel::cachedRows() const
{
    int rows = 0;
    for (const Page &page : m_pages)
        rows += int(page.rows.size());
    return rows;
}

const StoredRunModel::Row *StoredRunModel::cachedRow(int row) const
{
    const qint64 number = qint64(row) / m_activePageRows;
    auto page =
        std::find_if(m_pages.begin(), m_pages.end(), [number](const Page &p) { return p.number == number; });
    if (page == m_pages.end()) {
        if (!m_failed.contains(number))
            want(number);
        return nullptr;
    }
    page->lastUse = ++m_clock;
    const qsizetype offset = qsizetype(qint64(row) - number * m_activePageRows);
    return offset < page->rows.size() ? &page->rows.at(offset) : nullptr;
}

void StoredRunModel::want(qint64 page) const
{
    if (page == m_fetching)
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    while (m_wanted.size() > kMaxWantedPages)
        m_wanted.removeFirst();
    // Queued: data() is called while a view paints, which is no moment to start work or emit signals;
    // every page a paint asks for is then known before the first fetch starts.
    if (!m_fetchScheduled && m_fetching < 0) {
        m_fetchScheduled = true;
        QMetaObject::invokeMethod(const_cast<StoredRunModel *>(this), &StoredRunModel::fetchNext,
                                  Qt::QueuedConnection);
    }
}

void StoredRunModel::fetchNext()
{
    m_fetchScheduled = false;
    if (m_fetching >= 0 || m_wanted.isEmpty() || !m_storage)
        return;
    const qint64 page = m_wanted.takeLast();
    m_fetching = page;
    Repository *storage = m_storage;
    const Actor actor = m_actor;
    const qint64 runId = m_runId;
    const QString table = m_table;
    const qint64 first = page * m_activePageRows;
    const int limit = m_activePageRows;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<Result<StoredRows>>(this);
    connect(watcher, &QFutureWatcher<Result<StoredRows>>::finished, this, [this, watcher, generation, page] {
        watcher->deleteLater();
        fetched(generation, page, watcher->result());
    });
    QFuture<Result<StoredRows>> future = QtConcurrent::run([storage, actor, runId, table, first, limit] {
        return storage->storedRows(actor, runId, table, first, limit);
    });
    // A fetch of a table set before may still run: all are waited for on destruction.
    m_inFlight.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    m_inFlight.append(QFuture<void>(future));
    watcher->setFuture(future);
}

void StoredRunModel::fetched(quint64 generation, qint64 page, const Result<StoredRows> &rows)
{
    if (generation != m_generation) {
        // Another table was set meanwhile; its own first page may be waiting for this fetch to end.
        if (m_fetching < 0 && !m_wanted.isEmpty())
            fetchNext();
        return;
    }
    m_fetching = -1;
    if (!rows) {
        m_failed.insert(page);
        qCWarning(lcUi).noquote() << "cannot read rows of" << m_table << "of run" << m_runId << ":"
                                  << rows.error().toString();
        emit failed(rows.error().message);
    } else {
        if (m_columns.isEmpty() && !rows->columns.isEmpty()) {
            beginInsertColumns({}, 0, int(rows->columns.size()) - 1);
            m_columns = rows->columns;
            endInsertColumns();
        }
        const qint64 first = page * m_activePageRows;
        const int count = int(std::clamp<qint64>(m_rows - first, 0, m_activePageRows));
        Page fresh;
        fresh.number = page;
        fresh.lastUse = ++m_clock;
        fresh.rows.resize(count);
        for (qsizetype i = 0; i < rows->rowIndexes.size(); ++i) {
            const qint64 offset = rows->rowIndexes[i] - first;
            if (offset >= 0 && offset < count)
                fresh.rows[qsizetype(offset)] = rows->rows[i];
        }
        if (int(m_pages.size()) < CachedPages) {
            m_pages.push_back(std::move(fresh));
        } else {
            auto oldest = std::min_element(m_pages.begin(), m_pages.end(), [](const Page &a, const Page &b) {
                return a.lastUse < b.lastUse;
            });
            *oldest = std::move(fresh);
        }
        const int lastRow = int(std::min<qint64>(first + count, rowCount())) - 1;
        if (count > 0 && first <= lastRow && columnCount() > 0)
            emit dataChanged(index(int(first), 0), index(lastRow, columnCount() - 1));
        emit pageLoaded(first, count);
    }
    fetchNext();
}

int StoredRunModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(m_rows, INT_MAX));
}

int StoredRunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant StoredRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::FontRole:
    case Qt::ForegroundRole:
    case CellRole:
        break;
    default:
        return {};
    }
    const Row *row = cachedRow(index.row());
    const bool loaded = row && index.column() < row->size();
    if (!loaded) {
        switch (role) {
        case Qt::DisplayRole:
            return QString(QChar(0x2026)); // … until the page arrives
        case Qt::ForegroundRole:
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        default:
            return {};
        }
    }
    const Cell &cell = row->at(index.column());
    if (role == CellRole)
        return QVariant::fromValue(cell);
    return CellDisplay::data(cell, role);
}

QVariant StoredRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return section >= 0 && section < rowCount() ? CellDisplay::rowHeader(section, role) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_columns.at(section);
    return {};
}

Qt::ItemFlags StoredRunModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

} // namespace fabrica
