#include "ApiTls.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace fabrica {

namespace {

// Files larger than this are no certificate or key (a long chain is a few KiB).
constexpr qint64 kMaxFileBytes = 1024 * 1024;

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct KeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct X509Deleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};

// A passphrase is never asked for: an encrypted key is refused with a message.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

// unreadable: "… %1 (the file): %2 (why)"; tooLarge: "… %1 (the file) …".
Result<QByteArray> readFile(const QString &path, const QString &unreadable, const QString &tooLarge)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, unreadable.arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return makeError(ErrorCode::InvalidInput, tooLarge.arg(path));
    return file.readAll();
}

// The private key of a PEM or DER file, for OpenSSL's check that it matches the certificate.
std::unique_ptr<EVP_PKEY, KeyDeleter> opensslKey(const QByteArray &bytes)
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
    if (!key) {
        const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
        key = d2i_AutoPrivateKey(nullptr, &data, long(bytes.size()));
    }
    ERR_clear_error();
    return std::unique_ptr<EVP_PKEY, KeyDeleter>(key);
}

bool keyMatches(const QSslCertificate &certificate, const QByteArray &keyBytes)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    const std::unique_ptr<X509, X509Deleter> x509(d2i_X509(nullptr, &data, long(der.size())));
    const std::unique_ptr<EVP_PKEY, KeyDeleter> key = opensslKey(keyBytes);
    const bool matches = x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
    ERR_clear_error();
    return matches;
}

} // namespace

Result<QSslConfiguration> ApiTls::serverConfiguration(const QString &certificateFile, const QString &keyFile)
{
    if (!QSslSocket::supportsSsl())
        return makeError(ErrorCode::Unsupported,
                         tr("TLS is not available: Qt found no TLS library (OpenSSL 3) on this system."));
    Result<QByteArray> certificateBytes =
        readFile(certificateFile, tr("Cannot read the TLS certificate file %1: %2"),
                 tr("The TLS certificate file %1 is too large to be one."));
    if (!certificateBytes)
        return certificateBytes.error();
    QList<QSslCertificate> chain = QSslCertificate::fromData(certificateBytes.value(), QSsl::Pem);
    if (chain.isEmpty())
        chain = QSslCertificate::fromData(certificateBytes.value(), QSsl::Der);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(ErrorCode::InvalidInput,
                         tr("The TLS certificate file %1 holds no certificate (PEM or DER expected).")
                             .arg(certificateFile));
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        return makeError(ErrorCode::InvalidInput,
                         tr("The TLS certificate in %1 expired on %2.")
                             .arg(certificateFile, chain.first().expiryDate().toString(Qt::ISODate)));

    Result<QByteArray> keyBytes = readFile(keyFile, tr("Cannot read the TLS key file %1: %2"),
                                           tr("The TLS key file %1 is too large to be one."));
    if (!keyBytes)
        return keyBytes.error();
    QSslKey key;
    for (const QSsl::EncodingFormat format : {QSsl::Pem, QSsl::Der}) {
        for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
            if (key.isNull())
                key = QSslKey(keyBytes.value(), algorithm, format, QSsl::PrivateKey);
        }
    }
    if (key.isNull())
        return makeError(ErrorCode::InvalidInput,
                         tr("The TLS key file %1 holds no private key that can be read: an unencrypted EC "
                            "or RSA key in PEM or DER is expected.")
                             .arg(keyFile));
    if (!keyMatches(chain.first(), keyBytes.value()))
        return makeError(
            ErrorCode::InvalidInput,
            tr("The TLS key in %1 does not belong to the certificate in %2.").arg(keyFile, certificateFile));
    keyBytes->fill('\0');

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients sign in with tokens, not certificates
    // QHttpServer 6.4 speaks HTTP/1.1 only: never let ALPN agree on h2.
    configuration.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});
    return configuration;
}

} // namespace fabrica
