// The column statistics view: a runner samples off the GUI thread (superseding older requests), the view
// shows busy meanwhile, then the numbers in its labels and a chart painted with the palette's colours.
#include "ExampleSchemas.h"
#include "format/SchemaFile.h"
#include "preview/ColumnStatisticsChart.h"
#include "preview/ColumnStatisticsRunner.h"
#include "preview/ColumnStatisticsView.h"

#include <QApplication>
#include <QDir>
#include <QHelpEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

Schema shop()
{
    return test::shopExample();
}

QString labelText(const QWidget &view, const QString &name)
{
    const auto *label = view.findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

// The colour at the middle of a bar in a grab of the chart.
QColor colourAt(const QImage &image, const QRectF &rect, qreal ratio)
{
    const QPointF centre = rect.center() * ratio;
    return image.pixelColor(centre.toPoint());
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x1e, 0x1f, 0x22));
    palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Base, QColor(0x2b, 0x2d, 0x30));
    palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

} // namespace

class TestColumnStatisticsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statusShowsSharesAndWeights();
    void histogramForNumbersAndNullShare();
    void newerRequestSupersedesOlder();
    void errorIsShown();
    void allDifferentValuesSaySo();
    void darkPaletteStaysReadable();
    void busyKeepsPreviousChartFaded();

private:
    Schema m_schema = shop();
};

void TestColumnStatisticsView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(u"Fusion"_s);
}

void TestColumnStatisticsView::statusShowsSharesAndWeights()
{
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    view.setRunner(&runner);
    view.resize(view.sizeHint().expandedTo(QSize(560, 0)));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(labelText(view, u"messageLabel"_s).contains(u"Select a column"_s));

    QSignalSpy finished(&runner, &ColumnStatisticsRunner::finished);
    runner.request(m_schema, 1, 4, 42); // orders.status
    QVERIFY(view.isBusy());
    QVERIFY(view.findChild<QWidget *>(u"busyIndicator"_s)->isVisible());
    QVERIFY(labelText(view, u"messageLabel"_s).contains(u"Sampling"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!view.findChild<QWidget *>(u"busyIndicator"_s)->isVisible());

    QCOMPARE(labelText(view, u"titleLabel"_s), u"orders.status"_s);
    QCOMPARE(labelText(view, u"subtitleLabel"_s), u"enum"_s);
    QCOMPARE(labelText(view, u"rowsSampledValue"_s), u"100,000 of 3,000,000"_s);
    QCOMPARE(labelText(view, u"nullValue"_s), u"0.0 %"_s);
    QVERIFY(!view.findChild<QLabel *>(u"nullRequestedValue"_s)->isVisible()); // notNull: nothing requested
    QCOMPARE(labelText(view, u"distinctValue"_s), u"4"_s);
    QCOMPARE(labelText(view, u"minValue"_s), u"cancelled"_s);
    QCOMPARE(labelText(view, u"maxValue"_s), u"shipped"_s);
    QVERIFY(labelText(view, u"captionLabel"_s).contains(u"requests"_s));

    // One bar per value, longest first, each with its requested share next to it.
    ColumnStatisticsChart *chart = view.chart();
    const QList<ColumnStatisticsChart::Bar> bars = chart->bars();
    QCOMPARE(bars.size(), 4);
    const QList<double> weights{0.70, 0.15, 0.10, 0.05};
    for (int i = 0; i < bars.size(); ++i) {
        QVERIFY(!bars.at(i).requested.isNull());
        QVERIFY(i == 0 || bars.at(i).rect.width() < bars.at(i - 1).rect.width());
        QVERIFY(i == 0 || bars.at(i).rect.top() > bars.at(i - 1).rect.top());
        // Bars share a scale: observed and requested lengths relate as the shares do.
        const double observed = view.statistics().topValues.at(i).share;
        QVERIFY(qAbs(bars.at(i).rect.width() / bars.at(i).requested.width() - observed / weights.at(i)) <
                0.01);
        QVERIFY(chart->rect().contains(bars.at(i).rect.toRect()));
    }
    QVERIFY(bars.at(0).toolTip.contains(u"delivered"_s));
    QVERIFY(bars.at(0).toolTip.contains(u"Requested: 70.0 %"_s));

    // Painted: the middle of each bar has the palette's highlight colour.
    const QPixmap pixmap = chart->grab();
    QVERIFY(!pixmap.isNull());
    const QImage image = pixmap.toImage();
    const QColor highlight = chart->palette().color(QPalette::Highlight);
    for (const ColumnStatisticsChart::Bar &bar : bars)
        QCOMPARE(colourAt(image, bar.rect, pixmap.devicePixelRatio()).rgb(), highlight.rgb());
    // Beyond the longest bar's end there is no highlight.
    const QPointF past(bars.at(0).rect.right() + 30, bars.at(0).rect.center().y());
    QVERIFY(image.pixelColor((past * pixmap.devicePixelRatio()).toPoint()).rgb() != highlight.rgb());
    QVERIFY(view.grab().save(QDir::temp().filePath(u"stats_status.png"_s)));

    // Hovering a bar shows its tooltip.
    const QPoint inside = bars.at(1).rect.center().toPoint();
    QHelpEvent help(QEvent::ToolTip, inside, chart->mapToGlobal(inside));
    QApplication::sendEvent(chart, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"shipped"_s), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(u"Requested: 15.0 %"_s));
    QToolTip::hideText();
}

