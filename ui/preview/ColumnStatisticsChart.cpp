#include "ColumnStatisticsChart.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

constexpr double kPadding = 8; // top, right and bottom; the left edge lines up with the view's summary
constexpr double kGap = 10;    // between the label column, the plot and the share columns

// Decimals that write every grid line of a share axis exactly ("20 %", "2.5 %", "0.2 %").
int axisDecimals(double step)
{
    int decimals = 0;
    while (decimals < 3 && std::abs(step * 100 * std::pow(10.0, decimals) -
                                    std::round(step * 100 * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return decimals;
}

// A round end for a share axis at least max, and the step between its grid lines (3 to 5 of them).
struct NiceScale
{
    double max;
    double step;
};

NiceScale niceScale(double max)
{
    if (!(max > 0))
        return {0.1, 0.02};
    const double magnitude = std::pow(10.0, std::floor(std::log10(max)));
    static const double factors[][2] = {{1, 0.2}, {2, 0.5}, {2.5, 0.5}, {4, 1},
                                        {5, 1},   {6, 2},   {8, 2},     {10, 2}};
    for (const auto &factor : factors) {
        if (factor[0] * magnitude >= max * (1 - 1e-9))
            return {std::min(1.0, factor[0] * magnitude), std::min(0.2, factor[1] * magnitude)};
    }
    return {1.0, 0.2};
}

QColor mixed(const QColor &a, const QColor &b, double weight) // weight of b, 0..1
{
    return QColor::fromRgbF(float(a.redF() * (1 - weight) + b.redF() * weight),
                            float(a.greenF() * (1 - weight) + b.greenF() * weight),
                            float(a.blueF() * (1 - weight) + b.blueF() * weight));
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

QFont smaller(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.9);
    else
        font.setPixelSize(std::max(8, font.pixelSize() * 9 / 10));
    return font;
}

} // namespace

QString ColumnStatisticsChart::percentText(double share, int decimals)
{
    // Small shares keep a second decimal, so 0.04 % does not read as 0.0 %.
    if (decimals < 0)
        decimals = share > 0 && share < 0.001 ? 2 : 1;
    return tr("%1 %").arg(QLocale().toString(share * 100, 'f', decimals));
}

ColumnStatisticsChart::ColumnStatisticsChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ColumnStatisticsChart::setStatistics(const ColumnStatistics &statistics)
{
    m_statistics = statistics;
    m_hasStatistics = true;
    setAccessibleName(tr("Statistics of %1.%2").arg(statistics.table, statistics.column));
    // Rows of values keep their height; a histogram takes the room there is.
    setSizePolicy(QSizePolicy::Expanding,
                  isHistogram() || !message().isEmpty() ? QSizePolicy::Expanding : QSizePolicy::Fixed);
    updateGeometry();
    update();
}

void ColumnStatisticsChart::clear()
{
    m_statistics = ColumnStatistics();
    m_hasStatistics = false;
    setAccessibleName({});
    updateGeometry();
    update();
}

void ColumnStatisticsChart::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    update();
}

bool ColumnStatisticsChart::isHistogram() const
{
    return m_statistics.kind == ColumnStatistics::Kind::Numeric ||
           m_statistics.kind == ColumnStatistics::Kind::Temporal;
}

QString ColumnStatisticsChart::message() const
{
    if (!m_hasStatistics)
        return {};
    if (m_statistics.rowsSampled == 0)
        return tr("The table generates no rows.");
    if (m_statistics.nonNull() == 0)
        return tr("Every sampled row is NULL.");
    if (!isHistogram() && m_statistics.distinct == m_statistics.nonNull() &&
        m_statistics.distinct > ColumnStatistics::maxTopValues && !m_statistics.hasRequested)
        return tr("Every sampled value is different (%1 distinct values), so no value stands out.")
            .arg(QLocale().toString(m_statistics.distinct));
    if (isHistogram() && m_statistics.histogram.isEmpty())
        return tr("The values could not be read as %1.")
            .arg(m_statistics.kind == ColumnStatistics::Kind::Numeric ? tr("numbers") : tr("dates or times"));
    return {};
}

int ColumnStatisticsChart::rowCount() const
{
    const bool other = m_statistics.otherCount > 0 || m_statistics.otherRequested.value_or(0) > 0;
    return int(m_statistics.topValues.size()) + (other ? 1 : 0);
}

QString ColumnStatisticsChart::rowLabel(int row) const
{
    if (row >= m_statistics.topValues.size()) {
        return m_statistics.otherDistinct > 0 ? tr("Other (%n values)", nullptr,
                                                   int(std::min<qint64>(m_statistics.otherDistinct, INT_MAX)))
                                              : tr("Other");
    }
    const QString &value = m_statistics.topValues.at(row).value;
    return value.isEmpty() ? tr("(empty)") : value;
}

ColumnStatisticsChart::Layout ColumnStatisticsChart::layout() const
{
    if (!m_hasStatistics || !message().isEmpty())
        return {};
    return isHistogram() ? histogramLayout() : topValuesLayout();
}

ColumnStatisticsChart::Layout ColumnStatisticsChart::topValuesLayout() const
{
    Layout result;
    const QFontMetricsF metrics(font());
    const QFontMetricsF small(smaller(font()));
    const int rows = rowCount();
    const double nonNull = double(std::max<qint64>(m_statistics.nonNull(), 1));
    const bool requested = m_statistics.hasRequested;

    double widest = 0;
    for (int row = 0; row < rows; ++row)
        widest = std::max(widest, metrics.horizontalAdvance(rowLabel(row)));
    result.labelWidth = std::min(widest, std::max(60.0, width() * 0.32));
    // Wide enough for "100.0 %" and for the heading with the requested marker's legend before it.
    const double shareColumn =
        std::max(metrics.horizontalAdvance(percentText(1.0)), small.horizontalAdvance(tr("Requested")) + 10) +
        kGap;
    result.shareWidth = shareColumn * (requested ? 2 : 1);
    result.rowHeight = std::max(22.0, metrics.height() + 10);
    const double header = small.height() + 6;
    const double left = result.labelWidth + kGap;
    const double right = width() - kPadding - result.shareWidth;
    result.plot = QRectF(left, kPadding + header, std::max(20.0, right - left), rows * result.rowHeight);

    double largest = 0;
    for (const ColumnStatistics::TopValue &top : m_statistics.topValues)
        largest = std::max({largest, top.share, top.requested.value_or(0)});
    // The values themselves set the scale; a larger "other" row is cut off at the end (and says so), or
    // 38 values at 2 % each would squeeze twelve at 2 % into slivers.
    if (m_statistics.topValues.isEmpty())
        largest = std::max({largest, m_statistics.otherShare, m_statistics.otherRequested.value_or(0)});
    const NiceScale scale = niceScale(largest);
    result.scale = {scale.max, scale.step};

    const double barHeight = std::max(10.0, std::round(result.rowHeight * 0.56));
    const QLocale locale;
    for (int row = 0; row < rows; ++row) {
        const bool other = row >= m_statistics.topValues.size();
        const double share = other ? m_statistics.otherShare : m_statistics.topValues.at(row).share;
        const qint64 count = other ? m_statistics.otherCount : m_statistics.topValues.at(row).count;
        const std::optional<double> wanted =
            other ? m_statistics.otherRequested : m_statistics.topValues.at(row).requested;
        const double top = result.plot.top() + row * result.rowHeight;
        const double barTop = top + (result.rowHeight - barHeight) / 2;
        Bar bar;
        bar.rect = QRectF(left, barTop, result.plot.width() * std::min(1.0, share / scale.max), barHeight);
        if (wanted)
            bar.requested =
                QRectF(left, barTop, result.plot.width() * std::min(1.0, *wanted / scale.max), barHeight);
        bar.hotSpot = QRectF(0, top, width(), result.rowHeight);
        QString tip = u"<b>%1</b><br>"_s.arg(rowLabel(row).toHtmlEscaped());
        tip += tr("%1 of %2 non-null values: %3")
                   .arg(locale.toString(count), locale.toString(qint64(nonNull)), percentText(share));
        if (wanted)
            tip += u"<br>"_s + tr("Requested: %1").arg(percentText(*wanted));
        bar.toolTip = tip;
        result.bars.append(bar);
    }
    return result;
}

ColumnStatisticsChart::Layout ColumnStatisticsChart::histogramLayout() const
{
    Layout result;
    const QFontMetricsF small(smaller(font()));
    const QList<ColumnStatistics::Bin> &bins = m_statistics.histogram;
    const double nonNull = double(std::max<qint64>(m_statistics.nonNull(), 1));

    // Heights are shares per full bin width, so a bin cut short by the range's end is drawn narrower
    // rather than lower.
    double largest = 0, totalSpan = 0;
    for (const ColumnStatistics::Bin &bin : bins) {
        largest = std::max(largest, double(bin.count) / nonNull / std::max(bin.span, 1e-9));
        totalSpan += bin.span;
    }
    const NiceScale scale = niceScale(largest);
    result.scale = {scale.max, scale.step};
    const double axisLabels =
        small.horizontalAdvance(percentText(scale.max, axisDecimals(scale.step))) + kGap;
    const double top = kPadding + small.height() / 2;
    const double bottom = height() - kPadding - small.height() - 6;
    result.plot = QRectF(axisLabels, top, std::max(20.0, width() - kPadding - axisLabels),
                         std::max(20.0, bottom - top));

    const double unit = result.plot.width() / std::max(totalSpan, 1e-9);
    double x = result.plot.left();
    const QLocale locale;
    for (const ColumnStatistics::Bin &bin : bins) {
        const double binWidth = bin.span * unit;
        const double gap = binWidth > 8 ? 2 : binWidth > 3 ? 1 : 0;
        const double density = double(bin.count) / nonNull / std::max(bin.span, 1e-9);
        const double barHeight = result.plot.height() * std::min(1.0, density / scale.max);
        Bar bar;
        bar.rect =
            QRectF(x + gap / 2, result.plot.bottom() - barHeight, std::max(1.0, binWidth - gap), barHeight);
        bar.hotSpot = QRectF(x, result.plot.top(), binWidth, result.plot.height());
        const QString range =
            bin.lowText == bin.highText ? bin.lowText : tr("%1 to %2").arg(bin.lowText, bin.highText);
        bar.toolTip = u"<b>%1</b><br>"_s.arg(range.toHtmlEscaped()) +
                      tr("%1 values: %2 of the non-null values")
                          .arg(locale.toString(bin.count), percentText(double(bin.count) / nonNull));
        result.bars.append(bar);
        x += binWidth;
    }
    return result;
}

QList<ColumnStatisticsChart::Bar> ColumnStatisticsChart::bars() const
{
    return layout().bars;
}

void ColumnStatisticsChart::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    if (!m_hasStatistics)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_dimmed)
        painter.setOpacity(0.35);
    const QString note = message();
    if (!note.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(int(kPadding), int(kPadding), -int(kPadding), -int(kPadding)),
                         Qt::AlignCenter | Qt::TextWordWrap, note);
        return;
    }
    const Layout current = layout();
    if (isHistogram())
        paintHistogram(painter, current);
    else
        paintTopValues(painter, current);
}

