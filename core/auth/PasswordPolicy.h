#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>

namespace fabrica {

// The password rules of NIST SP 800-63B: a length range in Unicode code points, no composition rules,
// and no password from a list of commonly used ones or equal to the user name.
class PasswordPolicy
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PasswordPolicy)

public:
    static constexpr int kMinimumLength = 8;
    static constexpr int kMaximumLength = 1024;

    // ErrorCode::Validation with a message that says what to change, or success.
    static Result<void> check(const QString &password, const QString &username = {});

    // Code points, not UTF-16 units or bytes: "😀" is one character.
    static int length(QStringView password);
    static bool isCommon(const QString &password);
};

} // namespace fabrica
