// `fabrica serve --config FILE`: the INI file's keys, its errors (file, line, key), the command line over
// it, and a real server started from a file.
#include "CliRunner.h"
#include "api/ForwardedFor.h"
#include "api/ServerConfig.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;

namespace {

Error parseError(const QByteArray &text)
{
    const Result<ServerConfig> config = ServerConfig::parse(text, QStringLiteral("fabrica.conf"));
    return config ? Error{} : config.error();
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKind()
    {
        const Result<ServerConfig> config = ServerConfig::parse(R"(# a comment
[server]
listen = 0.0.0.0:8081
workers = 4
threads = 8
metricsNeedToken = yes

; another comment
[storage]
database = postgresql://fabrica@db.example.com/fabrica
passwordFile = "/run/credentials/fabrica.service/db-password"

[tls]
cert = /etc/fabrica/cert.pem
key = /etc/fabrica/key.pem

[limits]
headerKiB = 32
jsonBodyKiB = 2048
uploadMiB = 128
idleTimeoutSeconds = 60
maxConnections = 2000
maxConnectionsPerAddress = 1000
signInFailuresPerAddress = 300

[jobs]
staleSeconds = 10

[log]
level = DEBUG
rules = fabrica.core.storage.debug=false
)",
                                                                QStringLiteral("fabrica.conf"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        QCOMPARE(config->listen, QStringLiteral("0.0.0.0:8081"));
        QCOMPARE(config->workers, 4);
        QCOMPARE(config->api.workerThreads, 8);
        QVERIFY(config->api.metricsNeedToken);
        QCOMPARE(config->database, QStringLiteral("postgresql://fabrica@db.example.com/fabrica"));
        QCOMPARE(config->passwordFile, QStringLiteral("/run/credentials/fabrica.service/db-password"));
        QCOMPARE(config->tlsCert, QStringLiteral("/etc/fabrica/cert.pem"));
        QCOMPARE(config->tlsKey, QStringLiteral("/etc/fabrica/key.pem"));
        QCOMPARE(config->api.limits.framing.headerBytes, 32 * 1024);
        QCOMPARE(config->api.limits.framing.jsonBodyBytes, qint64(2048) * 1024);
        QCOMPARE(config->uploadBytes, std::optional<qint64>(qint64(128) << 20));
        QCOMPARE(config->api.limits.idleTimeout, std::chrono::milliseconds(60000));
        QCOMPARE(config->api.limits.maxConnections, 2000);
        QCOMPARE(config->api.limits.maxConnectionsPerAddress, 1000);
        QCOMPARE(config->api.signIn.failuresPerAddress, 300);
        QCOMPARE(config->api.signIn.failuresPerAccount, 10); // not in the file: the default
        QCOMPARE(config->staleSeconds, 10);
        QCOMPARE(config->loggingRules(), QStringLiteral("fabrica.*.debug=true\nfabrica.*.info=true\n"
                                                        "fabrica.core.storage.debug=false"));
        QCOMPARE(config->origin(QStringLiteral("limits/headerKiB")),
                 (SourceLocation{QStringLiteral("fabrica.conf"), 18, 0, QStringLiteral("limits/headerKiB")}));
        QVERIFY(config->origin(QStringLiteral("limits/signInFailuresPerAccount")).isEmpty());
    }

    void defaults()
    {
        const Result<ServerConfig> config = ServerConfig::parse("", QStringLiteral("empty.conf"));
        QVERIFY(config);
        QCOMPARE(config->listen, QStringLiteral("127.0.0.1:8080"));
        QCOMPARE(config->workers, 2);
        QVERIFY(!config->uploadBytes);
        QCOMPARE(config->api.limits.maxConnectionsPerAddress,
                 ApiServer::Options().limits.maxConnectionsPerAddress);
        QCOMPARE(config->loggingRules(), QStringLiteral("fabrica.api.info=true"));
        QCOMPARE(ServerConfig::parse("[log]\nlevel = warning\n", {})->loggingRules(),
                 QStringLiteral("fabrica.*.info=false"));
    }

    // The example that installer/ ships reads without error and says what the unit expects.
    void theShippedExampleReads()
    {
        const Result<ServerConfig> config =
            ServerConfig::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/installer/fabrica.conf"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        QCOMPARE(config->database, QStringLiteral("sqlite:/var/lib/fabrica/fabrica.sqlite"));
        QCOMPARE(config->tokenSecretFile, QStringLiteral("/var/lib/fabrica/token-secret.key"));
        QCOMPARE(config->listen, QStringLiteral("127.0.0.1:8080"));
        QVERIFY(config->tlsCert.isEmpty());
    }

    void errorsNameFileLineAndKey_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("number")
            << QByteArray("[server]\n\nworkers = many\n")
            << "fabrica.conf:3: server/workers: takes a whole number from 1 to 64, not \"many\"";
        QTest::newRow("range")
            << QByteArray("[limits]\nheaderKiB = 0\n")
            << "fabrica.conf:2: limits/headerKiB: takes a whole number from 1 to 1024, not \"0\"";
        QTest::newRow("unknown key") << QByteArray("[tls]\ncertificate = a.pem\n")
                                     << "fabrica.conf:2: tls/certificate: unknown key; [tls] takes cert, key";
        QTest::newRow("unknown section") << QByteArray("# x\n[http]\n")
                                         << "fabrica.conf:2: unknown section [http]; the sections are "
                                            "[server], [tls], [storage], [limits], "
                                            "[jobs] and [log]";
        QTest::newRow("twice") << QByteArray("[server]\nlisten = a:1\nlisten = b:2\n")
                               << "fabrica.conf:3: server/listen: set twice (first on line 2)";
        QTest::newRow("no equals")
            << QByteArray("[server]\nlisten 127.0.0.1:80\n")
            << "fabrica.conf:2: expected \"key = value\" or \"[section]\", got \"listen "
               "127.0.0.1:80\"";
        QTest::newRow("before section") << QByteArray("listen = 127.0.0.1:80\n")
                                        << "fabrica.conf:1: \"listen\" comes before any [section]";
        QTest::newRow("header") << QByteArray("[server\n")
                                << "fabrica.conf:1: a section header ends with \"]\"";
        QTest::newRow("boolean")
            << QByteArray("[server]\nmetricsNeedToken = sometimes\n")
            << "fabrica.conf:2: server/metricsNeedToken: takes true or false, not \"sometimes\"";
        QTest::newRow("level") << QByteArray("[log]\nlevel = loud\n")
                               << "fabrica.conf:2: log/level: takes warning, info or debug, not \"loud\"";
    }

    void errorsNameFileLineAndKey()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QCOMPARE(parseError(text).toString(), message);
    }

