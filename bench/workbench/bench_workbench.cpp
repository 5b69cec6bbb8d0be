// The workbench's bars (issue 9): a 1,000-table × 20-column schema opens in the real MainWindow — file read,
// session created, tree filled and painted — in at most 1 s, and one edit and its undo each take at most
// 16 ms, measured until the window has repainted. Prints a Markdown table of medians.
//
// Usage: bench_workbench [--tables N] [--columns N] [--rounds R]   (run with QT_QPA_PLATFORM=offscreen)
#include "MainWindow.h"
#include "format/SchemaFile.h"
#include "model/ConstraintKeys.h"
#include "session/SchemaSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Real schemas look like this: keys, foreign keys, names, money, and a third date/time columns.
Schema bigSchema(int tables, int columns)
{
    const QStringList types = {u"integer"_s, u"string"_s, u"timestamp"_s, u"email"_s,    u"date"_s,
                               u"decimal"_s, u"boolean"_s, u"timestamptz"_s, u"full_name"_s, u"time"_s,
                               u"city"_s,    u"date"_s,    u"uuid"_s,      u"timestamp"_s, u"phone"_s};
    Schema schema;
    schema.name = u"big"_s;
    for (int t = 0; t < tables; ++t) {
        Table table;
        table.name = u"table_%1"_s.arg(t);
        table.rows = 100;
        table.columns << Column{u"id"_s, u"sequence"_s, {{keys::primaryKey, true}, {keys::notNull, true}}, {}, {}};
        if (t > 0)
            table.columns << Column{u"parent_id"_s, u"foreign_key"_s,
                                    {{keys::references, u"table_%1.id"_s.arg(t / 2)}}, {}, {}};
        while (table.columns.size() < columns) {
            const int c = int(table.columns.size());
            table.columns << Column{u"column_%1"_s.arg(c), types.at(c % types.size()), {}, {}, {}};
        }
        schema.tables << table;
    }
    return schema;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Lets the window catch up with everything queued, then paints it as the screen would.
void settle(MainWindow &window)
{
    QCoreApplication::processEvents();
    window.grab();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addOption({u"tables"_s, u"tables"_s, u"N"_s, u"1000"_s});
    parser.addOption({u"columns"_s, u"columns per table"_s, u"N"_s, u"20"_s});
    parser.addOption({u"rounds"_s, u"rounds"_s, u"R"_s, u"5"_s});
    parser.process(app);
    const int tables = parser.value(u"tables"_s).toInt();
    const int columns = parser.value(u"columns"_s).toInt();
    const int rounds = parser.value(u"rounds"_s).toInt();

    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.fabrica.json"_s);
    if (Result<void> saved = SchemaFile::save(bigSchema(tables, columns), path); !saved) {
        std::fprintf(stderr, "%s\n", qPrintable(saved.error().toString()));
        return 1;
    }

    QList<double> open, edit, undo, redo;
    for (int round = 0; round < rounds; ++round) {
        UserRecord user;
        user.id = 1;
        user.username = u"bench"_s;
        MainWindow::Options options;
        options.autosaveFolder = dir.filePath(u"autosave"_s);
        options.offerRecovery = false;
        MainWindow window(nullptr, user, options);
        window.resize(1280, 800);
        window.show();
        settle(window);

        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        QElapsedTimer timer;
        timer.start();
        window.openFile(path);
        while (opened.isEmpty())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        auto *tree = window.findChild<QTreeView *>(u"schemaTree"_s);
        tree->expandToDepth(1); // every table open, so all 20,000 columns are in reach of the view
        settle(window);
        open << timer.nsecsElapsed() / 1e6;

        SchemaSession *session = window.currentSession();
        const int table = tables / 2;
        window.select(table, columns / 2);
        settle(window);
        for (int i = 0; i < 5; ++i) {
            timer.restart();
            session->renameColumn(table, columns / 2, u"renamed_%1_%2"_s.arg(round).arg(i));
            settle(window);
            edit << timer.nsecsElapsed() / 1e6;
            timer.restart();
            session->undoStack()->undo();
            settle(window);
            undo << timer.nsecsElapsed() / 1e6;
            timer.restart();
            session->undoStack()->redo();
            settle(window);
            redo << timer.nsecsElapsed() / 1e6;
            session->undoStack()->undo();
            settle(window);
        }
        session->undoStack()->setClean();
        window.close();
    }

    std::printf("| %d tables × %d columns | median ms | bar ms |\n|---|---|---|\n", tables, columns);
    std::printf("| open (read, tree filled and painted) | %.1f | 1000 |\n", median(open));
    std::printf("| rename a column, repainted | %.2f | 16 |\n", median(edit));
    std::printf("| undo it, repainted | %.2f | 16 |\n", median(undo));
    std::printf("| redo it, repainted | %.2f | 16 |\n", median(redo));
    return median(open) <= 1000 && median(edit) <= 16 && median(undo) <= 16 ? 0 : 2;
}
