#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

namespace fabrica {

// `fabrica serve --listen HOST:PORT [--database URL] [--workers N] [--tls-cert FILE --tls-key FILE]`:
// runs the REST API and N generation workers until SIGTERM or SIGINT.
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
};

} // namespace fabrica
