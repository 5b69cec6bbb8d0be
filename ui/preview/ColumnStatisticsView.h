#pragma once

#include "generate/ColumnStatistics.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QStackedWidget;

namespace fabrica {

class ColumnStatisticsChart;
class ColumnStatisticsRunner;

// The statistics of one column: a summary (rows sampled, NULL share, distinct values, min, max) above a
// chart (ColumnStatisticsChart), a busy state while a ColumnStatisticsRunner samples, and its error.
class ColumnStatisticsView : public QWidget
{
    Q_OBJECT

public:
    explicit ColumnStatisticsView(QWidget *parent = nullptr);

    // Follows runner: busy when it starts, the statistics or the error when it ends. The runner stays
    // owned by the caller; nullptr disconnects.
    void setRunner(ColumnStatisticsRunner *runner);

    bool isBusy() const { return m_busy; }
    bool hasStatistics() const;
    const ColumnStatistics &statistics() const;
    ColumnStatisticsChart *chart() const { return m_chart; }

    QSize sizeHint() const override;

public slots:
    void showBusy();
    void showStatistics(const fabrica::ColumnStatistics &statistics);
    void showError(const QString &message);
    // Back to the empty state ("no column selected").
    void clear();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showMessage(const QString &message);
    // Summary values are elided to their tile's width; the full text stays in the property kFullText.
    void setValue(QLabel *label, const QString &text);
    void elide(QLabel *label);
    void setBusy(bool busy);
    static QString kindCaption(const ColumnStatistics &statistics);

    ColumnStatisticsRunner *m_runner = nullptr;
    QLabel *m_title;
    QLabel *m_subtitle;
    QWidget *m_busyRow;
    QProgressBar *m_progress;
    QWidget *m_summary;
    QLabel *m_rows;
    QLabel *m_nulls;
    QLabel *m_nullsRequested;
    QLabel *m_distinct;
    QLabel *m_min;
    QLabel *m_max;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QWidget *m_chartPage;
    ColumnStatisticsChart *m_chart;
    QLabel *m_caption;
    bool m_busy = false;
};

} // namespace fabrica