void ColumnStatisticsChart::paintTopValues(QPainter &painter, const Layout &layout) const
{
    const QPalette &colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    const QColor muted = colours.color(QPalette::PlaceholderText);
    const QColor bar = colours.color(QPalette::Highlight);
    const QColor otherBar = mixed(bar, colours.color(QPalette::Window), 0.45);
    const QColor grid = withAlpha(text, 38);
    const QFont small = smaller(font());
    const QFontMetricsF smallMetrics(small);
    const QRectF plot = layout.plot;
    const double shareColumn = layout.shareWidth / (m_statistics.hasRequested ? 2 : 1);
    const QRectF observedColumn(plot.right() + kGap, 0, shareColumn - kGap, 0);
    const QRectF requestedColumn(observedColumn.right() + kGap, 0, shareColumn - kGap, 0);

    // Column headings above the plot, and the requested marker's legend.
    painter.setFont(small);
    painter.setPen(muted);
    const QRectF heading(0, kPadding, 0, smallMetrics.height());
    painter.drawText(QRectF(observedColumn.left(), heading.top(), observedColumn.width(), heading.height()),
                     Qt::AlignRight | Qt::AlignVCenter, tr("Observed"));
    if (m_statistics.hasRequested) {
        painter.drawText(
            QRectF(requestedColumn.left(), heading.top(), requestedColumn.width(), heading.height()),
            Qt::AlignRight | Qt::AlignVCenter, tr("Requested"));
        const double legendX = requestedColumn.right() - smallMetrics.horizontalAdvance(tr("Requested")) - 6;
        painter.setPen(QPen(text, 2));
        painter.drawLine(QPointF(legendX, heading.top() + 2), QPointF(legendX, heading.bottom() - 2));
    }

    // Grid lines at round shares, labelled below the plot (every other one where labels would touch).
    const int decimals = axisDecimals(layout.scale.step);
    const double labelRoom = smallMetrics.horizontalAdvance(percentText(layout.scale.max, decimals)) + 8;
    const int labelEvery = plot.width() * layout.scale.step / layout.scale.max < labelRoom ? 2 : 1;
    int tick = 0;
    for (double share = 0; share <= layout.scale.max + 1e-9; share += layout.scale.step, ++tick) {
        const double x = std::round(plot.left() + plot.width() * share / layout.scale.max) + 0.5;
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom() + 2));
        if (tick % labelEvery != 0)
            continue;
        painter.setPen(muted);
        const QString label = percentText(share, decimals);
        const double labelWidth = smallMetrics.horizontalAdvance(label);
        painter.drawText(
            QRectF(x - labelWidth / 2 - 2, plot.bottom() + 4, labelWidth + 4, smallMetrics.height()),
            Qt::AlignCenter, label);
    }

    for (int row = 0; row < layout.bars.size(); ++row) {
        const Bar &item = layout.bars.at(row);
        const bool other = row >= m_statistics.topValues.size();
        const QRectF rowRect(0, plot.top() + row * layout.rowHeight, width(), layout.rowHeight);
        const double share = other ? m_statistics.otherShare : m_statistics.topValues.at(row).share;
        const std::optional<double> wanted =
            other ? m_statistics.otherRequested : m_statistics.topValues.at(row).requested;

        // The value, elided to its column.
        QFont labelFont = font();
        labelFont.setItalic(other || m_statistics.topValues.at(row).value.isEmpty());
        painter.setFont(labelFont);
        painter.setPen(other ? muted : text);
        painter.drawText(
            QRectF(0, rowRect.top(), layout.labelWidth, rowRect.height()), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(labelFont).elidedText(rowLabel(row), Qt::ElideRight, layout.labelWidth));

        // The requested share as a faint bar under the observed one, ending in a marker line.
        if (item.requested.width() > 0.5) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(withAlpha(other ? otherBar : bar, 60));
            painter.drawRoundedRect(item.requested, 2, 2);
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(other ? otherBar : bar);
        if (item.rect.width() > 0.5)
            painter.drawRoundedRect(item.rect, 2, 2);
        if (share > layout.scale.max + 1e-9) { // cut off at the axis' end: a break in the bar says so
            painter.setPen(QPen(colours.color(QPalette::Window), 2));
            for (const double offset : {14.0, 9.0}) {
                const double x = item.rect.right() - offset;
                painter.drawLine(QPointF(x - 2, item.rect.bottom() + 1), QPointF(x + 2, item.rect.top() - 1));
            }
        }
        if (wanted && *wanted <= layout.scale.max + 1e-9) {
            const double x = item.requested.right();
            painter.setPen(QPen(text, 2, Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(x, item.requested.top() - 3), QPointF(x, item.requested.bottom() + 3));
        }

        // The shares, right-aligned in their columns.
        painter.setFont(font());
        painter.setPen(text);
        painter.drawText(
            QRectF(observedColumn.left(), rowRect.top(), observedColumn.width(), rowRect.height()),
            Qt::AlignRight | Qt::AlignVCenter, percentText(share));
        if (wanted) {
            painter.setPen(muted);
            painter.drawText(
                QRectF(requestedColumn.left(), rowRect.top(), requestedColumn.width(), rowRect.height()),
                Qt::AlignRight | Qt::AlignVCenter, percentText(*wanted));
        }
    }
}

