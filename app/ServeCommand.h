#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

class QTextStream;

namespace fabrica {

class ServerConfig;

// `fabrica serve [--config FILE] [--listen HOST:PORT] [--database URL] [--workers N] [--tls-cert FILE
// --tls-key FILE]`: runs the REST API and N generation workers until SIGTERM or SIGINT. The options win
// over the config file (ServerConfig).
class ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ServeCommand)

public:
    static QString summary();
    static int run(const QStringList &arguments);

    struct Endpoint
    {
        QHostAddress address;
        quint16 port = 0;
    };
    // "127.0.0.1:8080", "[::1]:8080", "localhost:8080", "0.0.0.0:80"; port 0 picks a free one.
    static Result<Endpoint> parseListen(const QString &text);

private:
    static int serve(const ServerConfig &settings, QTextStream &out, QTextStream &err);
};

} // namespace fabrica
