// libFuzzer target for the ZIP walker with its default limits: no input may crash it, leak, or get an entry
// past its checks (an unsafe path, more entries or bytes than the limits allow).
#include "import/ImportLimits.h"
#include "import/ImportReport.h"
#include "import/ZipReader.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace fabrica;

namespace {

bool isSafePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
        (path.size() >= 2 && path[1] == QLatin1Char(':') && path[0].unicode() < 0x80 && path[0].isLetter()))
        return false;
    for (const QString &segment : path.split(QLatin1Char('/'))) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return false;
    }
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7F && c.unicode() <= 0x9F))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // QuaZip warns about every broken archive; the fuzzer's output should show findings only.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray upload = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImportLimits limits;
    ImportReport report;
    const QList<ZipEntry> entries = ZipReader(limits).read(upload, QStringLiteral("fuzz.zip"), report);

    // A broken invariant aborts, which libFuzzer reports as a crash with the input that caused it.
    if (entries.size() > limits.entries)
        std::abort();
    qint64 total = 0;
    QSet<QString> folded;
    for (const ZipEntry &entry : entries) {
        if (!isSafePath(entry.path) || entry.data.size() > limits.entryBytes)
            std::abort();
        total += entry.data.size();
        if (folded.contains(entry.path.toUpper().toCaseFolded()))
            std::abort();
        folded.insert(entry.path.toUpper().toCaseFolded());
    }
    if (total > limits.totalBytes)
        std::abort();
    if (report.toText().isEmpty())
        std::abort(); // every outcome says something: a summary or the reason for refusing
    return 0;
}
