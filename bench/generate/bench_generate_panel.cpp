// The Generate panel's bars (issue 10): while the panel exports the shop workload (N customers, 3N orders,
// CSV) on its worker, the GUI thread's event-loop latency stays at most 50 ms at the 99th percentile, and
// the export takes at most 1.1× the time of `fabrica generate` (the real binary, same seed, rows, threads and
// format) for the same output.
// Latency is measured the way a user feels it: a probe thread posts a stamped call to the GUI thread every
// 5 ms and the GUI thread records how late it ran it. Prints a Markdown table of medians.
//
// Usage: bench_generate_panel --fabrica PATH [--rows N] [--rounds R] [--threads T]
//        (run with QT_QPA_PLATFORM=offscreen; bench/run.sh --generate-panel does)
#include "format/SchemaFile.h"
#include "generate/GeneratePanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

struct Round
{
    double direct = 0; // s
    double panel = 0;  // s, from run() to runFinished
    double p99 = 0;    // ms
    double max = 0;    // ms
    int probes = 0;
};

double percentile(QList<double> values, double share)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(share * double(values.size()))));
}

double median(QList<double> values)
{
    return percentile(std::move(values), 0.5);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"Customers N (orders: 3N)."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"rounds"_s, u"Rounds."_s, u"R"_s, u"3"_s});
    parser.addOption({u"threads"_s, u"Generation threads (0: one per core)."_s, u"T"_s, u"0"_s});
    parser.addOption({u"fabrica"_s, u"The fabrica binary to compare with."_s, u"PATH"_s});
    parser.process(app);
    const qint64 customers = parser.value(u"rows"_s).toLongLong();
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());

    Result<Schema> schema =
        SchemaFile::load(QStringLiteral(FABRICA_SOURCE_DIR "/examples/shop.fabrica.json"));
    if (!schema) {
        std::fprintf(stderr, "%s\n", qPrintable(schema.error().toString()));
        return 1;
    }
    QTemporaryDir dir;
    GenerationRequest request;
    request.schema = *schema;
    request.rows = {{u"customers"_s, customers}, {u"orders"_s, 3 * customers}};
    request.threads = parser.value(u"threads"_s).toInt();
    request.formatId = u"csv"_s;

    GeneratePanel panel;
    panel.setSchema(*schema);
    panel.resize(520, 640);
    panel.show();

    QList<Round> results;
    for (int round = 0; round < rounds; ++round) {
        Round result;
        request.exportOptions.path = dir.filePath(u"direct%1"_s.arg(round));
        QElapsedTimer clock;
        clock.start();
        QProcess cli;
        cli.start(parser.value(u"fabrica"_s),
                  {u"generate"_s, QStringLiteral(FABRICA_SOURCE_DIR "/examples/shop.fabrica.json"), u"--seed"_s,
                   QString::number(request.seed), u"--rows"_s, u"customers=%1"_s.arg(customers), u"--rows"_s,
                   u"orders=%1"_s.arg(3 * customers), u"--threads"_s,
                   QString::number(request.threads > 0 ? request.threads : QThread::idealThreadCount()),
                   u"--out"_s, request.exportOptions.path, u"-q"_s});
        if (!cli.waitForFinished(-1) || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0) {
            std::fprintf(stderr, "fabrica generate failed: %s\n", cli.readAllStandardError().constData());
            return 1;
        }
        result.direct = double(clock.nsecsElapsed()) / 1e9;

        request.exportOptions.path = dir.filePath(u"panel%1"_s.arg(round));
        QList<double> latencies;
        std::atomic<bool> probing = true;
        QElapsedTimer stamp;
        stamp.start();
        QThread *probe = QThread::create([&] {
            while (probing) {
                const qint64 posted = stamp.nsecsElapsed();
                QMetaObject::invokeMethod(
                    &panel, [&, posted] { latencies.append(double(stamp.nsecsElapsed() - posted) / 1e6); },
                    Qt::QueuedConnection);
                QThread::msleep(5);
            }
        });
        QEventLoop loop;
        bool failed = false;
        QObject::connect(&panel, &GeneratePanel::runFinished, &loop, &QEventLoop::quit);
        QObject::connect(&panel, &GeneratePanel::runFailed, &loop, [&](const Error &error) {
            std::fprintf(stderr, "%s\n", qPrintable(error.toString()));
            failed = true;
            loop.quit();
        });
        probe->start();
        clock.restart();
        panel.run(request, {});
        loop.exec();
        result.panel = double(clock.nsecsElapsed()) / 1e9;
        probing = false;
        probe->wait();
        delete probe;
        QCoreApplication::processEvents(); // the last probes
        if (failed)
            return 1;
        result.p99 = percentile(latencies, 0.99);
        result.max = percentile(latencies, 1.0);
        result.probes = int(latencies.size());
        results.append(result);
        dir.remove(); // keep the disk from filling between rounds
        QDir().mkpath(dir.path());
    }

    QList<double> direct, panelTimes, p99, maxes;
    for (const Round &r : results) {
        direct << r.direct;
        panelTimes << r.panel;
        p99 << r.p99;
        maxes << r.max;
    }
    std::printf("Shop workload, N = %lld (%lld rows), CSV, threads %d, medians of %d rounds:\n\n", customers,
                4 * customers, request.threads, rounds);
    std::printf("| fabrica generate s | window's panel s | panel / CLI | GUI latency p99 ms | max ms | bar |\n");
    std::printf("|---|---|---|---|---|---|\n");
    const double ratio = median(panelTimes) / median(direct);
    const bool ok = ratio <= 1.1 && median(p99) <= 50;
    std::printf("| %.3f | %.3f | %.2f | %.1f | %.1f | %s (≤ 1.1×, ≤ 50 ms) |\n", median(direct),
                median(panelTimes), ratio, median(p99), median(maxes), ok ? "met" : "MISSED");
    return ok ? 0 : 2;
}
