#include "PasswordPolicy.h"

#include "common/Logging.h"

#include <openssl/crypto.h>

#include <QFile>
#include <QSet>

namespace fabrica {

namespace {

constexpr QLatin1String kCommonPasswordsPath(":/fabrica/auth/common-passwords.txt");

// Case-folded, so that "PassWord1" matches "password1" (the list is lower case).
QSet<QString> loadCommonPasswords()
{
    QSet<QString> passwords;
    QFile file(kCommonPasswordsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcAuth) << "cannot read the list of common passwords" << kCommonPasswordsPath;
        return passwords;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith('#'))
            continue;
        const QString entry = QString::fromUtf8(line.trimmed()).toCaseFolded();
        if (PasswordPolicy::length(entry) >= PasswordPolicy::kMinimumLength)
            passwords.insert(entry); // shorter ones fail the length rule anyway
    }
    return passwords;
}

const QSet<QString> &commonPasswords()
{
    static const QSet<QString> passwords = loadCommonPasswords(); // thread-safe, once
    return passwords;
}

// The folded copy is as secret as the password itself.
void wipe(QString &text)
{
    if (!text.isEmpty())
        OPENSSL_cleanse(text.data(), size_t(text.size()) * sizeof(QChar));
}

} // namespace

int PasswordPolicy::length(QStringView password)
{
    qsizetype count = password.size();
    for (qsizetype i = 0; i + 1 < password.size(); ++i) {
        if (password[i].isHighSurrogate() && password[i + 1].isLowSurrogate()) {
            --count;
            ++i;
        }
    }
    return int(count);
}

bool PasswordPolicy::isCommon(const QString &password)
{
    QString folded = password.toCaseFolded();
    const bool common = commonPasswords().contains(folded);
    wipe(folded);
    return common;
}

Result<void> PasswordPolicy::check(const QString &password, const QString &username)
{
    const int characters = length(password);
    if (characters < kMinimumLength)
        return makeError(ErrorCode::Validation,
                         tr("the password must have at least %1 characters").arg(kMinimumLength));
    if (characters > kMaximumLength)
        return makeError(ErrorCode::Validation,
                         tr("the password must have at most %1 characters").arg(kMaximumLength));
    if (!username.isEmpty() && password.compare(username, Qt::CaseInsensitive) == 0)
        return makeError(ErrorCode::Validation, tr("the password must not be the same as the user name"));
    if (isCommon(password))
        return makeError(ErrorCode::Validation, tr("this password is too common; choose another"));
    return {};
}

} // namespace fabrica
