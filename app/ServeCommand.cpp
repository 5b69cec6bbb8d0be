#include "ServeCommand.h"

#include "StorageArgument.h"
#include "api/ApiServer.h"
#include "api/ApiTls.h"
#include "api/ServerConfig.h"
#include "auth/AuthService.h"
#include "import/ImportLimits.h"
#include "jobs/JobService.h"
#include "storage/StoragePaths.h"

#include <QCommandLineParser>
#include <QFile>
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
    const Error wrong = makeError(
        ErrorCode::InvalidInput,
        tr("the listen address takes HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080; got \"%1\"").arg(text));
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
           "it speaks HTTPS only; without them plain HTTP, for a loopback address or behind a TLS proxy. "
           "--config reads these settings and more (limits, log level) from an INI file; the options given "
           "here win over it."));
    parser.addHelpOption();
    const QCommandLineOption config(QStringLiteral("config"),
                                    tr("Read the settings from this INI file (see docs/operations.md)."),
                                    tr("FILE"));
    parser.addOption(config);
    parser.addOption(StorageArgument::option());
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    tr("Address and port to listen on (default 127.0.0.1:8080)."),
                                    tr("HOST:PORT"));
    parser.addOption(listen);
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     tr("Serve HTTPS with this certificate (PEM, the chain after it)."),
                                     tr("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    tr("The certificate's private key (PEM, unencrypted)."), tr("FILE"));
    parser.addOptions({tlsCert, tlsKey});
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     tr("Generation jobs this server runs at once (queued runs of any "
                                        "instance sharing the storage; default 2)."),
                                     tr("N"));
    parser.addOption(workers);
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto fail = [&err](const Error &error, int code) {
        err << tr("fabrica serve: %1").arg(error.toString()) << Qt::endl;
        return code;
    };
    if (!parser.positionalArguments().isEmpty()) {
        err << tr("fabrica serve: unexpected arguments; `fabrica serve --help` lists the options")
            << Qt::endl;
        return 2;
    }
    ServerConfig settings;
    if (parser.isSet(config)) {
        Result<ServerConfig> loaded = ServerConfig::load(parser.value(config));
        if (!loaded)
            return fail(loaded.error(), 2);
        settings = std::move(loaded.value());
    }
    // The command line wins over the file.
    const QList<std::pair<QCommandLineOption, QString>> overrides = {
        {listen, QStringLiteral("server/listen")},
        {workers, QStringLiteral("server/workers")},
        {tlsCert, QStringLiteral("tls/cert")},
        {tlsKey, QStringLiteral("tls/key")},
        {StorageArgument::option(), QStringLiteral("storage/database")}};
    for (const auto &[option, key] : overrides) {
        if (!parser.isSet(option))
            continue;
        const Result<void> done =
            settings.set(key, parser.value(option),
                         SourceLocation{{}, 0, 0, QStringLiteral("--") + option.names().first()});
        if (!done)
            return fail(done.error(), 2);
    }
    return serve(settings, out, err);
}

int ServeCommand::serve(const ServerConfig &settings, QTextStream &out, QTextStream &err)
{
    const auto fail = [&err](const Error &error, int code) {
        err << tr("fabrica serve: %1").arg(error.toString()) << Qt::endl;
        return code;
    };
    const Result<Endpoint> endpoint = parseListen(settings.listen);
    if (!endpoint)
        return fail(settings.errorAt(QStringLiteral("server/listen"), endpoint.error().message), 2);
    if (settings.tlsCert.isEmpty() != settings.tlsKey.isEmpty()) {
        const QString set =
            settings.tlsCert.isEmpty() ? QStringLiteral("tls/key") : QStringLiteral("tls/cert");
        return fail(settings.errorAt(set, tr("a TLS certificate and its key go together (--tls-cert and "
                                             "--tls-key, or cert and key in [tls])")),
                    2);
    }
    ApiServer::Options options = settings.api;
    if (!settings.tlsCert.isEmpty()) {
        Result<QSslConfiguration> tls = ApiTls::serverConfiguration(settings.tlsCert, settings.tlsKey);
        if (!tls)
            return fail(settings.errorAt(QStringLiteral("tls/cert"), tls.error().message), 1);
        options.tls = tls.value();
    }

    Result<DatabaseUrl> url =
        DatabaseUrl::parse(settings.database.isEmpty() ? StoragePaths::defaultDatabase() : settings.database);
    if (!url)
        return fail(settings.errorAt(QStringLiteral("storage/database"), url.error().message), 2);
    if (!settings.passwordFile.isEmpty() && url->password.isEmpty()) {
        // The password stays out of the URL, the command line and the logs: only the file holds it.
        QFile file(settings.passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(
                settings.errorAt(QStringLiteral("storage/passwordFile"),
                                 tr("cannot read %1: %2").arg(settings.passwordFile, file.errorString())),
                1);
        }
        QByteArray secret = file.readAll();
        while (secret.endsWith('\n') || secret.endsWith('\r'))
            secret.chop(1);
        url->password = QString::fromUtf8(secret);
        secret.fill('\0');
    }
    std::unique_ptr<Repository> storage = StorageArgument::open(url.value());
    if (!storage)
        return 1;
    const QString secretFile =
        settings.tokenSecretFile.isEmpty() ? StoragePaths::tokenSecretFile() : settings.tokenSecretFile;
    Result<AuthService> auth = AuthService::create(*storage, secretFile);
    if (!auth)
        return fail(auth.error(), 1);

    // The request log (one line per request) is the server's output at level info; QT_LOGGING_RULES
    // still overrides it.
    QLoggingCategory::setFilterRules(settings.loggingRules());
    // Declared before the server, so it outlives it. Named in claimed_by, so a run's record tells which
    // server runs it.
    JobService jobs(
        *storage,
        QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid()));
    JobService::Options jobOptions;
    jobOptions.staleSeconds = settings.staleSeconds;
    jobs.setOptions(jobOptions);
    jobs.start(settings.workers);
    options.jobs = &jobs;
    options.importLimits = ImportLimits::fromSettings(QSettings()); // as `fabrica import` reads them
    if (settings.uploadBytes)
        options.importLimits.uploadBytes = *settings.uploadBytes;
    ApiServer server(*storage, auth.value(), options);
    if (!installStopSignals(&server)) {
        err << tr("fabrica serve: cannot install the SIGTERM/SIGINT handlers") << Qt::endl;
        return 1;
    }
    const Result<quint16> port = server.listen(endpoint->address, endpoint->port);
    if (!port)
        return fail(settings.errorAt(QStringLiteral("server/listen"), port.error().message), 1);
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
