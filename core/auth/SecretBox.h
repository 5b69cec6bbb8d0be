#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace fabrica {

// Authenticated encryption of small secrets (saved database passwords) with AES-256-GCM. The sealed
// form is text, "v1:" + base64(nonce | ciphertext | tag), so it can live in a settings file.
class SecretBox
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SecretBox)

public:
    static constexpr int kKeyBytes = 32;
    static constexpr int kNonceBytes = 12;
    static constexpr int kTagBytes = 16;

    static Result<QByteArray> seal(const QByteArray &key, const QByteArray &plaintext);
    // Fails with ErrorCode::InvalidInput on a wrong key, any change to the sealed text, or a bad format.
    static Result<QByteArray> open(const QByteArray &key, const QByteArray &sealed);
};

} // namespace fabrica
