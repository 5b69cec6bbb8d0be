#include "SignInThrottle.h"

#include <QMutexLocker>

#include <algorithm>

namespace fabrica {

namespace {

// Tables are swept of expired entries once they have doubled since the last sweep (at least this big), so
// a flood of names costs memory for one window only, and the sweep's cost is spread over the attempts.
constexpr qsizetype kFirstSweep = 1024;

} // namespace

SignInThrottle::SignInThrottle(Limits limits)
    : m_limits(limits)
    , m_now([] { return Clock::now(); })
{
    m_limits.failuresPerAccount = std::max(1, m_limits.failuresPerAccount);
    m_limits.failuresPerAddress = std::max(1, m_limits.failuresPerAddress);
    m_limits.window = std::max(m_limits.window, std::chrono::seconds(1));
}

void SignInThrottle::setClock(std::function<Clock::time_point()> now)
{
    QMutexLocker lock(&m_mutex);
    m_now = std::move(now);
}

QString SignInThrottle::accountKey(const QString &account)
{
    return account.trimmed().toCaseFolded();
}

QString SignInThrottle::addressKey(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4)
        return QHostAddress(ipv4).toString();
    Q_IPV6ADDR ipv6 = address.toIPv6Address();
    std::fill(ipv6.c + 8, ipv6.c + 16, quint8(0));
    return QHostAddress(ipv6).toString() + QStringLiteral("/64");
}

std::chrono::seconds SignInThrottle::wait(Times &times, int limit, Clock::time_point now) const
{
    const Clock::time_point start = now - m_limits.window;
    while (!times.empty() && times.front() <= start)
        times.pop_front();
    if (qsizetype(times.size()) < limit)
        return std::chrono::seconds(0);
    // Free again once all but limit - 1 of the failures have left the window.
    const Clock::time_point freeAt = times[times.size() - std::size_t(limit)] + m_limits.window;
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(freeAt - now);
    return std::max(seconds, std::chrono::seconds(1));
}

void SignInThrottle::prune(QHash<QString, Times> &table, Clock::time_point now)
{
    const Clock::time_point start = now - m_limits.window;
    for (auto it = table.begin(); it != table.end();) {
        if (it->empty() || it->back() <= start)
            it = table.erase(it);
        else
            ++it;
    }
}

std::chrono::seconds SignInThrottle::begin(const QString &account, const QHostAddress &address)
{
    QMutexLocker lock(&m_mutex);
    const Clock::time_point now = m_now();
    if (m_accounts.size() + m_addresses.size() > std::max(kFirstSweep, m_sweepAt)) {
        prune(m_accounts, now);
        prune(m_addresses, now);
        m_sweepAt = 2 * (m_accounts.size() + m_addresses.size());
    }
    Times &byAccount = m_accounts[accountKey(account)];
    Times &byAddress = m_addresses[addressKey(address)];
    const std::chrono::seconds waitAccount = wait(byAccount, m_limits.failuresPerAccount, now);
    const std::chrono::seconds waitAddress = wait(byAddress, m_limits.failuresPerAddress, now);
    const std::chrono::seconds longer = std::max(waitAccount, waitAddress);
    if (longer.count() > 0)
        return longer;
    byAccount.push_back(now);
    byAddress.push_back(now);
    return longer;
}

void SignInThrottle::succeeded(const QString &account, const QHostAddress &address)
{
    QMutexLocker lock(&m_mutex);
    m_accounts.remove(accountKey(account));
    const auto byAddress = m_addresses.find(addressKey(address));
    if (byAddress != m_addresses.end() && !byAddress->empty())
        byAddress->pop_back(); // the latest, near enough to this attempt's own time
}

} // namespace fabrica