void TestColumnStatisticsView::histogramForNumbersAndNullShare()
{
    Schema schema = m_schema;
    schema.tables[1].columns.append(Column{u"quantity"_s,
                                           u"integer"_s,
                                           QJsonObject{{u"min"_s, 1}, {u"max"_s, 40}, {u"nullPercent"_s, 25}},
                                           {},
                                           {}});
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    runner.setRows(20000);
    view.setRunner(&runner);
    view.resize(560, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    runner.request(schema, 1, 6, 42);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);

    QCOMPARE(labelText(view, u"rowsSampledValue"_s), u"20,000 of 3,000,000"_s);
    const double nullShare = view.statistics().nullShare;
    QVERIFY(qAbs(nullShare - 0.25) < 0.015);
    QCOMPARE(labelText(view, u"nullValue"_s), QLocale().toString(nullShare * 100, 'f', 1) + u" %"_s);
    QCOMPARE(labelText(view, u"nullRequestedValue"_s), u"requested 25.0 %"_s);
    QVERIFY(view.findChild<QLabel *>(u"nullRequestedValue"_s)->isVisible());
    QCOMPARE(labelText(view, u"distinctValue"_s), u"40"_s);
    QCOMPARE(labelText(view, u"minValue"_s), u"1"_s);
    QCOMPARE(labelText(view, u"maxValue"_s), u"40"_s);

    // 40 values: 20 bins of 2, left to right, bottoms on one baseline.
    const QList<ColumnStatisticsChart::Bar> bars = view.chart()->bars();
    QCOMPARE(bars.size(), 20);
    for (int i = 1; i < bars.size(); ++i) {
        QVERIFY(bars.at(i).rect.left() > bars.at(i - 1).rect.right() - 0.01);
        QCOMPARE(bars.at(i).rect.bottom(), bars.at(0).rect.bottom());
        QVERIFY(bars.at(i).rect.height() > 10);
    }
    QVERIFY(bars.at(0).toolTip.contains(u"1 to 2"_s));
    const QPixmap pixmap = view.chart()->grab();
    const QColor highlight = view.chart()->palette().color(QPalette::Highlight);
    QCOMPARE(colourAt(pixmap.toImage(), bars.at(7).rect, pixmap.devicePixelRatio()).rgb(), highlight.rgb());

    // A timestamp column: a histogram over its range.
    runner.request(schema, 1, 2, 42);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    QCOMPARE(view.statistics().kind, ColumnStatistics::Kind::Temporal);
    QCOMPARE(view.chart()->bars().size(), ColumnStatistics::histogramBins);
    QVERIFY(labelText(view, u"minValue"_s).startsWith(u"2015-"_s));
}

void TestColumnStatisticsView::newerRequestSupersedesOlder()
{
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    view.setRunner(&runner);
    QSignalSpy finished(&runner, &ColumnStatisticsRunner::finished);
    QSignalSpy failed(&runner, &ColumnStatisticsRunner::failed);
    runner.request(m_schema, 1, 4, 42); // status, cancelled by the next request
    runner.request(m_schema, 1, 3, 42); // amount
    QVERIFY(runner.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), kTimeout);
    QTest::qWait(100); // the first run's end arrives too, and must be dropped
    QCOMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.first().first().value<ColumnStatistics>().column, u"amount"_s);
    QCOMPARE(view.statistics().column, u"amount"_s);

    runner.request(m_schema, 1, 4, 42);
    runner.cancel();
    QVERIFY(!runner.isRunning());
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);

    // A runner destroyed mid-run: the worker stops on its own copy and its result goes nowhere.
    auto *doomed = new ColumnStatisticsRunner;
    view.setRunner(doomed);
    doomed->request(m_schema, 1, 5, 42);
    QVERIFY(view.isBusy());
    delete doomed;
    QVERIFY(!view.isBusy()); // nothing is coming: the last statistics stay, no longer faded
    QVERIFY(!view.chart()->isDimmed());
    QVERIFY(QThreadPool::globalInstance()->waitForDone(kTimeout));
    QCoreApplication::processEvents();
    QCOMPARE(view.statistics().column, u"amount"_s);
}

