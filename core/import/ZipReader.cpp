#include "ZipReader.h"

#include "TextDecoding.h"
#include "common/Logging.h"

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <unzip.h>
#include <zlib.h>

#include <QBuffer>
#include <QHash>
#include <QScopeGuard>
#include <QSet>

#include <optional>

namespace fabrica {

namespace {

// A little-endian 16-bit field of the archive's bytes; at + 1 must be inside them. Read byte by byte: GCC
// cannot see the bounds through QByteArray's storage and warns about a wider load.
quint16 littleEndian16(const QByteArray &bytes, qsizetype at)
{
    return quint16(quint8(bytes.at(at)) | quint16(quint8(bytes.at(at + 1))) << 8);
}

constexpr qint64 kBlockBytes = 64 * 1024; // one read and one inflate step

// Unix file types in the upper 16 bits of an entry's external attributes.
constexpr quint32 kTypeMask = 0170000;
constexpr quint32 kTypeRegular = 0100000;
constexpr quint32 kTypeDirectory = 0040000;
constexpr quint32 kTypeSymlink = 0120000;

constexpr quint16 kFlagEncrypted = 0x0001;
constexpr quint16 kFlagStrongEncryption = 0x0040;
constexpr quint16 kMethodStored = 0;
constexpr quint16 kMethodDeflated = 8;
constexpr quint16 kMethodAes = 99; // WinZip AES; the real method hides in an extra field

QString sizeText(qint64 bytes)
{
    if (bytes > 0 && bytes % (qint64(1) << 20) == 0)
        return ZipReader::tr("%1 MiB").arg(bytes >> 20);
    if (bytes > 0 && bytes % 1024 == 0)
        return ZipReader::tr("%1 KiB").arg(bytes >> 10);
    return ZipReader::tr("%1 bytes").arg(bytes);
}

QString hexByte(uint value)
{
    return QLatin1String("\\x") + QString::number(value, 16).rightJustified(2, QLatin1Char('0')).toUpper();
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// The name as the report shows it: UTF-8 decoded, control characters and bytes that are not UTF-8 as \xNN,
// so a hostile name can neither break the report's lines nor hide what it is.
QString printableName(const QByteArray &raw)
{
    QString shown;
    if (TextDecoding::isUtf8(raw)) {
        for (const QChar c : QString::fromUtf8(raw))
            shown += isControl(c.unicode()) ? hexByte(c.unicode()) : QString(c);
        return shown;
    }
    for (const char byte : raw) {
        const auto b = static_cast<unsigned char>(byte);
        shown += b >= 0x20 && b < 0x7F ? QString(QLatin1Char(byte)) : hexByte(b);
    }
    return shown;
}

// The entry's name exactly as stored. QuaZip decodes names without the UTF-8 flag with a code page, which
// would turn bytes that are not UTF-8 into plausible text; the raw bytes let us refuse them instead.
std::optional<QByteArray> rawCurrentName(QuaZip &zip)
{
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip.getUnzFile(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
        return std::nullopt;
    QByteArray name(qsizetype(info.size_filename), Qt::Uninitialized);
    if (!name.isEmpty() && unzGetCurrentFileInfo64(zip.getUnzFile(), nullptr, name.data(), uLong(name.size()),
                                                   nullptr, 0, nullptr, 0) != UNZ_OK)
        return std::nullopt;
    return name;
}

struct CheckedName
{
    QString path; // normalised; empty for the archive's root folder
    bool folder = false;
    QString problem; // empty when the name is acceptable
};

// Names are checked as the bytes say, whatever the UTF-8 flag claims: without the flag the ZIP format means
// code page 437, but tools on Linux and macOS write UTF-8 there, and accented names in 437 are almost never
// valid UTF-8 by chance.
CheckedName checkName(const QByteArray &raw)
{
    CheckedName checked;
    if (!TextDecoding::isUtf8(raw)) {
        checked.problem = ZipReader::tr("the name is not valid UTF-8");
        return checked;
    }
    const QString name = QString::fromUtf8(raw);
    for (const QChar c : name) {
        if (isControl(c.unicode())) {
            checked.problem =
                ZipReader::tr("the name contains a control character (%1)").arg(hexByte(c.unicode()));
            return checked;
        }
    }
    if (name.contains(QLatin1Char('\\'))) {
        checked.problem =
            ZipReader::tr("the name contains a backslash; folders in a ZIP are separated by '/'");
        return checked;
    }
    if (name.startsWith(QLatin1Char('/'))) {
        checked.problem = ZipReader::tr("an absolute path; entries must be relative to the archive");
        return checked;
    }
    if (name.size() >= 2 && name[1] == QLatin1Char(':') && name[0].isLetter() && name[0].unicode() < 0x80) {
        checked.problem =
            ZipReader::tr("a path with a drive letter; entries must be relative to the archive");
        return checked;
    }
    QStringList segments;
    for (const QString &segment : name.split(QLatin1Char('/'))) {
        if (segment == QLatin1String("..")) {
            checked.problem = ZipReader::tr("a path that leaves the archive ('..')");
            return checked;
        }
        if (!segment.isEmpty() && segment != QLatin1String("."))
            segments << segment;
    }
    checked.folder = name.endsWith(QLatin1Char('/'));
    // NFC, so that a name written decomposed (as macOS does) meets its composed twin in the duplicate check.
    checked.path = segments.join(QLatin1Char('/')).normalized(QString::NormalizationForm_C);
    if (checked.path.isEmpty() && !checked.folder)
        checked.problem = ZipReader::tr("an entry without a name");
    return checked;
}

bool hasArchiveSuffix(const QString &path)
{
    static const char *const suffixes[] = {".zip", ".jar", ".war", ".ear", ".apk",  ".gz", ".tgz", ".tar",
                                           ".7z",  ".rar", ".bz2", ".tbz", ".tbz2", ".xz", ".txz", ".zst"};
    for (const char *suffix : suffixes) {
        if (path.endsWith(QLatin1String(suffix), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// The kind of archive or compressed stream the bytes start with, or an empty string.
QString archiveKind(const QByteArray &data)
{
    if (data.startsWith("PK\x03\x04") || data.startsWith("PK\x05\x06") || data.startsWith("PK\x07\x08"))
        return QStringLiteral("ZIP");
    if (data.startsWith("\x1F\x8B"))
        return QStringLiteral("gzip");
    if (data.startsWith(QByteArrayView("7z\xBC\xAF\x27\x1C", 6)))
        return QStringLiteral("7-Zip");
    if (data.startsWith("Rar!\x1A\x07"))
        return QStringLiteral("RAR");
    if (data.size() >= 10 && data.startsWith("BZh") && data[3] >= '1' && data[3] <= '9' &&
        data.mid(4, 6) == QByteArrayView("\x31\x41\x59\x26\x53\x59", 6))
        return QStringLiteral("bzip2");
    if (data.startsWith(QByteArrayView("\xFD\x37\x7A\x58\x5A\x00", 6)))
        return QStringLiteral("xz");
    if (data.startsWith("\x28\xB5\x2F\xFD"))
        return QStringLiteral("Zstandard");
    if (data.size() >= 262 && data.mid(257, 5) == "ustar")
        return QStringLiteral("tar");
    return {};
}

bool hasZipSignature(const QByteArray &upload)
{
    // An archive must begin with a local header (or be the end record of an empty one); data in front of
    // it would make a file that is one thing to us and another to the next program.
    return upload.startsWith("PK\x03\x04") || upload.startsWith("PK\x05\x06");
}

// Where the end of central directory record starts, if the file ends exactly with one (and its comment). An
// upload cut short, or with bytes appended, has none; minizip would read some of those all the same.
std::optional<qsizetype> endRecordOffset(const QByteArray &upload)
{
    constexpr qsizetype kEndRecordBytes = 22;
    const qsizetype last = upload.size() - kEndRecordBytes;
    for (qsizetype at = last; at >= 0 && at >= last - 0xFFFF; --at) {
        if (upload.at(at) == 'P' && QByteArrayView(upload).sliced(at, 4) == "PK\x05\x06" &&
            at + kEndRecordBytes + littleEndian16(upload, at + 20) == upload.size())
            return at;
    }
    return std::nullopt;
}

struct Inflated
{
    enum class Outcome { Complete, EntryTooLarge, TotalTooLarge, RatioTooHigh, Damaged };
    Outcome outcome = Outcome::Damaged;
    QByteArray data;
    qint64 bytes = 0; // inflated so far
    quint32 crc = 0;
};

// Reads the current entry raw and inflates it here, counting every byte as it comes: minizip would stop at
// the declared size, which an archive may lie about, and it cannot be told to stop at a cap.
Inflated readCurrentEntry(QuaZip &zip, bool deflated, const ImportLimits &limits, qint64 totalBefore,
                          QByteArray &input, QByteArray &output)
{
    Inflated result;
    QuaZipFile file(&zip);
    int method = 0;
    if (!file.open(QIODevice::ReadOnly, &method, nullptr, true))
        return result;
    z_stream z{};
    if (deflated && inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return result;
    const auto cleanup = qScopeGuard([&] {
        if (deflated)
            inflateEnd(&z);
        file.close();
    });

    // False when a cap is reached; nothing past the cap is kept.
    const auto take = [&](const char *bytes, qint64 count, qint64 compressed) {
        result.bytes += count;
        if (result.bytes > limits.entryBytes) {
            result.outcome = Inflated::Outcome::EntryTooLarge;
            return false;
        }
        if (totalBefore + result.bytes > limits.totalBytes) {
            result.outcome = Inflated::Outcome::TotalTooLarge;
            return false;
        }
        if (result.bytes > limits.ratioThreshold &&
            result.bytes > qint64(limits.maxRatio) * qMax(compressed, 1)) {
            result.outcome = Inflated::Outcome::RatioTooHigh;
            return false;
        }
        result.crc = quint32(crc32(result.crc, reinterpret_cast<const Bytef *>(bytes), uInt(count)));
        result.data.append(bytes, count);
        return true;
    };

    qint64 compressedRead = 0;
    if (!deflated) {
        for (;;) {
            const qint64 got = file.read(input.data(), input.size());
            if (got < 0)
                return result;
            if (got == 0)
                break;
            compressedRead += got;
            if (!take(input.constData(), got, compressedRead))
                return result;
        }
        result.outcome = Inflated::Outcome::Complete;
        return result;
    }

    bool inputDone = false;
    for (;;) {
        if (z.avail_in == 0 && !inputDone) {
            const qint64 got = file.read(input.data(), input.size());
            if (got < 0)
                return result;
            inputDone = got == 0;
            compressedRead += got;
            z.next_in = reinterpret_cast<Bytef *>(input.data());
            z.avail_in = uInt(got);
        }
        const uInt availableBefore = z.avail_in;
        z.next_out = reinterpret_cast<Bytef *>(output.data());
        z.avail_out = uInt(output.size());
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            return result;
        const qint64 produced = output.size() - z.avail_out;
        // The ratio counts the compressed bytes inflate has consumed, not those read ahead.
        if (produced > 0 && !take(output.constData(), produced, compressedRead - z.avail_in))
            return result;
        if (rc == Z_STREAM_END) {
            result.outcome = Inflated::Outcome::Complete;
            return result;
        }
        if (produced == 0 && z.avail_in == availableBefore && (inputDone || z.avail_in > 0))
            return result; // the deflate stream breaks off before its end
    }
}

} // namespace

ZipReader::ZipReader(const ImportLimits &limits)
    : m_limits(limits)
{}

QList<ZipEntry> ZipReader::read(const QByteArray &upload, const QString &displayName,
                                ImportReport &report) const
{
    const SourceLocation archive{displayName, 0, 0, QString()};
    if (upload.size() > m_limits.uploadBytes) {
        report.error(archive, tr("the upload is %1 bytes, more than the %2 allowed")
                                  .arg(upload.size())
                                  .arg(sizeText(m_limits.uploadBytes)));
        return {};
    }
    if (!hasZipSignature(upload)) {
        report.error(archive, tr("not a ZIP archive: the file does not start with a ZIP signature"));
        return {};
    }

    const std::optional<qsizetype> endRecord = endRecordOffset(upload);
    if (!endRecord) {
        report.error(archive,
                     tr("the ZIP archive is damaged or truncated: its table of contents cannot be read"));
        return {};
    }
    if (littleEndian16(upload, *endRecord + 10) == 0 && littleEndian16(upload, *endRecord + 12) == 0 &&
        littleEndian16(upload, *endRecord + 14) == 0) {
        report.info(archive, tr("files read: %1").arg(0)); // minizip cannot open an empty archive
        return {};
    }

    QBuffer device;
    device.setData(upload); // shares the bytes, no copy
    device.open(QIODevice::ReadOnly);
    QuaZip zip(&device);
    if (!zip.open(QuaZip::mdUnzip)) {
        report.error(archive,
                     tr("the ZIP archive is damaged or truncated: its table of contents cannot be read"));
        return {};
    }

    QByteArray input(kBlockBytes, Qt::Uninitialized);
    QByteArray output(kBlockBytes, Qt::Uninitialized);
    QList<ZipEntry> files;
    QSet<QString> names;
    QHash<QString, QString> foldedNames; // case-folded path → the path that came first
    qint64 total = 0;
    int entries = 0;
    const auto summary = [&] {
        report.info(archive, tr("files read: %1").arg(files.size()));
        return files;
    };

    for (bool more = zip.getEntriesCount() > 0 && zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        if (entries == m_limits.entries) {
            report.refused(archive,
                           tr("the archive has more than %1 entries; the entries after the first %1 are "
                              "not read")
                               .arg(m_limits.entries));
            return summary();
        }
        ++entries;
        const std::optional<QByteArray> raw = rawCurrentName(zip);
        QuaZipFileInfo64 info;
        if (!raw || !zip.getCurrentFileInfo(&info)) {
            report.error(archive,
                         tr("the ZIP archive is damaged: entry %1 of its table of contents cannot be read")
                             .arg(entries));
            return {};
        }
        const SourceLocation where{displayName, 0, 0, printableName(*raw)};
        const CheckedName name = checkName(*raw);
        if (!name.problem.isEmpty()) {
            report.refused(where, name.problem);
            continue;
        }
        const quint32 type = (info.externalAttr >> 16) & kTypeMask;
        if (type == kTypeSymlink) {
            report.refused(where, tr("a symbolic link; links are not followed"));
            continue;
        }
        if (type != 0 && type != kTypeRegular && type != kTypeDirectory) {
            report.refused(where, tr("a device, pipe or socket, not a regular file"));
            continue;
        }
        if (name.folder || type == kTypeDirectory)
            continue; // folders exist through their files' paths

        if (names.contains(name.path)) {
            report.refused(where, tr("another entry already has this name"));
            continue;
        }
        names.insert(name.path);
        // Upper case first, so that full case mappings meet too: "STRASSE" and "straße".
        const QString folded = name.path.toUpper().toCaseFolded();
        if (const auto first = foldedNames.constFind(folded); first != foldedNames.cend()) {
            report.refused(where, tr("the name differs only in case from the earlier entry %1").arg(*first));
            continue;
        }
        foldedNames.insert(folded, name.path);

        if ((info.flags & (kFlagEncrypted | kFlagStrongEncryption)) != 0 || info.method == kMethodAes) {
            report.refused(where, tr("encrypted; encrypted entries are not read"));
            continue;
        }
        if (info.method != kMethodStored && info.method != kMethodDeflated) {
            report.refused(
                where,
                tr("compressed with method %1; only stored and deflated entries are read").arg(info.method));
            continue;
        }
        if (hasArchiveSuffix(name.path)) {
            report.refused(where,
                           tr("an archive inside the archive (by its name); nested archives are not opened"));
            continue;
        }

        Inflated inflated =
            readCurrentEntry(zip, info.method == kMethodDeflated, m_limits, total, input, output);
        total += inflated.bytes;
        switch (inflated.outcome) {
        case Inflated::Outcome::Complete:
            break;
        case Inflated::Outcome::EntryTooLarge:
            report.refused(where,
                           tr("larger than %1 when inflated (the limit per file); reading stopped there")
                               .arg(sizeText(m_limits.entryBytes)));
            continue;
        case Inflated::Outcome::RatioTooHigh:
            report.refused(where,
                           tr("inflates to more than %1 times its compressed size, like a ZIP bomb; reading "
                              "stopped after %2")
                               .arg(m_limits.maxRatio)
                               .arg(sizeText(inflated.bytes)));
            continue;
        case Inflated::Outcome::TotalTooLarge:
            report.refused(where,
                           tr("the files of the archive inflate to more than %1 together (the limit per "
                              "archive); this entry and the ones after it are not read")
                               .arg(sizeText(m_limits.totalBytes)));
            return summary();
        case Inflated::Outcome::Damaged:
            report.refused(where, tr("the data is damaged or truncated"));
            continue;
        }
        if (quint64(inflated.bytes) != info.uncompressedSize) {
            report.refused(where,
                           tr("inflates to %1 bytes but the archive declares %2; the archive is damaged or "
                              "forged")
                               .arg(inflated.bytes)
                               .arg(info.uncompressedSize));
            continue;
        }
        if (inflated.crc != info.crc) {
            report.refused(where, tr("the data does not match its CRC-32 checksum; the archive is damaged"));
            continue;
        }
        if (const QString kind = archiveKind(inflated.data); !kind.isEmpty()) {
            report.refused(where,
                           tr("an archive inside the archive (its content is %1 data); nested archives are "
                              "not opened")
                               .arg(kind));
            continue;
        }
        qCDebug(lcImport) << "zip entry" << name.path << inflated.bytes << "bytes";
        files.append(ZipEntry{name.path, std::move(inflated.data)});
    }
    if (zip.getZipError() != UNZ_OK) {
        report.error(
            archive,
            tr("the ZIP archive is damaged: its table of contents breaks off at entry %1").arg(entries + 1));
        return {};
    }
    return summary();
}

} // namespace fabrica
