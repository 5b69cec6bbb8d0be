#pragma once

#include "jobs/GenerationRunner.h"

#include <QCoreApplication>
#include <QList>

namespace fabrica {

// What a running generation has done, from its planned tables and its progress reports: rows per table
// (tables are generated one after another in plan order), the overall share, the recent rate and the time
// left at that rate. Times are given by the caller, so the arithmetic is testable.
class GenerationProgress
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GenerationProgress)

public:
    // Starts over with these tables, nothing done, at 0 ms.
    void reset(const QList<GenerationRunner::TablePlanInfo> &tables);
    // A progress report elapsedMs after the start.
    void update(const GenerationJob::Progress &progress, qint64 elapsedMs);
    // Time passes without a report (the clock of a run that waits for its database).
    void setElapsed(qint64 elapsedMs);
    // The run finished: every table complete.
    void complete(qint64 elapsedMs);

    int tableCount() const { return int(m_tables.size()); }
    QString tableName(int table) const { return m_tables.value(table).name; }
    qint64 tableRows(int table) const { return m_tables.value(table).rows; }
    qint64 tableDone(int table) const;
    double tableShare(int table) const; // 0..1; an empty table is complete once its turn has passed
    int currentTable() const { return m_current; }

    qint64 rowsDone() const { return m_done; }
    qint64 rowsTotal() const { return m_total; }
    double share() const; // 0..1
    qint64 elapsedMs() const { return m_elapsed; }
    // Rows per second over the last few seconds (over the whole run until there is enough of it).
    double rowsPerSecond() const;
    // At the current rate; -1 while unknown.
    qint64 remainingMs() const;
    bool isComplete() const { return m_complete; }

    // "0:07", "12:34", "1:02:03".
    static QString formatDuration(qint64 msecs);

private:
    struct Sample
    {
        qint64 msecs = 0;
        qint64 rows = 0;
    };
    static constexpr qint64 kRateWindowMs = 3000;
    static constexpr qint64 kMinRateSpanMs = 500;

    QList<GenerationRunner::TablePlanInfo> m_tables;
    QList<qint64> m_offsets; // rows of the tables before each one
    qint64 m_total = 0;
    qint64 m_done = 0;
    int m_current = 0;
    qint64 m_elapsed = 0;
    bool m_complete = false;
    QList<Sample> m_samples; // the recent reports, oldest first
};

} // namespace fabrica
