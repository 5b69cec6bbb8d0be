#pragma once

#include "generate/ColumnStatistics.h"

#include <QList>
#include <QRectF>
#include <QWidget>

namespace fabrica {

// Draws a ColumnStatistics with QPainter: a histogram for numbers and dates, or horizontal bars of the
// most frequent values with a marker at the share the schema requests. Colours come from the palette, so
// the chart reads in light and dark themes; every bar has a tooltip.
class ColumnStatisticsChart : public QWidget
{
    Q_OBJECT

public:
    // One drawn bar, in widget coordinates.
    struct Bar
    {
        QRectF rect;      // the observed share or the bin's count
        QRectF requested; // the requested share (top values with weights), zero wide for 0; null if none
        QRectF hotSpot;   // where the tooltip applies: the whole row or column
        QString toolTip;
    };

    explicit ColumnStatisticsChart(QWidget *parent = nullptr);

    void setStatistics(const ColumnStatistics &statistics);
    void clear();
    const ColumnStatistics &statistics() const { return m_statistics; }
    bool hasStatistics() const { return m_hasStatistics; }

    // Drawn faded while newer statistics are being computed.
    void setDimmed(bool dimmed);
    bool isDimmed() const { return m_dimmed; }

    // The bars as drawn at the current size (histogram bins left to right, top values top to bottom, the
    // "other" row last).
    QList<Bar> bars() const;
    // What the chart says instead of bars (all NULL, every value different, nothing sampled); else empty.
    QString message() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // A share (0..1) as the chart writes it, in the user's locale: "70.1 %"; decimals < 0 = 1, or 2 below
    // 0.1 %.
    static QString percentText(double share, int decimals = -1);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Scale
    {
        double max = 1;  // share at the end of the axis
        double step = 1; // between grid lines
    };
    struct Layout
    {
        QRectF plot; // the bars' area
        Scale scale;
        double labelWidth = 0; // top values: the value labels left of the plot
        double shareWidth = 0; // top values: the observed and requested share columns right of it
        double rowHeight = 0;
        QList<Bar> bars;
    };
    Layout layout() const;
    Layout topValuesLayout() const;
    Layout histogramLayout() const;
    void paintTopValues(QPainter &painter, const Layout &layout) const;
    void paintHistogram(QPainter &painter, const Layout &layout) const;
    bool isHistogram() const;
    int rowCount() const;
    QString rowLabel(int row) const;

    ColumnStatistics m_statistics;
    bool m_hasStatistics = false;
    bool m_dimmed = false;
};

} // namespace fabrica