void ColumnStatisticsChart::paintHistogram(QPainter &painter, const Layout &layout) const
{
    const QPalette &colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    const QColor muted = colours.color(QPalette::PlaceholderText);
    const QColor bar = colours.color(QPalette::Highlight);
    const QFont small = smaller(font());
    const QFontMetricsF smallMetrics(small);
    const QRectF plot = layout.plot;
    painter.setFont(small);

    // Horizontal grid lines at round shares, labelled on the left.
    for (double share = 0; share <= layout.scale.max + 1e-9; share += layout.scale.step) {
        const double y = std::round(plot.bottom() - plot.height() * share / layout.scale.max) + 0.5;
        painter.setPen(QPen(withAlpha(text, share == 0 ? 110 : 38), 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(muted);
        painter.drawText(QRectF(0, y - smallMetrics.height() / 2, plot.left() - 6, smallMetrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter,
                         percentText(share, axisDecimals(layout.scale.step)));
    }

    painter.setPen(Qt::NoPen);
    painter.setBrush(bar);
    for (const Bar &item : layout.bars) {
        if (item.rect.height() < 0.5)
            continue;
        // Square at the baseline, rounded at the top.
        const double radius = std::min({2.0, item.rect.width() / 2, item.rect.height() / 2});
        painter.drawRoundedRect(item.rect, radius, radius);
        painter.drawRect(item.rect.adjusted(0, radius, 0, 0));
    }

    // The range along the bottom: first bound, the middle bin's, last bound, where they fit.
    const QList<ColumnStatistics::Bin> &bins = m_statistics.histogram;
    if (bins.isEmpty())
        return;
    painter.setPen(muted);
    const double labelTop = plot.bottom() + 4;
    const QString first = bins.first().lowText;
    const QString last = bins.last().highText;
    const double firstWidth = smallMetrics.horizontalAdvance(first);
    const double lastWidth = smallMetrics.horizontalAdvance(last);
    const QRectF firstRect(plot.left(), labelTop, firstWidth, smallMetrics.height());
    const QRectF lastRect(plot.right() - lastWidth, labelTop, lastWidth, smallMetrics.height());
    painter.drawText(firstRect, Qt::AlignLeft | Qt::AlignVCenter, first);
    if (!firstRect.adjusted(0, 0, 12, 0).intersects(lastRect))
        painter.drawText(lastRect, Qt::AlignRight | Qt::AlignVCenter, last);
    if (bins.size() >= 3) {
        const int middle = int(bins.size()) / 2;
        const QString label = bins.at(middle).lowText;
        const double labelWidth = smallMetrics.horizontalAdvance(label);
        const double x = layout.bars.at(middle).hotSpot.left();
        const QRectF middleRect(x - labelWidth / 2, labelTop, labelWidth, smallMetrics.height());
        if (!middleRect.adjusted(-12, 0, 12, 0).intersects(firstRect) &&
            !middleRect.adjusted(-12, 0, 12, 0).intersects(lastRect)) {
            painter.drawText(middleRect, Qt::AlignCenter, label);
            painter.setPen(QPen(withAlpha(text, 110), 1));
            painter.drawLine(QPointF(std::round(x) + 0.5, plot.bottom()),
                             QPointF(std::round(x) + 0.5, plot.bottom() + 3));
        }
    }
}

bool ColumnStatisticsChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Bar &bar : layout().bars) {
            if (bar.hotSpot.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), bar.toolTip, this, bar.hotSpot.toAlignedRect());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

QSize ColumnStatisticsChart::sizeHint() const
{
    const QFontMetrics metrics(font());
    if (m_hasStatistics && !isHistogram() && message().isEmpty()) {
        const int rowHeight = std::max(22, metrics.height() + 10);
        const int small = QFontMetrics(smaller(font())).height();
        return QSize(460, int(2 * kPadding) + small + 6 + rowCount() * rowHeight + small + 8);
    }
    return QSize(460, 13 * metrics.height());
}

QSize ColumnStatisticsChart::minimumSizeHint() const
{
    return QSize(240, 6 * fontMetrics().height());
}

} // namespace fabrica
