#pragma once

#include <QByteArray>

namespace fabrica {

// A password or key in memory, overwritten when it goes out of scope, so the bytes do not linger in freed
// memory. Wiping goes through OPENSSL_cleanse, which the compiler cannot drop as a dead store.
struct SecretBytes
{
    QByteArray bytes;

    SecretBytes() = default;
    explicit SecretBytes(QByteArray secret)
        : bytes(std::move(secret))
    {}
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes() { wipe(bytes); }

    // Overwrites the bytes of secret in place (its size stays).
    static void wipe(QByteArray &secret);
};

} // namespace fabrica
