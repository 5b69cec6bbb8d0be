// The infinite preview's bar (issue 10): scrolling the shop's 3,000,000 orders from the first row to the
// last, each screenful (40 rows) is made and painted in at most 16 ms. A PreviewPanel (offscreen) jumps to N
// evenly spaced positions — rows never seen, so every screenful is generated — and pages down row after
// row; each step is timed from the scroll to the repainted view: data() of every visible cell, then the
// cells and the row numbers painted into the window's backing store (repaint(), what reaches the screen).
// QWidget::grab() is not used for the timed steps: it allocates a fresh 4 MB pixmap per call, and those
// page faults, not the view, made single screenfuls take 17–34 ms. Also: the table shown after a switch
// (compile off the GUI thread + first screenful) and an edit's rows back on screen (debounce included).
// Prints a Markdown table.
//
// Usage: bench_preview [--schema FILE] [--table NAME] [--visible N] [--jumps N] [--pages N]
//                      [--screenshot FILE]   (run with QT_QPA_PLATFORM=offscreen)
#include "format/SchemaFile.h"
#include "preview/PreviewModel.h"
#include "preview/PreviewPanel.h"
#include "session/SchemaSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Paints the visible cells and the row numbers now, into the window's backing store.
void paint(QTableView *view)
{
    view->viewport()->repaint();
    view->verticalHeader()->viewport()->repaint();
}

struct Figures
{
    double p50 = 0, p99 = 0, max = 0;
};

Figures figures(QList<double> values)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return {};
    const auto at = [&](double share) {
        return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(share * double(values.size()))));
    };
    return {at(0.5), at(0.99), values.constLast()};
}

double median(const QList<double> &values)
{
    return figures(values).p50;
}

// Peak resident memory of the process in MB (Linux), 0 when unknown.
double peakRssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return 0;
}

bool waitFor(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(30000);
}

