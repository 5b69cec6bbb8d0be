#include "ColumnStatisticsView.h"

#include "ColumnStatisticsChart.h"
#include "ColumnStatisticsRunner.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <tuple>

namespace fabrica {

namespace {

// The property of the summary's value labels that holds their text before eliding.
const char *const kFullText = "fullText";

QFont smaller(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

// A summary value: selectable, elided by the layout rather than widening the view.
QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setMinimumWidth(40);
    return label;
}

QLabel *captionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

ColumnStatisticsView::ColumnStatisticsView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_subtitle(captionLabel({}, this))
    , m_busyRow(new QWidget(this))
    , m_progress(new QProgressBar(m_busyRow))
    , m_summary(new QWidget(this))
    , m_rows(valueLabel(QStringLiteral("rowsSampledValue"), m_summary))
    , m_nulls(valueLabel(QStringLiteral("nullValue"), m_summary))
    , m_nullsRequested(valueLabel(QStringLiteral("nullRequestedValue"), m_summary))
    , m_distinct(valueLabel(QStringLiteral("distinctValue"), m_summary))
    , m_min(valueLabel(QStringLiteral("minValue"), m_summary))
    , m_max(valueLabel(QStringLiteral("maxValue"), m_summary))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(m_stack))
    , m_chartPage(new QWidget(m_stack))
    , m_chart(new ColumnStatisticsChart(m_chartPage))
    , m_caption(captionLabel({}, m_chartPage))
{
    QFont titleFont = font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_subtitle->setObjectName(QStringLiteral("subtitleLabel"));
    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_subtitle, 1);

    // Indeterminate: the sample's size is known, but the engine reports no progress within it.
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setAccessibleName(tr("Sampling"));
    auto *busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    auto *busyLabel = captionLabel(tr("Sampling…"), m_busyRow);
    busyLabel->setFont(smaller(font()));
    busyLayout->addWidget(busyLabel);
    busyLayout->addWidget(m_progress, 1);
    m_busyRow->setObjectName(QStringLiteral("busyIndicator"));
    m_busyRow->hide();

    // Caption-over-value tiles: the counts in the first row, the range in the second.
    auto *summary = new QGridLayout(m_summary);
    summary->setContentsMargins(0, 4, 0, 4);
    summary->setHorizontalSpacing(16);
    summary->setVerticalSpacing(8);
    const QList<std::tuple<QString, QLabel *, int, int>> tiles{{tr("Rows sampled"), m_rows, 0, 0},
                                                               {tr("NULL"), m_nulls, 0, 1},
                                                               {tr("Distinct"), m_distinct, 0, 2},
                                                               {tr("Min"), m_min, 1, 0},
                                                               {tr("Max"), m_max, 1, 1}};
    for (const auto &[caption, value, row, column] : tiles) {
        auto *tile = new QVBoxLayout;
        tile->setSpacing(0);
        QLabel *label = captionLabel(caption, m_summary);
        label->setFont(smaller(font()));
        tile->addWidget(label);
        tile->addWidget(value);
        if (value == m_nulls) // the column's nullPercent, under the observed share
            tile->addWidget(m_nullsRequested);
        tile->addStretch(1);
        summary->addLayout(tile, row, column);
    }
    m_nullsRequested->setForegroundRole(QPalette::PlaceholderText);
    m_nullsRequested->setFont(smaller(font()));
    for (int column = 0; column < 3; ++column)
        summary->setColumnStretch(column, 1);
    for (QLabel *label : {m_rows, m_nulls, m_nullsRequested, m_distinct, m_min, m_max})
        label->installEventFilter(this);

    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setObjectName(QStringLiteral("captionLabel"));
    m_caption->setWordWrap(true);
    m_caption->setFont(smaller(font()));
    auto *chartLayout = new QVBoxLayout(m_chartPage);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(6);
    chartLayout->addWidget(m_chart, 1);
    chartLayout->addWidget(m_caption);
    chartLayout->addStretch(0); // below a chart of fixed height (top values), not between it and its caption
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_chartPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_busyRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
    clear();
}

void ColumnStatisticsView::setRunner(ColumnStatisticsRunner *runner)
{
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner = runner;
    if (!runner)
        return;
    connect(runner, &ColumnStatisticsRunner::started, this, &ColumnStatisticsView::showBusy);
    connect(runner, &ColumnStatisticsRunner::finished, this, &ColumnStatisticsView::showStatistics);
    connect(runner, &ColumnStatisticsRunner::failed, this, &ColumnStatisticsView::showError);
    connect(runner, &QObject::destroyed, this, [this] {
        m_runner = nullptr;
        if (!m_busy)
            return;
        if (hasStatistics()) // nothing is coming any more: the last statistics stand
            setBusy(false);
        else
            clear();
    });
    if (runner->isRunning())
        showBusy();
}

bool ColumnStatisticsView::hasStatistics() const
{
    return m_chart->hasStatistics();
}

const ColumnStatistics &ColumnStatisticsView::statistics() const
{
    return m_chart->statistics();
}

void ColumnStatisticsView::setBusy(bool busy)
{
    m_busy = busy;
    m_busyRow->setVisible(busy);
    m_chart->setDimmed(busy);
    m_summary->setEnabled(!busy);
}

