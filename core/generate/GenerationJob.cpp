#include "GenerationJob.h"

#include "common/Logging.h"
#include "export/Sink.h"

#include <QElapsedTimer>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace fabrica {

namespace {

// A chunk's values are read again by the sink right after they are made; while they stay within the
// core's cache (about 1 MiB) that second pass costs little, so wide tables get fewer rows per chunk.
// Chunk sizes never change the bytes: a row is a pure function of its number.
constexpr std::size_t kChunkBytes = std::size_t(1) << 20;
constexpr int kMinChunkRows = 256;
constexpr int kProbeRows = 64;

// Rows per chunk for table: at most `most`, fewer when a probe of its first rows shows wide rows.
int chunkRowsFor(const Plan &plan, int table, qint64 firstRow, qint64 rows, int most)
{
    if (rows <= kMinChunkRows || most <= kMinChunkRows)
        return most;
    TableChunk probe;
    const int probed = int(std::min<qint64>(kProbeRows, rows));
    plan.fillChunk(table, firstRow, probed, probe);
    std::size_t bytes = 0;
    for (const ColumnChunk &column : probe.columns)
        bytes += column.byteSize() + std::size_t(probed); // and a delimiter each
    const std::size_t perRow = std::max<std::size_t>(1, bytes / std::size_t(probed));
    return int(std::clamp<std::size_t>(kChunkBytes / perRow, kMinChunkRows, std::size_t(most)));
}

// Produces one table's chunks on worker threads and hands them over in order.
class TableRun
{
public:
    // Rows [firstRow, firstRow + rows) of the table.
    TableRun(const Plan &plan, const Sink &sink, int table, qint64 firstRow, qint64 rows, int threads,
             int chunkRows)
        : m_plan(plan)
        , m_sink(sink)
        , m_table(table)
        , m_firstRow(firstRow)
        , m_rows(rows)
        , m_chunkRows(chunkRows)
        , m_chunks((m_rows + chunkRows - 1) / chunkRows)
        , m_slots(std::size_t(threads) * 2)
    {
        for (int i = 0; i < threads; ++i)
            m_workers.emplace_back([this] { work(); });
    }

    ~TableRun()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_changed.notify_all();
        for (std::thread &worker : m_workers)
            worker.join();
    }

    qint64 chunks() const { return m_chunks; }

    // Waits for chunk `index` and lends it out until release().
    std::pair<const TableChunk *, const ByteBuffer *> take(qint64 index)
    {
        Slot &slot = m_slots[std::size_t(index) % m_slots.size()];
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return slot.ready && slot.index == index; });
        return {&slot.chunk, &slot.encoded};
    }

    void release(qint64 index)
    {
        {
            std::lock_guard lock(m_mutex);
            m_slots[std::size_t(index) % m_slots.size()].ready = false;
            m_written = index + 1;
        }
        m_changed.notify_all();
    }

private:
    struct Slot
    {
        qint64 index = -1;
        bool ready = false;
        TableChunk chunk;
        ByteBuffer encoded;
    };

    void work()
    {
        while (true) {
            qint64 index;
            {
                std::unique_lock lock(m_mutex);
                // Take the next chunk only when its slot is free: at most slots.size() chunks in flight.
                m_changed.wait(lock, [&] {
                    return m_stopping || m_next >= m_chunks || m_next < m_written + qint64(m_slots.size());
                });
                if (m_stopping || m_next >= m_chunks)
                    return;
                index = m_next++;
            }
            Slot &slot = m_slots[std::size_t(index) % m_slots.size()];
            const qint64 first = index * m_chunkRows;
            m_plan.fillChunk(m_table, m_firstRow + first, int(std::min<qint64>(m_chunkRows, m_rows - first)),
                             slot.chunk);
            slot.encoded.clear();
            m_sink.encode(slot.chunk, slot.encoded);
            {
                std::lock_guard lock(m_mutex);
                slot.index = index;
                slot.ready = true;
            }
            m_changed.notify_all();
        }
    }

    const Plan &m_plan;
    const Sink &m_sink;
    int m_table;
    qint64 m_firstRow;
    qint64 m_rows;
    int m_chunkRows;
    qint64 m_chunks;
    std::vector<Slot> m_slots;
    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_next = 0;
    qint64 m_written = 0;
    bool m_stopping = false;
};

} // namespace

qint64 GenerationJob::rowsOf(const Plan &plan, const Shard &shard)
{
    qint64 rows = 0;
    for (const TablePlan &table : plan.tables())
        rows += shard.rowsOf(table.rows);
    return rows;
}

Result<GenerationJob::Summary> GenerationJob::run(const Plan &plan, Sink &sink, const Options &options)
{
    QElapsedTimer timer;
    timer.start();
    const int threads = options.threads > 0 ? options.threads : std::max(1, QThread::idealThreadCount());
    const int chunkRows = std::max(1, options.chunkRows);
    auto fail = [&sink](const Error &error) -> Result<Summary> {
        sink.abort();
        return error;
    };
    auto cancelled = [&options] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };

    if (Result<void> begun = sink.begin(plan); !begun)
        return fail(begun.error());
    Progress progress{0, rowsOf(plan, options.shard), 0};
    QMap<QString, qint64> shortened;
    for (int t = 0; t < int(plan.tables().size()); ++t) {
        progress.table = t;
        if (Result<void> begun = sink.beginTable(t); !begun)
            return fail(begun.error());
        const qint64 rows = plan.tables()[std::size_t(t)].rows;
        const qint64 first = options.shard.firstRow(rows), count = options.shard.rowsOf(rows);
        TableRun run(plan, sink, t, first, count, threads, chunkRowsFor(plan, t, first, count, chunkRows));
        for (qint64 index = 0; index < run.chunks(); ++index) {
            if (cancelled())
                return fail(makeError(ErrorCode::Cancelled, tr("generation was cancelled")));
            const auto [chunk, encoded] = run.take(index);
            const Result<void> written = sink.write(*chunk, *encoded);
            for (std::size_t c = 0; c < chunk->columns.size(); ++c) {
                if (const int count = chunk->columns[c].shortened(); count > 0)
                    shortened[plan.tables()[std::size_t(t)].name + QLatin1Char('.') +
                              plan.tables()[std::size_t(t)].columns[c].name] += count;
            }
            progress.rowsDone += chunk->rows;
            run.release(index);
            if (!written)
                return fail(written.error());
            if (options.progress)
                options.progress(progress);
        }
        if (Result<void> ended = sink.endTable(t); !ended)
            return fail(ended.error());
    }
    if (Result<void> finished = sink.finish(); !finished)
        return fail(finished.error());
    const Summary summary{progress.rowsDone, sink.bytesWritten(), double(timer.nsecsElapsed()) / 1e9,
                          shortened};
    qCDebug(lcGenerate) << "generated" << summary.rows << "rows in" << summary.seconds << "s";
    return summary;
}

} // namespace fabrica
