#include "ServeCommand.h"

#include "StorageArgument.h"
#include "api/ApiServer.h"
#include "api/ApiTls.h"
#include "auth/AuthService.h"
#include "import/ImportLimits.h"
#include "jobs/JobService.h"
#include "storage/StoragePaths.h"

#include <QCommandLineParser>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSettings>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace fabrica {

namespace {

int g_signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: one byte into the pipe; the event loop does the rest.
void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

// Turns SIGTERM and SIGINT into QCoreApplication::quit() on the event loop (a socket pair and a notifier).
bool installStopSignals(QObject *parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, parent);
    QObject::connect(notifier, &QSocketNotifier::activated, parent, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

} // namespace

QString ServeCommand::summary()
{
    return tr("Run the REST API (HTTP, or HTTPS with --tls-cert, on --listen, default 127.0.0.1:8080)");
}

Result<ServeCommand::Endpoint> ServeCommand::parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    const Error wrong =
        makeError(ErrorCode::InvalidInput,
                  tr("--listen takes HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080; got \"%1\"").arg(text));
    if (colon <= 0)
        return wrong;
    QString host = text.left(colon);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return wrong;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    Endpoint endpoint;
    endpoint.port = quint16(port);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        endpoint.address = QHostAddress(QHostAddress::LocalHost);
    else if (!endpoint.address.setAddress(host))
        return wrong;
    return endpoint;
}

int ServeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        summary() + QLatin1Char('\n') +
        tr("The API answers under /api/v1 until SIGTERM or SIGINT (Ctrl+C). With --tls-cert and --tls-key "
           "it speaks HTTPS only; without them plain HTTP, for a loopback address or behind a TLS proxy."));
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption listen(QStringLiteral("listen"), tr("Address and port to listen on."),
                                    tr("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    parser.addOption(listen);
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     tr("Serve HTTPS with this certificate (PEM, the chain after it)."),
                                     tr("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    tr("The certificate's private key (PEM, unencrypted)."), tr("FILE"));
    parser.addOptions({tlsCert, tlsKey});
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     tr("Generation jobs this server runs at once (queued runs of any "
                                        "instance sharing the storage)."),
                                     tr("N"), QStringLiteral("2"));
    parser.addOption(workers);
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.positionalArguments().isEmpty()) {
        err << tr("fabrica serve: unexpected arguments; `fabrica serve --help` lists the options")
            << Qt::endl;
        return 2;
    }
    const Result<Endpoint> endpoint = parseListen(parser.value(listen));
    if (!endpoint) {
        err << tr("fabrica serve: %1").arg(endpoint.error().message) << Qt::endl;
        return 2;
    }
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey)) {
        err << tr("fabrica serve: --tls-cert and --tls-key go together") << Qt::endl;
        return 2;
    }
    ApiServer::Options options;
    if (parser.isSet(tlsCert)) {
        Result<QSslConfiguration> tls =
            ApiTls::serverConfiguration(parser.value(tlsCert), parser.value(tlsKey));
        if (!tls) {
            err << tr("fabrica serve: %1").arg(tls.error().message) << Qt::endl;
            return 1;
        }
        options.tls = tls.value();
    }
    bool workersOk = false;
    const int workerCount = parser.value(workers).toInt(&workersOk);
    if (!workersOk || workerCount < 1 || workerCount > 64) {
        err << tr("fabrica serve: --workers takes a number from 1 to 64") << Qt::endl;
        return 2;
    }
    std::unique_ptr<Repository> storage = StorageArgument::open(parser);
    if (!storage)
        return 1;
    Result<AuthService> auth = AuthService::create(*storage, StoragePaths::tokenSecretFile());
    if (!auth) {
        err << auth.error().toString() << Qt::endl;
        return 1;
    }

    // The request log (one line per request) is the server's output; QT_LOGGING_RULES still overrides it.
    QLoggingCategory::setFilterRules(QStringLiteral("fabrica.api.info=true"));
    // Declared before the server, so it outlives it. Named in claimed_by, so a run's record tells which
    // server runs it.
    JobService jobs(
        *storage,
        QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid()));
    jobs.start(workerCount);
    options.jobs = &jobs;
    options.importLimits = ImportLimits::fromSettings(QSettings()); // as `fabrica import` reads them
    ApiServer server(*storage, auth.value(), options);
    if (!installStopSignals(&server)) {
        err << tr("fabrica serve: cannot install the SIGTERM/SIGINT handlers") << Qt::endl;
        return 1;
    }
    const Result<quint16> port = server.listen(endpoint->address, endpoint->port);
    if (!port) {
        err << tr("fabrica serve: %1").arg(port.error().message) << Qt::endl;
        return 1;
    }
    if (!endpoint->address.isLoopback() && !options.tls) {
        // Tokens and passwords would cross the network in clear text.
        err << QStringLiteral("*******************************************************************") << '\n'
            << tr("WARNING: listening on %1, which is not a loopback address, WITHOUT TLS.\n"
                  "Passwords and tokens travel in clear text. Serve HTTPS with --tls-cert and --tls-key,\n"
                  "keep the API on 127.0.0.1, or put it behind a TLS-terminating proxy.")
                   .arg(endpoint->address.toString())
            << '\n'
            << QStringLiteral("*******************************************************************")
            << Qt::endl;
    }
    const QString host = endpoint->address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + endpoint->address.toString() + QLatin1Char(']')
                             : endpoint->address.toString();
    out << tr("Fabrica API listening on %1://%2:%3/api/v1 (storage %4); stop with Ctrl+C or SIGTERM.")
               .arg(options.tls ? QStringLiteral("https") : QStringLiteral("http"), host)
               .arg(port.value())
               .arg(storage->url().displayString())
        << Qt::endl;
    const int code = QCoreApplication::exec();
    server.close(); // no new connection; the handlers still running finish first
    jobs.stop();    // running jobs end cancelled: file targets removed, database loads rolled back
    out << tr("Fabrica API stopped.") << Qt::endl;
    return code;
}

} // namespace fabrica
