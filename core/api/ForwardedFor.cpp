#include "ForwardedFor.h"

namespace fabrica {

std::optional<ForwardedFor::Subnet> ForwardedFor::parseSubnet(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.contains(QLatin1Char('/'))) {
        const Subnet subnet = QHostAddress::parseSubnet(trimmed);
        if (subnet.first.isNull() || subnet.second < 0)
            return std::nullopt;
        return subnet;
    }
    const QHostAddress address(trimmed);
    if (address.isNull())
        return std::nullopt;
    return Subnet(address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32);
}

bool ForwardedFor::isTrusted(const QHostAddress &address, const QList<Subnet> &proxies)
{
    // A connection to an IPv6 socket from an IPv4 client shows as ::ffff:a.b.c.d.
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    const QHostAddress plain = mapped ? QHostAddress(ipv4) : address;
    for (const Subnet &subnet : proxies) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress ForwardedFor::client(const QHostAddress &peer, QByteArrayView header,
                                  const QList<Subnet> &proxies)
{
    if (header.isEmpty() || !isTrusted(peer, proxies))
        return peer;
    QHostAddress client = peer;
    const QList<QByteArray> hops = QByteArray(header.data(), header.size()).split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            break; // not an address nginx wrote: believe nothing further left
        client = address;
        if (!isTrusted(address, proxies))
            break;
    }
    return client;
}

} // namespace fabrica
