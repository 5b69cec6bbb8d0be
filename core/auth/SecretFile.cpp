#include "SecretFile.h"

#include "common/SystemError.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QSaveFile>
#endif

namespace fabrica {

namespace {

Error fileError(ErrorCode code, const QString &path, const QString &message)
{
    return makeError(code, message, SourceLocation{path, 0, 0, {}});
}

void wipe(QByteArray &data)
{
    if (!data.isEmpty())
        OPENSSL_cleanse(data.data(), size_t(data.size()));
}

#ifdef Q_OS_UNIX
QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Makes the new directory entry durable too, not only the file's bytes.
void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
                          O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
#endif

} // namespace

Result<QByteArray> SecretFile::loadOrCreate(const QString &path, int bytes)
{
    if (bytes < 16 || bytes > 4096)
        return fileError(ErrorCode::Internal, path, tr("a secret file must hold between 16 and 4096 bytes"));
    Result<QByteArray> loaded = load(path, bytes);
    if (!loaded || !loaded.value().isEmpty())
        return loaded;
    return create(path, bytes);
}

Result<void> SecretFile::makeParentDirectory(const QString &path)
{
    // Directories we create are private too; existing ones are left as they are.
    QStringList missing;
    for (QString directory = QFileInfo(path).absolutePath(); !QFileInfo::exists(directory);) {
        missing.prepend(directory);
        const QString parent = QFileInfo(directory).absolutePath();
        if (parent == directory)
            break;
        directory = parent;
    }
    for (const QString &directory : std::as_const(missing)) {
        if (!QDir().mkdir(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner) &&
            !QFileInfo(directory).isDir())
            return fileError(ErrorCode::Io, directory, tr("cannot create the folder for the secret file"));
    }
    return {};
}

#ifdef Q_OS_UNIX

Result<QByteArray> SecretFile::load(const QString &path, int bytes)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return QByteArray();
        return fileError(ErrorCode::Io, path, tr("cannot read the secret file: %1").arg(systemError()));
    }
    // Checked on the opened file itself, so a swap between the check and the read cannot fool it.
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        const QString reason = systemError();
        ::close(fd);
        return fileError(ErrorCode::Io, path, tr("cannot read the secret file: %1").arg(reason));
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return fileError(ErrorCode::InvalidInput, path, tr("the secret file is not a regular file"));
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return fileError(ErrorCode::PermissionDenied, path,
                         tr("other users may read or change the secret file; make it private to its "
                            "owner (chmod 600) and restart"));
    }
    if (info.st_size != bytes) {
        ::close(fd);
        return fileError(ErrorCode::InvalidInput, path,
                         tr("the secret file has %1 bytes instead of %2; restore it from a backup, or "
                            "delete it to make a new one (signed-in users must sign in again and saved "
                            "passwords must be entered again)")
                             .arg(qint64(info.st_size))
                             .arg(bytes));
    }
    QByteArray content(bytes, Qt::Uninitialized);
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd, content.data() + done, size_t(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    ::close(fd);
    if (done != content.size()) {
        wipe(content);
        return fileError(ErrorCode::Io, path, tr("cannot read the secret file"));
    }
    return content;
}

Result<QByteArray> SecretFile::create(const QString &path, int bytes)
{
    if (Result<void> made = makeParentDirectory(path); !made)
        return made.error();

    QByteArray content(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(content.data()), bytes) != 1)
        return fileError(ErrorCode::Internal, path, tr("the system's random number generator failed"));

    // Written under a temporary name, then linked into place: the file is 0600 from its first moment
    // (mkostemp), and nobody can see it half written. link() fails when another process was quicker;
    // then its file wins.
    QByteArray temporary = QFile::encodeName(path) + ".XXXXXX";
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        wipe(content);
        return fileError(ErrorCode::Io, path, tr("cannot create the secret file: %1").arg(systemError()));
    }
    const bool written = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 && writeAll(fd, content) && ::fsync(fd) == 0;
    const QString writeFailure = written ? QString() : systemError();
    ::close(fd);
    if (!written) {
        ::unlink(temporary.constData());
        wipe(content);
        return fileError(ErrorCode::Io, path, tr("cannot write the secret file: %1").arg(writeFailure));
    }
    const bool linked = ::link(temporary.constData(), QFile::encodeName(path).constData()) == 0;
    const int linkErrno = errno;
    ::unlink(temporary.constData());
    if (!linked) {
        wipe(content);
        if (linkErrno == EEXIST)
            return load(path, bytes);
        errno = linkErrno;
        return fileError(ErrorCode::Io, path, tr("cannot create the secret file: %1").arg(systemError()));
    }
    syncDirectory(path);
    return content;
}

#else

// Elsewhere the file lives in the user's own profile; Qt cannot check ACLs, so no permission check.
Result<QByteArray> SecretFile::load(const QString &path, int bytes)
{
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return fileError(ErrorCode::Io, path, tr("cannot read the secret file: %1").arg(file.errorString()));
    if (file.size() != bytes)
        return fileError(ErrorCode::InvalidInput, path,
                         tr("the secret file has %1 bytes instead of %2; restore it from a backup, or "
                            "delete it to make a new one (signed-in users must sign in again and saved "
                            "passwords must be entered again)")
                             .arg(file.size())
                             .arg(bytes));
    QByteArray content = file.readAll();
    if (content.size() != bytes) {
        wipe(content);
        return fileError(ErrorCode::Io, path, tr("cannot read the secret file"));
    }
    return content;
}

Result<QByteArray> SecretFile::create(const QString &path, int bytes)
{
    if (Result<void> made = makeParentDirectory(path); !made)
        return made.error();
    QByteArray content(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(content.data()), bytes) != 1)
        return fileError(ErrorCode::Internal, path, tr("the system's random number generator failed"));
    QSaveFile file(path);
    // Permissions before content, so the bytes never sit in a file others could open.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        wipe(content);
        return fileError(ErrorCode::Io, path, tr("cannot write the secret file: %1").arg(file.errorString()));
    }
    SystemError::clear();
    if (file.write(content) != content.size() || !file.flush() || !file.commit()) {
        wipe(content);
        return fileError(ErrorCode::Io, path,
                         tr("cannot write the secret file: %1").arg(SystemError::reason(file)));
    }
    return content;
}

#endif

} // namespace fabrica
