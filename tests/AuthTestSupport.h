#pragma once

// Sign-in for the GUI tests: an AuthService over a test storage with hashing small enough to keep the tests
// fast (what the dialogs and windows do does not depend on the hashing cost).

#include "auth/AuthService.h"

#include <QTemporaryDir>

namespace fabrica::test {

inline AuthService::Config fastHashing()
{
    AuthService::Config config;
    config.hashing = PasswordHasher::Parameters{1024, 1, 1};
    return config;
}

// The AuthService of storage with its token secret in folder; stops the test when it cannot be made.
inline AuthService authService(Repository &storage, const QTemporaryDir &folder)
{
    Result<AuthService> auth =
        AuthService::create(storage, folder.filePath(QStringLiteral("token-secret.key")), fastHashing());
    if (!auth)
        qFatal("cannot create the AuthService: %s", qPrintable(auth.error().toString()));
    return std::move(auth).value();
}

} // namespace fabrica::test
