#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QString>

namespace fabrica {

// The TLS side of the API server: a server configuration from a certificate file (PEM or DER, the
// server's certificate first, then its chain) and an unencrypted private key file, checked to belong to
// each other before the server listens (so a wrong pair fails at start, naming the file, not at each
// client's handshake).
class ApiTls
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ApiTls)

public:
    static Result<QSslConfiguration> serverConfiguration(const QString &certificateFile,
                                                         const QString &keyFile);
};

} // namespace fabrica