void ColumnStatisticsView::showBusy()
{
    setBusy(true);
    // The previous statistics stay visible, faded, until the new ones arrive: no flicker while editing.
    if (!hasStatistics())
        showMessage(tr("Sampling the column…"));
}

void ColumnStatisticsView::showMessage(const QString &message)
{
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    m_summary->setVisible(false);
}

void ColumnStatisticsView::clear()
{
    setBusy(false);
    m_chart->clear();
    m_title->setText(tr("Column statistics"));
    m_subtitle->clear();
    for (QLabel *label : {m_rows, m_nulls, m_nullsRequested, m_distinct, m_min, m_max}) {
        label->clear();
        label->setToolTip({});
        label->setProperty(kFullText, QString());
    }
    showMessage(tr("Select a column to see how its generated values are distributed."));
}

void ColumnStatisticsView::showError(const QString &message)
{
    setBusy(false);
    m_chart->clear();
    m_subtitle->clear();
    showMessage(tr("No statistics: %1").arg(message));
}

QString ColumnStatisticsView::kindCaption(const ColumnStatistics &statistics)
{
    switch (statistics.kind) {
    case ColumnStatistics::Kind::Numeric:
    case ColumnStatistics::Kind::Temporal:
        for (const ColumnStatistics::Bin &bin : statistics.histogram) {
            if (bin.span < 1)
                return tr("Share of the non-null values in each range. A range cut short by the end of "
                          "the values is drawn narrower, at the height a full range would have.");
        }
        return tr("Share of the non-null values in each range.");
    case ColumnStatistics::Kind::Categorical:
    case ColumnStatistics::Kind::Text:
        break;
    }
    if (statistics.hasRequested)
        return tr("Most frequent values as a share of the non-null values. The faint bar and the line "
                  "mark the share the schema requests.");
    return tr("Most frequent values as a share of the non-null values.");
}

void ColumnStatisticsView::showStatistics(const ColumnStatistics &statistics)
{
    setBusy(false);
    const QLocale locale;
    m_title->setText(statistics.table + QLatin1Char('.') + statistics.column);
    m_subtitle->setText(statistics.type);

    setValue(m_rows,
             statistics.rowsSampled == statistics.tableRows
                 ? tr("%1 (all rows)").arg(locale.toString(statistics.rowsSampled))
                 : tr("%1 of %2")
                       .arg(locale.toString(statistics.rowsSampled), locale.toString(statistics.tableRows)));
    m_rows->setToolTip(statistics.rowsSampled == statistics.tableRows
                           ? tr("Every row of the table was generated for these statistics.")
                           : tr("Rows generated in short runs spread evenly over the table."));
    setValue(m_nulls, ColumnStatisticsChart::percentText(statistics.nullShare));
    setValue(m_nullsRequested,
             tr("requested %1").arg(ColumnStatisticsChart::percentText(statistics.requestedNullShare)));
    m_nullsRequested->setVisible(statistics.requestedNullShare > 0);
    m_nulls->setToolTip(tr("%1 of %2 sampled rows are NULL.")
                            .arg(locale.toString(statistics.nulls), locale.toString(statistics.rowsSampled)));
    setValue(m_distinct, statistics.distinct > 1 && statistics.distinct == statistics.nonNull()
                             ? tr("%1 (all different)").arg(locale.toString(statistics.distinct))
                             : locale.toString(statistics.distinct));
    m_distinct->setToolTip(tr("Different non-null values among the sampled rows."));
    const bool ordered = statistics.kind == ColumnStatistics::Kind::Numeric ||
                         statistics.kind == ColumnStatistics::Kind::Temporal;
    const QString order = ordered ? QString() : tr(" (in character order)");
    for (const auto &[label, value] : {std::pair{m_min, statistics.min}, std::pair{m_max, statistics.max}}) {
        setValue(label, value.isEmpty() && statistics.nonNull() == 0 ? tr("–") : value);
        label->setToolTip(value.isEmpty() ? QString() : value.toHtmlEscaped() + order);
    }

    m_chart->setStatistics(statistics);
    m_caption->setText(m_chart->message().isEmpty() ? kindCaption(statistics) : QString());
    m_caption->setVisible(!m_caption->text().isEmpty());
    m_summary->setVisible(true);
    m_stack->setCurrentWidget(m_chartPage);
}

void ColumnStatisticsView::setValue(QLabel *label, const QString &text)
{
    label->setProperty(kFullText, text);
    elide(label);
}

void ColumnStatisticsView::elide(QLabel *label)
{
    const QString text = label->property(kFullText).toString();
    // Before the first layout the width is unknown: the full text, elided on the first resize.
    label->setText(label->width() > 0 ? label->fontMetrics().elidedText(text, Qt::ElideRight, label->width())
                                      : text);
}

bool ColumnStatisticsView::eventFilter(QObject *watched, QEvent *event)
{
    // A tile's width changes with the grid, not only with the view: elide again whenever it does.
    if (event->type() == QEvent::Resize) {
        for (QLabel *label : {m_rows, m_nulls, m_nullsRequested, m_distinct, m_min, m_max}) {
            if (watched == label)
                elide(label);
        }
    }
    return QWidget::eventFilter(watched, event);
}

QSize ColumnStatisticsView::sizeHint() const
{
    const QSize hint = QWidget::sizeHint();
    return QSize(std::max(hint.width(), 460), hint.height());
}

} // namespace fabrica
