#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

namespace fabrica {

// Argon2id password hashes in the PHC string format ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash").
// The defaults follow OWASP's recommendation (19 MiB, 2 passes, 1 lane). All methods are const and
// thread-safe; copies share the lazily made dummy hash.
class PasswordHasher
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PasswordHasher)

public:
    struct Parameters
    {
        quint32 memoryKiB = 19456;
        quint32 iterations = 2;
        quint32 parallelism = 1;
        bool operator==(const Parameters &) const = default;
    };

    static constexpr int kSaltBytes = 16;
    static constexpr int kHashBytes = 32;

    // Two constructors, not a default argument: a nested struct's member initialisers are not usable
    // in a default argument of the enclosing class (the class is still incomplete there).
    PasswordHasher();
    explicit PasswordHasher(Parameters parameters);

    Parameters parameters() const { return m_parameters; }

    // A new PHC string with a fresh random salt. The password is hashed as given, never truncated.
    Result<QString> hash(const QByteArray &password) const;
    // False for a wrong password and for any malformed or out-of-bounds PHC string.
    bool verify(const QString &phc, const QByteArray &password) const;
    // True when the PHC string was made with other settings than this hasher's, or is malformed.
    bool needsRehash(const QString &phc) const;
    // One full verification against an internal hash, so that a sign-in for an unknown user takes as
    // long as one with a wrong password.
    void verifyDummy(const QByteArray &password) const;

private:
    struct Dummy;

    Parameters m_parameters;
    std::shared_ptr<Dummy> m_dummy;
};

} // namespace fabrica