void TestColumnStatisticsView::errorIsShown()
{
    Schema broken = m_schema;
    broken.tables[1].columns[4].constraints.remove(u"values"_s);
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    view.setRunner(&runner);
    view.show();
    QSignalSpy failed(&runner, &ColumnStatisticsRunner::failed);
    runner.request(broken, 1, 4, 42);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
    QVERIFY(!view.isBusy());
    const QString message = labelText(view, u"messageLabel"_s);
    QVERIFY2(message.startsWith(u"No statistics: "_s), qPrintable(message));
    QVERIFY(message.contains(failed.first().first().toString()));
    QVERIFY(!view.findChild<QLabel *>(u"messageLabel"_s)->isHidden());
    QVERIFY(view.chart()->bars().isEmpty());

    view.clear();
    QVERIFY(labelText(view, u"messageLabel"_s).contains(u"Select a column"_s));
}

void TestColumnStatisticsView::allDifferentValuesSaySo()
{
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    runner.setRows(5000);
    view.setRunner(&runner);
    view.resize(560, 360);
    view.show();
    runner.request(m_schema, 0, 3, 42); // customers.email: unique
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    QCOMPARE(labelText(view, u"distinctValue"_s), u"5,000 (all different)"_s);
    QVERIFY(view.chart()->message().contains(u"Every sampled value is different"_s));
    QVERIFY(view.chart()->bars().isEmpty());
}

void TestColumnStatisticsView::darkPaletteStaysReadable()
{
    ColumnStatisticsView view;
    view.setPalette(darkPalette());
    view.setAutoFillBackground(true);
    ColumnStatisticsRunner runner;
    view.setRunner(&runner);
    view.resize(560, 380);
    view.show();
    runner.request(m_schema, 1, 4, 42);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    const QPixmap pixmap = view.grab();
    const QImage image = pixmap.toImage();
    QVERIFY(pixmap.save(QDir::temp().filePath(u"stats_status_dark.png"_s)));
    ColumnStatisticsChart *chart = view.chart();
    const QRectF bar = chart->bars().at(0).rect.translated(chart->mapTo(&view, QPoint(0, 0)));
    QCOMPARE(colourAt(image, bar, pixmap.devicePixelRatio()).rgb(),
             darkPalette().color(QPalette::Highlight).rgb());
    // The background is the dark window colour, and the value labels are drawn in light text on it.
    QCOMPARE(image.pixelColor(2, image.height() - 2).rgb(), darkPalette().color(QPalette::Window).rgb());
    const QRect label(QPoint(8, int(bar.top() * pixmap.devicePixelRatio())),
                      QSize(60, int(bar.height() * pixmap.devicePixelRatio())));
    int light = 0;
    for (int x = label.left(); x < label.right(); ++x) {
        for (int y = label.top(); y < label.bottom(); ++y)
            light += image.pixelColor(x, y).lightness() > 160 ? 1 : 0;
    }
    QVERIFY2(light > 10, qPrintable(QString::number(light)));
}

void TestColumnStatisticsView::busyKeepsPreviousChartFaded()
{
    ColumnStatisticsView view;
    ColumnStatisticsRunner runner;
    runner.setRows(5000);
    view.setRunner(&runner);
    view.show();
    runner.request(m_schema, 1, 4, 42);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    QVERIFY(!view.chart()->isDimmed());
    runner.request(m_schema, 1, 3, 42);
    QVERIFY(view.isBusy());
    QVERIFY(view.chart()->isDimmed());
    QCOMPARE(view.statistics().column, u"status"_s); // the old chart stays until the new one arrives
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), kTimeout);
    QVERIFY(!view.chart()->isDimmed());
    QCOMPARE(view.statistics().column, u"amount"_s);
}

QTEST_MAIN(TestColumnStatisticsView)
#include "tst_column_statistics_view.moc"