    void commandLineWins()
    {
        Result<ServerConfig> config =
            ServerConfig::parse("[server]\nlisten = 0.0.0.0:80\nworkers = 3\n", QStringLiteral("f.conf"));
        QVERIFY(config);
        const SourceLocation option{{}, 0, 0, QStringLiteral("--listen")};
        QVERIFY(config->set(QStringLiteral("server/listen"), QStringLiteral("127.0.0.1:9000"), option));
        QCOMPARE(config->listen, QStringLiteral("127.0.0.1:9000"));
        QCOMPARE(config->workers, 3);
        QCOMPARE(config->errorAt(QStringLiteral("server/listen"), QStringLiteral("bad")).toString(),
                 QStringLiteral("--listen: bad"));
        QCOMPARE(config->errorAt(QStringLiteral("server/workers"), QStringLiteral("bad")).toString(),
                 QStringLiteral("f.conf:3: server/workers: bad"));
        const Result<void> wrong = config->set(QStringLiteral("server/workers"), QStringLiteral("0"),
                                               SourceLocation{{}, 0, 0, QStringLiteral("--workers")});
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().toString(),
                 QStringLiteral("--workers: takes a whole number from 1 to 64, not \"0\""));
    }

    void trustedProxies()
    {
        const Result<ServerConfig> config = ServerConfig::parse(
            "[server]\ntrustedProxies = 127.0.0.1, ::1, 10.0.0.0/8\n", QStringLiteral("f.conf"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        const QList<ForwardedFor::Subnet> &proxies = config->api.trustedProxies;
        QCOMPARE(proxies.size(), 3);
        QVERIFY(ForwardedFor::isTrusted(QHostAddress(QStringLiteral("10.1.2.3")), proxies));
        QVERIFY(ForwardedFor::isTrusted(QHostAddress(QStringLiteral("::ffff:127.0.0.1")), proxies));
        QVERIFY(!ForwardedFor::isTrusted(QHostAddress(QStringLiteral("127.0.0.2")), proxies));
        QCOMPARE(
            parseError("[server]\ntrustedProxies = 127.0.0.1, nginx\n").toString(),
            QStringLiteral("fabrica.conf:2: server/trustedProxies: takes addresses or subnets separated by "
                           "commas (127.0.0.1, 10.0.0.0/8, ::1); \"nginx\" is neither"));
    }

    void forwardedClient_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("client");
        QTest::newRow("no header") << "127.0.0.1" << QByteArray() << "127.0.0.1";
        QTest::newRow("from the proxy") << "127.0.0.1" << QByteArray("203.0.113.5") << "203.0.113.5";
        QTest::newRow("through two proxies")
            << "127.0.0.1" << QByteArray("203.0.113.5, 10.0.0.7") << "203.0.113.5";
        // The client wrote an entry itself: only what the proxies added is believed.
        QTest::newRow("forged left") << "127.0.0.1" << QByteArray("1.2.3.4, 203.0.113.5") << "203.0.113.5";
        QTest::newRow("not from a proxy") << "198.51.100.9" << QByteArray("203.0.113.5") << "198.51.100.9";
        QTest::newRow("garbage") << "127.0.0.1" << QByteArray("unknown") << "127.0.0.1";
        QTest::newRow("ipv6 client") << "127.0.0.1" << QByteArray("2001:db8::1") << "2001:db8::1";
    }

    void forwardedClient()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArray, header);
        QFETCH(QString, client);
        const QList<ForwardedFor::Subnet> proxies = {
            *ForwardedFor::parseSubnet(QStringLiteral("127.0.0.1")),
            *ForwardedFor::parseSubnet(QStringLiteral("10.0.0.0/8"))};
        QCOMPARE(ForwardedFor::client(QHostAddress(peer), header, proxies), QHostAddress(client));
        QCOMPARE(ForwardedFor::client(QHostAddress(peer), header, {}), QHostAddress(peer)); // nobody trusted
    }

    // The binary: an error in the file names it; the command line overrides it; a server starts from it.
    void serveReadsTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString conf = dir.filePath(QStringLiteral("fabrica.conf"));
        const auto write = [&](const QByteArray &text) {
            QFile file(conf);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text);
        };
        write("[server]\nlisten = 127.0.0.1:99999\n");
        test::CliRun run = test::runFabrica({QStringLiteral("serve"), QStringLiteral("--config"), conf});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains(conf + QStringLiteral(":2: server/listen: the listen address takes HOST:PORT")),
            qPrintable(run.err));
        run = test::runFabrica({QStringLiteral("serve"), QStringLiteral("--config"),
                                dir.filePath(QStringLiteral("missing.conf"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(dir.filePath(QStringLiteral("missing.conf")) +
                                  QStringLiteral(": cannot read the configuration")),
                 qPrintable(run.err));

        // A bad listen address in the file, a good one on the command line: the server starts there, with
        // the storage, secret and log level of the file.
        write(QByteArray("[server]\nlisten = nowhere\n[storage]\ndatabase = sqlite:") +
              dir.filePath(QStringLiteral("s.sqlite")).toUtf8() + "\ntokenSecretFile = " +
              dir.filePath(QStringLiteral("secret.key")).toUtf8() + "\n[log]\nlevel = warning\n");
        QProcess server;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), dir.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        server.setProcessEnvironment(environment);
        server.start(qEnvironmentVariable("FABRICA_BINARY"),
                     {QStringLiteral("serve"), QStringLiteral("--config"), conf, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0")});
        QVERIFY(server.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("listening"), 20000);
        QVERIFY2(out.contains("http://127.0.0.1:"), out.constData());
        QVERIFY2(out.contains(QByteArray(QByteArray("storage sqlite:") +
                                         dir.filePath(QStringLiteral("s.sqlite")).toUtf8())),
                 out.constData());
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("secret.key"))));
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 0);
        QCOMPARE(server.readAllStandardError(), QByteArray()); // level warning: no request log, no warnings
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
