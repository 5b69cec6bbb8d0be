#include "SecretBytes.h"

#include <openssl/crypto.h>

namespace fabrica {

void SecretBytes::wipe(QByteArray &secret)
{
    // data() detaches a shared buffer first, so only this copy is wiped; callers move secrets, never copy.
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), std::size_t(secret.size()));
}

} // namespace fabrica
