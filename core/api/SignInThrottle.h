#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>

namespace fabrica {

// Rate limit of sign-in attempts per account name and per client address, in a sliding window, on top
// of the AuthService's back-off in storage: that one slows down one account; this one also stops one
// address from trying many accounts, and answers before any password is hashed (so guessing costs the
// server nothing). Thread-safe: the API's handlers share one.
class SignInThrottle
{
public:
    using Clock = std::chrono::steady_clock;

    struct Limits
    {
        int failuresPerAccount = 10; // in the window, from any address
        int failuresPerAddress = 30; // in the window, for any account
        std::chrono::seconds window{std::chrono::minutes(15)};
    };

    explicit SignInThrottle(Limits limits);

    const Limits &limits() const { return m_limits; }
    // For tests; the default is the steady clock.
    void setClock(std::function<Clock::time_point()> now);

    // Called before the password is checked. Zero: the attempt may go ahead, and counts as a failure
    // until succeeded() takes it back (so concurrent attempts cannot all pass the check). Otherwise the
    // seconds until the next attempt may be made, and nothing is counted.
    std::chrono::seconds begin(const QString &account, const QHostAddress &address);
    // The attempt begun for account and address signed in: the account's failures are forgotten, and the
    // address no longer counts this attempt.
    void succeeded(const QString &account, const QHostAddress &address);

    // The key of an address: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 prefix, the block
    // one host usually has.
    static QString addressKey(const QHostAddress &address);
    static QString accountKey(const QString &account);

private:
    using Times = std::deque<Clock::time_point>;

    // Drops the times out of the window; the wait until the oldest leaves it when limit are left.
    std::chrono::seconds wait(Times &times, int limit, Clock::time_point now) const;
    void prune(QHash<QString, Times> &table, Clock::time_point now);

    Limits m_limits;
    std::function<Clock::time_point()> m_now;
    mutable QMutex m_mutex;
    QHash<QString, Times> m_accounts;
    QHash<QString, Times> m_addresses;
    qsizetype m_sweepAt = 0; // entries in both tables that trigger the next sweep
};

} // namespace fabrica