// What a paint asks of the model for every visible cell: its text (the delegate then asks the other roles).
void readScreen(const QAbstractItemModel *model, int top, int rows)
{
    const int bottom = std::min(top + rows, model->rowCount());
    for (int row = top; row < bottom; ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            model->index(row, column).data();
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addOption({u"schema"_s, u"schema file"_s, u"FILE"_s,
                      QStringLiteral(FABRICA_SOURCE_DIR "/examples/shop.fabrica.json")});
    parser.addOption({u"table"_s, u"table to scroll"_s, u"NAME"_s, u"orders"_s});
    parser.addOption({u"visible"_s, u"rows in view"_s, u"N"_s, u"40"_s});
    parser.addOption({u"jumps"_s, u"evenly spaced positions"_s, u"N"_s, u"2000"_s});
    parser.addOption({u"pages"_s, u"page-downs from the first row"_s, u"N"_s, u"2000"_s});
    parser.addOption({u"screenshot"_s, u"save the panel at the last row as a PNG"_s, u"FILE"_s});
    parser.process(app);
    const QString tableName = parser.value(u"table"_s);
    const int visible = parser.value(u"visible"_s).toInt();
    const int jumps = std::max(2, parser.value(u"jumps"_s).toInt());
    const int pages = parser.value(u"pages"_s).toInt();

    Result<Schema> schema = SchemaFile::load(parser.value(u"schema"_s));
    if (!schema) {
        std::fprintf(stderr, "%s\n", qPrintable(schema.error().toString()));
        return 1;
    }
    SchemaSession session(*schema);
    PreviewPanel panel;
    panel.resize(1200, 800);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        return 1;
    QTableView *view = panel.view();
    QSignalSpy refreshed(&panel, &PreviewPanel::refreshed);
    panel.setSession(&session);
    if (!waitFor(refreshed))
        return 1;
    refreshed.clear();
    QElapsedTimer timer;
    timer.start();
    if (!panel.showTable(tableName) || !waitFor(refreshed) || !panel.message().isEmpty()) {
        std::fprintf(stderr, "cannot show %s: %s\n", qPrintable(tableName), qPrintable(panel.message()));
        return 1;
    }
    view->grab();
    const double show = double(timer.nsecsElapsed()) / 1e6;
    // Now that the table shows, make its viewport `visible` rows high.
    const int rowHeight = view->verticalHeader()->defaultSectionSize();
    panel.resize(1200, panel.height() - view->viewport()->height() + visible * rowHeight);
    QCoreApplication::processEvents();
    view->grab();

    const QAbstractItemModel *model = view->model();
    const int rows = model->rowCount();
    const int shown = view->rowAt(view->viewport()->height() - 1) - view->rowAt(0) + 1;

    // Jumps: each to rows not made before, evenly spaced from the first screenful to the last.
    QList<double> jump, jumpRows;
    const int last = std::max(0, rows - visible);
    for (int i = 0; i < jumps; ++i) {
        const int top = int(qint64(last) * i / (jumps - 1));
        timer.restart();
        view->verticalScrollBar()->setValue(top);
        readScreen(model, view->rowAt(0), visible);
        jumpRows << double(timer.nsecsElapsed()) / 1e6;
        paint(view);
        jump << double(timer.nsecsElapsed()) / 1e6;
        if (view->rowAt(0) != std::min(top, view->verticalScrollBar()->maximum())) {
            std::fprintf(stderr, "scrolled to %d, not %d\n", view->rowAt(0), top);
            return 1;
        }
    }

    // Page-downs from the first row, as a user reads on.
    QList<double> page;
    view->setFocus();
    panel.goToRow(1);
    view->grab();
    for (int i = 0; i < pages; ++i) {
        timer.restart();
        QTest::keyClick(view, Qt::Key_PageDown);
        readScreen(model, view->rowAt(0), visible);
        paint(view);
        page << double(timer.nsecsElapsed()) / 1e6;
    }
    const int pagedTo = view->currentIndex().row();

    // An edit: rename a column through the undo stack, until its rows are painted again.
    QList<double> edit;
    const int table = session.schema().tableIndex(tableName);
    const QString column = session.schema().tables.at(table).columns.constLast().name;
    for (int i = 0; i < 5; ++i) {
        refreshed.clear();
        timer.restart();
        session.renameColumn(table, int(session.schema().tables.at(table).columns.size()) - 1,
                             column + u"_%1"_s.arg(i));
        if (!waitFor(refreshed))
            return 1;
        view->grab();
        edit << double(timer.nsecsElapsed()) / 1e6;
        refreshed.clear();
        session.undoStack()->undo();
        if (!waitFor(refreshed))
            return 1;
    }

    if (parser.isSet(u"screenshot"_s)) {
        panel.goToRow(rows);
        panel.grab().save(parser.value(u"screenshot"_s));
    }

    const Figures j = figures(jump), r = figures(jumpRows), p = figures(page);
    const auto *preview = qobject_cast<const PreviewModel *>(model);
    std::printf("%s: %s rows × %d columns, %d rows in view (%d asked)\n\n", qPrintable(tableName),
                qPrintable(QLocale(QLocale::English).toString(preview->tableRows())), model->columnCount(),
                shown, visible);
    std::printf("| screenful | count | p50 ms | p99 ms | max ms | bar ms |\n|---|---|---|---|---|---|\n");
    std::printf("| jump to an evenly spaced position, rows made + painted | %d | %.2f | %.2f | %.2f | 16 |\n",
                int(jump.size()), j.p50, j.p99, j.max);
    std::printf("| … of which rows made (data() of every visible cell) | %d | %.2f | %.2f | %.2f | |\n",
                int(jumpRows.size()), r.p50, r.p99, r.max);
    std::printf("| page down from row 1 (to row %d), made + painted | %d | %.2f | %.2f | %.2f | 16 |\n",
                pagedTo + 1, int(page.size()), p.p50, p.p99, p.max);
    std::printf("\n| once | ms | bar ms |\n|---|---|---|\n");
    std::printf("| switch to the table: compile (worker thread) + first screenful | %.1f | |\n", show);
    std::printf(
        "| rename a column → new rows painted (median of 5, 40 ms debounce included) | %.1f | 100 |\n",
        median(edit));
    std::printf("\nrows held by the model at the end: %d; peak RSS %.0f MB\n", preview->cachedRows(),
                peakRssMb());
    return j.max <= 16 && p.max <= 16 && median(edit) <= 100 ? 0 : 2;
}
