#pragma once

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace fabrica {

// The client behind trusted proxies: a request that comes from a trusted proxy (nginx in front of several
// instances) names its client in X-Forwarded-For, each proxy appending the address it saw. Only the
// entries that trusted proxies added can be believed: the client is the rightmost address that is not a
// trusted proxy. Anything else sent the header itself and is not believed.
class ForwardedFor
{
public:
    using Subnet = QPair<QHostAddress, int>;

    // "10.0.0.0/8", "127.0.0.1", "::1": a subnet or one address; nullopt when unreadable.
    static std::optional<Subnet> parseSubnet(const QString &text);
    static bool isTrusted(const QHostAddress &address, const QList<Subnet> &proxies);
    // The client of a request from peer with this X-Forwarded-For header (empty when absent); peer itself
    // when it is no trusted proxy or the header names no usable address.
    static QHostAddress client(const QHostAddress &peer, QByteArrayView header, const QList<Subnet> &proxies);
};

} // namespace fabrica
