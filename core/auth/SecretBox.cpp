#include "SecretBox.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace fabrica {

namespace {

constexpr char kPrefix[] = "v1:";
constexpr qsizetype kPrefixLength = sizeof kPrefix - 1;

struct CipherContextDeleter
{
    void operator()(EVP_CIPHER_CTX *context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

// The version prefix is authenticated too, so a future "v2:" cannot be downgraded by editing the text.
const unsigned char *associatedData()
{
    return reinterpret_cast<const unsigned char *>(kPrefix);
}

} // namespace

Result<QByteArray> SecretBox::seal(const QByteArray &key, const QByteArray &plaintext)
{
    if (key.size() != kKeyBytes)
        return makeError(ErrorCode::Internal, tr("the encryption key must have %1 bytes").arg(kKeyBytes));
    if (plaintext.size() > (1 << 24))
        return makeError(ErrorCode::InvalidInput, tr("the secret is too large to encrypt"));

    QByteArray raw(kNonceBytes + plaintext.size() + kTagBytes, Qt::Uninitialized);
    unsigned char *nonce = bytes(raw);
    unsigned char *ciphertext = nonce + kNonceBytes;
    unsigned char *tag = ciphertext + plaintext.size();
    if (RAND_bytes(nonce, kNonceBytes) != 1)
        return makeError(ErrorCode::Internal, tr("the system's random number generator failed"));

    const CipherContext context(EVP_CIPHER_CTX_new());
    int written = 0;
    int finalWritten = 0;
    const bool ok =
        context && EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes(key), nonce) == 1 &&
        EVP_EncryptUpdate(context.get(), nullptr, &written, associatedData(), int(kPrefixLength)) == 1 &&
        EVP_EncryptUpdate(context.get(), ciphertext, &written, bytes(plaintext), int(plaintext.size())) ==
            1 &&
        EVP_EncryptFinal_ex(context.get(), ciphertext + written, &finalWritten) == 1 &&
        written + finalWritten == plaintext.size() &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) == 1;
    if (!ok)
        return makeError(ErrorCode::Internal, tr("cannot encrypt the secret"));
    return QByteArray(QByteArray(kPrefix) + raw.toBase64());
}

Result<QByteArray> SecretBox::open(const QByteArray &key, const QByteArray &sealed)
{
    const Error unreadable = makeError(
        ErrorCode::InvalidInput,
        tr("the saved secret cannot be decrypted: the key file is not the one it was saved with, or the "
           "saved text was changed"));
    if (key.size() != kKeyBytes)
        return makeError(ErrorCode::Internal, tr("the encryption key must have %1 bytes").arg(kKeyBytes));
    if (!sealed.startsWith(kPrefix))
        return unreadable;

    const QByteArray text = sealed.mid(kPrefixLength);
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    // Only the canonical spelling counts: otherwise changing unused low bits of the last base64
    // character would give the same bytes, and a changed text would still open.
    if (!decoded || decoded.decoded.size() < kNonceBytes + kTagBytes || decoded.decoded.toBase64() != text)
        return unreadable;

    const QByteArray &raw = decoded.decoded;
    const int length = int(raw.size() - kNonceBytes - kTagBytes);
    const unsigned char *nonce = bytes(raw);
    const unsigned char *ciphertext = nonce + kNonceBytes;
    // EVP wants a non-const tag pointer although it only reads it.
    QByteArray tag = raw.right(kTagBytes);
    QByteArray plaintext(length, Qt::Uninitialized);

    const CipherContext context(EVP_CIPHER_CTX_new());
    int written = 0;
    int finalWritten = 0;
    const bool ok =
        context && EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes(key), nonce) == 1 &&
        EVP_DecryptUpdate(context.get(), nullptr, &written, associatedData(), int(kPrefixLength)) == 1 &&
        EVP_DecryptUpdate(context.get(), bytes(plaintext), &written, ciphertext, length) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
        // Checks the tag; on failure the plaintext must not be used.
        && EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + written, &finalWritten) == 1 &&
        written + finalWritten == length;
    if (!ok) {
        if (!plaintext.isEmpty())
            OPENSSL_cleanse(plaintext.data(), size_t(plaintext.size()));
        return unreadable;
    }
    return plaintext;
}

} // namespace fabrica
