#include "GenerationProgress.h"

#include <algorithm>

namespace fabrica {

void GenerationProgress::reset(const QList<GenerationRunner::TablePlanInfo> &tables)
{
    m_tables = tables;
    m_offsets.clear();
    m_total = 0;
    for (const GenerationRunner::TablePlanInfo &table : tables) {
        m_offsets.append(m_total);
        m_total += table.rows;
    }
    m_done = 0;
    m_current = 0;
    m_elapsed = 0;
    m_complete = false;
    m_samples = {{0, 0}};
}

void GenerationProgress::update(const GenerationJob::Progress &progress, qint64 elapsedMs)
{
    m_done = std::clamp<qint64>(progress.rowsDone, 0, m_total);
    m_current = std::clamp(progress.table, 0, std::max(0, tableCount() - 1));
    m_elapsed = std::max(m_elapsed, elapsedMs);
    m_samples.append({m_elapsed, m_done});
    // Keep one sample at or before the window's start, so the rate always spans the whole window.
    while (m_samples.size() > 2 && m_samples.at(1).msecs <= m_elapsed - kRateWindowMs)
        m_samples.removeFirst();
}

void GenerationProgress::setElapsed(qint64 elapsedMs)
{
    m_elapsed = std::max(m_elapsed, elapsedMs);
}

void GenerationProgress::complete(qint64 elapsedMs)
{
    setElapsed(elapsedMs);
    m_done = m_total;
    m_current = std::max(0, tableCount() - 1);
    m_complete = true;
}

qint64 GenerationProgress::tableDone(int table) const
{
    if (table < 0 || table >= tableCount())
        return 0;
    if (m_complete || table < m_current)
        return m_tables.at(table).rows;
    if (table > m_current)
        return 0;
    return std::clamp<qint64>(m_done - m_offsets.at(table), 0, m_tables.at(table).rows);
}

double GenerationProgress::tableShare(int table) const
{
    const qint64 rows = tableRows(table);
    if (rows <= 0)
        return (m_complete || table < m_current) ? 1.0 : 0.0;
    return double(tableDone(table)) / double(rows);
}

double GenerationProgress::share() const
{
    if (m_total <= 0)
        return m_complete ? 1.0 : 0.0;
    return double(m_done) / double(m_total);
}

double GenerationProgress::rowsPerSecond() const
{
    // Measured up to now rather than to the last report, so a stall lowers the rate.
    if (!m_samples.isEmpty()) {
        const Sample &first = m_samples.first();
        if (m_elapsed - first.msecs >= kMinRateSpanMs)
            return double(m_samples.last().rows - first.rows) * 1000.0 / double(m_elapsed - first.msecs);
    }
    return m_elapsed > 0 ? double(m_done) * 1000.0 / double(m_elapsed) : 0.0;
}

qint64 GenerationProgress::remainingMs() const
{
    if (m_complete || (m_total > 0 && m_done >= m_total))
        return 0;
    const double rate = rowsPerSecond();
    if (rate <= 0)
        return -1;
    return qint64(double(m_total - m_done) * 1000.0 / rate + 0.5);
}

QString GenerationProgress::formatDuration(qint64 msecs)
{
    const qint64 seconds = std::max<qint64>(0, (msecs + 500) / 1000);
    const qint64 hours = seconds / 3600;
    const QChar zero(u'0');
    if (hours > 0)
        return tr("%1:%2:%3", "hours:minutes:seconds")
            .arg(hours)
            .arg(seconds / 60 % 60, 2, 10, zero)
            .arg(seconds % 60, 2, 10, zero);
    return tr("%1:%2", "minutes:seconds").arg(seconds / 60).arg(seconds % 60, 2, 10, zero);
}

} // namespace fabrica
