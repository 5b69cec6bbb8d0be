// The ZIP walker: good archives come out whole, hostile ones are refused line by line, and memory stays
// flat for bombs. Every archive is built here, with QuaZip writing to memory and bytes patched for what
// QuaZip cannot write (lying sizes, raw names, odd flags).
#include "import/ImportReport.h"
#include "import/TextDecoding.h"
#include "import/ZipReader.h"

#include "ZipFixture.h"

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <functional>

using namespace fabrica;

namespace {

const QString kArchive = QStringLiteral("test.zip");

using test::zipOf;
using test::ZipWriter;

using test::le16;
using test::le32;
using test::patchEntry;
using test::put16;
using test::put32;

// Replaces the bytes of a name everywhere (local header and central directory); same length only.
void renameRaw(QByteArray &zip, const QByteArray &from, const QByteArray &to)
{
    QCOMPARE(from.size(), to.size());
    QVERIFY(zip.count(from) >= 2);
    zip.replace(from, to);
}

QStringList lines(const ImportReport &report)
{
    QStringList out = report.toText().split(QLatin1Char('\n'));
    out.removeAll(QString());
    return out;
}

QStringList paths(const QList<ZipEntry> &entries)
{
    QStringList out;
    for (const ZipEntry &entry : entries)
        out << entry.path;
    return out;
}

QString refused(const QString &entry, const QString &message)
{
    return kArchive + QLatin1String(": ") + entry + QLatin1String(": refused: ") + message;
}
QString info(const QString &message)
{
    return kArchive + QLatin1String(": info: ") + message;
}
QString error(const QString &message)
{
    return kArchive + QLatin1String(": error: ") + message;
}

// Kibibytes from /proc/self/status for field "VmRSS:" or "VmHWM:" (the peak).
qint64 statusKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Printable text that deflates about 2:1, so neither the ratio nor the upload cap stops it first.
QByteArray lowEntropyText(qint64 offset, qint64 count)
{
    QRandomGenerator random{quint32(offset)};
    QByteArray text(count, Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i)
        text[i] = char('a' + random.bounded(16));
    return text;
}

} // namespace

class TestImportArchive : public QObject
{
    Q_OBJECT

private:
    QList<ZipEntry> walk(const QByteArray &zip, ImportReport &report, const ImportLimits &limits = {})
    {
        return ZipReader(limits).read(zip, kArchive, report);
    }

private slots:
    void readsNestedFolders()
    {
        ZipWriter writer;
        writer.add(QStringLiteral("shop/"), {});
        writer.add(QStringLiteral("shop/schema.sql"), "CREATE TABLE t (id int);\n");
        writer.add(QStringLiteral("shop/data/"), {});
        writer.add(QStringLiteral("shop/data/orders.csv"), "id,amount\n1,9.50\n", 0);
        writer.add(QStringLiteral("shop/data/caf\u00e9.csv"), "x\n1\n");
        writer.add(QStringLiteral("./shop//notes.txt"), {});
        writer.addStreamed(QStringLiteral("README.md"), 200000, lowEntropyText);
        ImportReport report;
        const QList<ZipEntry> entries = walk(writer.finish(), report);
        QCOMPARE(lines(report), QStringList{info(QStringLiteral("files read: 5"))});
        QCOMPARE(paths(entries),
                 (QStringList{QStringLiteral("shop/schema.sql"), QStringLiteral("shop/data/orders.csv"),
                              QStringLiteral("shop/data/caf\u00e9.csv"), QStringLiteral("shop/notes.txt"),
                              QStringLiteral("README.md")}));
        QCOMPARE(entries[0].data, QByteArray("CREATE TABLE t (id int);\n"));
        QCOMPARE(entries[1].data, QByteArray("id,amount\n1,9.50\n"));
        QCOMPARE(entries[3].data, QByteArray());
        QCOMPARE(entries[4].data, lowEntropyText(0, 200000));
    }

    void readsAnEmptyArchive()
    {
        ImportReport report;
        QVERIFY(walk(ZipWriter().finish(), report).isEmpty());
        QCOMPARE(lines(report), QStringList{info(QStringLiteral("files read: 0"))});
    }

    void refusesZipSlipNames()
    {
        QByteArray zip = zipOf({{QStringLiteral("../x"), "1"},
                                {QStringLiteral("/etc/passwd"), "2"},
                                {QStringLiteral("a|b"), "3"},
                                {QStringLiteral("C:/x"), "4"},
                                {QStringLiteral("shop/../../y"), "5"},
                                {QStringLiteral("shop/ok.csv"), "6"}});
        renameRaw(zip, "a|b", "a\\b"); // patched in, so the stored name holds a real backslash
        ImportReport report;
        const QList<ZipEntry> entries = walk(zip, report);
        QCOMPARE(paths(entries), QStringList{QStringLiteral("shop/ok.csv")});
        QCOMPARE(lines(report),
                 (QStringList{
                     refused(QStringLiteral("../x"), QStringLiteral("a path that leaves the archive ('..')")),
                     refused(QStringLiteral("/etc/passwd"),
                             QStringLiteral("an absolute path; entries must be relative to the archive")),
                     refused(QStringLiteral("a\\b"),
                             QStringLiteral(
                                 "the name contains a backslash; folders in a ZIP are separated by '/'")),
                     refused(QStringLiteral("C:/x"),
                             QStringLiteral(
                                 "a path with a drive letter; entries must be relative to the archive")),
                     refused(QStringLiteral("shop/../../y"),
                             QStringLiteral("a path that leaves the archive ('..')")),
                     info(QStringLiteral("files read: 1"))}));
    }

    void refusesControlCharactersInNames()
    {
        QByteArray zip = zipOf({{QStringLiteral("aNb.csv"), "1"}, {QStringLiteral("c\u0001d.csv"), "2"}});
        renameRaw(zip, "aNb.csv", QByteArray("a\0b.csv", 7));
        ImportReport report;
        QVERIFY(walk(zip, report).isEmpty());
        QCOMPARE(lines(report),
                 (QStringList{refused(QStringLiteral("a\\x00b.csv"),
                                      QStringLiteral("the name contains a control character (\\x00)")),
                              refused(QStringLiteral("c\\x01d.csv"),
                                      QStringLiteral("the name contains a control character (\\x01)")),
                              info(QStringLiteral("files read: 0"))}));
    }

    void refusesSymbolicLinksAndSpecialFiles()
    {
        ZipWriter writer;
        writer.add(QStringLiteral("link.sql"), "/etc/passwd", 0, 0120777u << 16);
        writer.add(QStringLiteral("fifo.csv"), {}, 0, 0010644u << 16);
        writer.add(QStringLiteral("plain.csv"), "a\n", Z_DEFLATED, 0100644u << 16);
        ImportReport report;
        QCOMPARE(paths(walk(writer.finish(), report)), QStringList{QStringLiteral("plain.csv")});
        QCOMPARE(lines(report),
                 (QStringList{refused(QStringLiteral("link.sql"),
                                      QStringLiteral("a symbolic link; links are not followed")),
                              refused(QStringLiteral("fifo.csv"),
                                      QStringLiteral("a device, pipe or socket, not a regular file")),
                              info(QStringLiteral("files read: 1"))}));
    }

    void refusesAnEntryThatLiesAboutItsSize()
    {
        // Declares 1,000 bytes, inflates to more than the 32 MiB cap: counted as it comes, refused at the
        // cap.
        ZipWriter writer;
        writer.addStreamed(QStringLiteral("big.csv"), (qint64(33) << 20), lowEntropyText, Z_DEFLATED, 0,
                           nullptr, 1);
        writer.add(QStringLiteral("small.csv"), "abcdefghij");
        writer.add(QStringLiteral("after.csv"), "ok");
        QByteArray zip = writer.finish();
        QVERIFY(zip.size() < (qint64(64) << 20));
        const auto declare = [](quint32 size) {
            return [size](QByteArray &bytes, qsizetype central, qsizetype local) {
                put32(bytes, central + 24, size);
                if ((le16(bytes, local + 6) & 8) == 0)
                    put32(bytes, local + 22, size);
            };
        };
        patchEntry(zip, "big.csv", declare(1000));
        patchEntry(zip, "small.csv", declare(4));
        ImportReport report;
        QCOMPARE(paths(walk(zip, report)), QStringList{QStringLiteral("after.csv")});
        QCOMPARE(lines(report),
                 (QStringList{
                     refused(QStringLiteral("big.csv"),
                             QStringLiteral("larger than 32 MiB when inflated (the limit per file); reading "
                                            "stopped there")),
                     refused(QStringLiteral("small.csv"),
                             QStringLiteral("inflates to 10 bytes but the archive declares 4; the archive is "
                                            "damaged or forged")),
                     info(QStringLiteral("files read: 1"))}));
    }

    void refusesAGigabyteOfZerosWithFlatMemory()
    {
        const QByteArray zeros(1 << 20, '\0');
        ZipWriter writer;
        writer.add(QStringLiteral("first.csv"), "a\n");
        writer.addStreamed(QStringLiteral("bomb.csv"), qint64(1) << 30, [&](qint64, qint64 count) {
            return count == zeros.size() ? zeros : zeros.left(count);
        });
        writer.add(QStringLiteral("last.csv"), "b\n");
        const QByteArray zip = writer.finish();
        QVERIFY2(zip.size() < (qint64(2) << 20), qPrintable(QString::number(zip.size())));

        // VmHWM is the peak since the last reset; writing 5 to clear_refs resets it (Linux 4.0+).
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        const bool peakReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
        clear.close();
        const qint64 before = statusKib(peakReset ? "VmRSS:" : "VmHWM:");
        ImportReport report;
        const QList<ZipEntry> entries = walk(zip, report);
        const qint64 peak = statusKib("VmHWM:");
        QVERIFY(before > 0 && peak > 0);
        QVERIFY2(peak - before < 64 * 1024, qPrintable(QStringLiteral("grew by %1 KiB").arg(peak - before)));

        QCOMPARE(paths(entries), (QStringList{QStringLiteral("first.csv"), QStringLiteral("last.csv")}));
        QCOMPARE(lines(report),
                 (QStringList{
                     refused(QStringLiteral("bomb.csv"),
                             QStringLiteral("inflates to more than 100 times its compressed size, like a ZIP "
                                            "bomb; reading stopped after 128 KiB")),
                     info(QStringLiteral("files read: 2"))}));
    }

    void refusesBeyondTheEntryLimit()
    {
        ZipWriter writer;
        for (int i = 0; i < 10000; ++i)
            writer.add(QStringLiteral("f%1.csv").arg(i, 5, 10, QLatin1Char('0')), "x\n", 0);
        ImportReport report;
        const QList<ZipEntry> entries = walk(writer.finish(), report);
        QCOMPARE(entries.size(), 1000);
        QCOMPARE(entries.first().path, QStringLiteral("f00000.csv"));
        QCOMPARE(entries.last().path, QStringLiteral("f00999.csv"));
        QCOMPARE(
            lines(report),
            (QStringList{kArchive + QStringLiteral(": refused: the archive has more than 1000 entries; the "
                                                   "entries after the first 1000 are not read"),
                         info(QStringLiteral("files read: 1000"))}));
    }

    void refusesEncryptedEntries()
    {
        ZipWriter writer;
        writer.add(QStringLiteral("secret.sql"), "CREATE TABLE s (x int);", Z_DEFLATED, 0, "password");
        writer.add(QStringLiteral("open.sql"), "CREATE TABLE o (x int);");
        writer.add(QStringLiteral("flagged.sql"), "CREATE TABLE f (x int);");
        QByteArray zip = writer.finish();
        // An entry whose data is plain but whose flags claim encryption is refused all the same.
        patchEntry(zip, "flagged.sql", [](QByteArray &bytes, qsizetype central, qsizetype local) {
            put16(bytes, central + 8, le16(bytes, central + 8) | 1);
            put16(bytes, local + 6, le16(bytes, local + 6) | 1);
        });
        ImportReport report;
        QCOMPARE(paths(walk(zip, report)), QStringList{QStringLiteral("open.sql")});
        QCOMPARE(lines(report),
                 (QStringList{refused(QStringLiteral("secret.sql"),
                                      QStringLiteral("encrypted; encrypted entries are not read")),
                              refused(QStringLiteral("flagged.sql"),
                                      QStringLiteral("encrypted; encrypted entries are not read")),
                              info(QStringLiteral("files read: 1"))}));
    }

    void refusesTruncatedArchives()
    {
        const QByteArray zip =
            zipOf({{QStringLiteral("a.csv"), QByteArray(5000, 'a')}, {QStringLiteral("b.csv"), "b"}});
        for (const qsizetype length : {qsizetype(4), zip.size() / 2, zip.size() - 30, zip.size() - 1}) {
            ImportReport report;
            QVERIFY2(walk(zip.left(length), report).isEmpty(),
                     qPrintable(QString::number(length) + report.toText()));
            QCOMPARE(lines(report),
                     QStringList{error(QStringLiteral("the ZIP archive is damaged or truncated: its "
                                                      "table of contents cannot be read"))});
        }
    }

    void refusesATableOfContentsThatBreaksOff()
    {
        QByteArray zip = zipOf({{QStringLiteral("a.csv"), "a"}, {QStringLiteral("b.csv"), "b"}});
        patchEntry(zip, "b.csv",
                   [](QByteArray &bytes, qsizetype central, qsizetype) { bytes[central] = 'X'; });
        ImportReport report;
        QVERIFY(walk(zip, report).isEmpty());
        QCOMPARE(lines(report), QStringList{error(QStringLiteral("the ZIP archive is damaged: its table of "
                                                                 "contents breaks off at entry 2"))});

        ImportReport appended;
        QVERIFY(walk(zipOf({{QStringLiteral("a.csv"), "a"}}) + "trailing bytes", appended).isEmpty());
        QCOMPARE(lines(appended),
                 QStringList{error(QStringLiteral("the ZIP archive is damaged or truncated: its "
                                                  "table of contents cannot be read"))});
    }

    void refusesAFileThatIsNotAZip()
    {
        const QByteArray png(
            "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
        const QByteArray withPrefix = "MZ" + zipOf({{QStringLiteral("a.csv"), "a"}});
        for (const QByteArray &bytes :
             {png, QByteArray("CREATE TABLE t (id int);\n"), QByteArray(), withPrefix}) {
            ImportReport report;
            QVERIFY(walk(bytes, report).isEmpty());
            QCOMPARE(lines(report), QStringList{error(QStringLiteral(
                                        "not a ZIP archive: the file does not start with a ZIP signature"))});
        }
    }

    void refusesDuplicateAndCaseCollidingNames()
    {
        const QByteArray zip = zipOf({{QStringLiteral("shop/Orders.csv"), "1"},
                                      {QStringLiteral("shop/Orders.csv"), "2"},
                                      {QStringLiteral("shop/orders.CSV"), "3"},
                                      {QStringLiteral("SHOP/orders.csv"), "4"},
                                      {QStringLiteral("caf\u00e9.sql"), "5"},
                                      {QStringLiteral("cafe\u0301.sql"), "6"},
                                      {QStringLiteral("STRASSE.csv"), "7"},
                                      {QStringLiteral("stra\u00dfe.csv"), "8"}});
        ImportReport report;
        const QList<ZipEntry> entries = walk(zip, report);
        QCOMPARE(paths(entries),
                 (QStringList{QStringLiteral("shop/Orders.csv"), QStringLiteral("caf\u00e9.sql"),
                              QStringLiteral("STRASSE.csv")}));
        QCOMPARE(entries.first().data, QByteArray("1"));
        QCOMPARE(
            lines(report),
            (QStringList{
                refused(QStringLiteral("shop/Orders.csv"),
                        QStringLiteral("another entry already has this name")),
                refused(
                    QStringLiteral("shop/orders.CSV"),
                    QStringLiteral("the name differs only in case from the earlier entry shop/Orders.csv")),
                refused(
                    QStringLiteral("SHOP/orders.csv"),
                    QStringLiteral("the name differs only in case from the earlier entry shop/Orders.csv")),
                refused(QStringLiteral("cafe\u0301.sql"),
                        QStringLiteral("another entry already has this name")),
                refused(QStringLiteral("stra\u00dfe.csv"),
                        QStringLiteral("the name differs only in case from the earlier entry STRASSE.csv")),
                info(QStringLiteral("files read: 3"))}));
    }

    void refusesNestedArchives()
    {
        const QByteArray inner = zipOf({{QStringLiteral("x.csv"), "x"}});
        const QByteArray gzip(
            "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00", 20);
        QByteArray tar(1024, '\0');
        tar.replace(0, 5, "a.csv");
        tar.replace(257, 6, QByteArray("ustar\0", 6));
        const QByteArray zip = zipOf({{QStringLiteral("inner.zip"), inner},
                                      {QStringLiteral("lib/app.JAR"), "not even a jar"},
                                      {QStringLiteral("dump.sql.gz"), gzip},
                                      {QStringLiteral("backup.7z"), "7z"},
                                      {QStringLiteral("renamed.csv"), inner},
                                      {QStringLiteral("notes.txt"), gzip},
                                      {QStringLiteral("data.tsv"), tar},
                                      {QStringLiteral("ok.csv"), "PK is fine in text"}});
        ImportReport report;
        QCOMPARE(paths(walk(zip, report)), QStringList{QStringLiteral("ok.csv")});
        const QString byName =
            QStringLiteral("an archive inside the archive (by its name); nested archives are not opened");
        const auto byContent = [](const char *kind) {
            return QStringLiteral(
                       "an archive inside the archive (its content is %1 data); nested archives are not "
                       "opened")
                .arg(QLatin1String(kind));
        };
        QCOMPARE(lines(report), (QStringList{refused(QStringLiteral("inner.zip"), byName),
                                             refused(QStringLiteral("lib/app.JAR"), byName),
                                             refused(QStringLiteral("dump.sql.gz"), byName),
                                             refused(QStringLiteral("backup.7z"), byName),
                                             refused(QStringLiteral("renamed.csv"), byContent("ZIP")),
                                             refused(QStringLiteral("notes.txt"), byContent("gzip")),
                                             refused(QStringLiteral("data.tsv"), byContent("tar")),
                                             info(QStringLiteral("files read: 1"))}));
    }

    void refusesNamesThatAreNotUtf8()
    {
        ZipWriter writer;
        writer.add(QStringLiteral("cafX.csv"), "1");       // CP437/Latin-1 byte, no UTF-8 flag
        writer.add(QStringLiteral("badY.csv"), "2");       // invalid sequence although the flag says UTF-8
        writer.add(QStringLiteral("ZZ.csv"), "3");         // an overlong '/' (C0 AF), the classic path trick
        writer.add(QStringLiteral("na\u00efve.csv"), "4"); // UTF-8 without the flag, as Linux tools write it
        QByteArray zip = writer.finish();
        renameRaw(zip, "cafX.csv", "caf\xe9.csv");
        renameRaw(zip, "badY.csv", "bad\xff.csv");
        renameRaw(zip, "ZZ.csv", "\xc0\xaf.csv");
        patchEntry(zip, "bad\xff.csv", [](QByteArray &bytes, qsizetype central, qsizetype local) {
            put16(bytes, central + 8, le16(bytes, central + 8) | 0x800);
            put16(bytes, local + 6, le16(bytes, local + 6) | 0x800);
        });
        ImportReport report;
        const QList<ZipEntry> entries = walk(zip, report);
        QCOMPARE(paths(entries), QStringList{QStringLiteral("na\u00efve.csv")});
        const QString notUtf8 = QStringLiteral("the name is not valid UTF-8");
        QCOMPARE(lines(report), (QStringList{refused(QStringLiteral("caf\\xE9.csv"), notUtf8),
                                             refused(QStringLiteral("bad\\xFF.csv"), notUtf8),
                                             refused(QStringLiteral("\\xC0\\xAF.csv"), notUtf8),
                                             info(QStringLiteral("files read: 1"))}));
    }

    void refusesCrcMismatchesAndDamagedData()
    {
        QByteArray zip = zipOf({{QStringLiteral("ok.csv"), "fine"}});
        ZipWriter writer;
        writer.add(QStringLiteral("stored.csv"), "stored data", 0);
        writer.add(QStringLiteral("deflated.csv"), QByteArray(3000, 'd') + "tail");
        writer.add(QStringLiteral("ok.csv"), "fine");
        zip = writer.finish();
        // Flip a byte of the stored data (CRC no longer matches) and break the deflate stream.
        zip[zip.indexOf("stored data") + 3] = 'X';
        patchEntry(zip, "deflated.csv", [](QByteArray &bytes, qsizetype, qsizetype local) {
            const qsizetype data = local + 30 + le16(bytes, local + 26) + le16(bytes, local + 28);
            bytes[data] = char(0xff); // block type 3 does not exist
        });
        ImportReport report;
        QCOMPARE(paths(walk(zip, report)), QStringList{QStringLiteral("ok.csv")});
        QCOMPARE(
            lines(report),
            (QStringList{
                refused(
                    QStringLiteral("stored.csv"),
                    QStringLiteral("the data does not match its CRC-32 checksum; the archive is damaged")),
                refused(QStringLiteral("deflated.csv"), QStringLiteral("the data is damaged or truncated")),
                info(QStringLiteral("files read: 1"))}));
    }

    void refusesUnsupportedCompressionMethods()
    {
        QByteArray zip = zipOf({{QStringLiteral("lzma.csv"), "x"}, {QStringLiteral("ok.csv"), "y"}});
        patchEntry(zip, "lzma.csv", [](QByteArray &bytes, qsizetype central, qsizetype local) {
            put16(bytes, central + 10, 14);
            put16(bytes, local + 8, 14);
        });
        ImportReport report;
        QCOMPARE(paths(walk(zip, report)), QStringList{QStringLiteral("ok.csv")});
        QCOMPARE(
            lines(report),
            (QStringList{refused(QStringLiteral("lzma.csv"),
                                 QStringLiteral(
                                     "compressed with method 14; only stored and deflated entries are read")),
                         info(QStringLiteral("files read: 1"))}));
    }

    void refusesUploadsAboveTheLimitBeforeReading()
    {
        ImportLimits limits;
        limits.uploadBytes = 100;
        ImportReport report;
        QVERIFY(walk(QByteArray(101, 'x'), report, limits).isEmpty());
        QCOMPARE(
            lines(report),
            QStringList{error(QStringLiteral("the upload is 101 bytes, more than the 100 bytes allowed"))});
        ImportReport defaults;
        QVERIFY(walk(QByteArray((qint64(64) << 20) + 1, 'x'), defaults).isEmpty());
        QCOMPARE(
            lines(defaults),
            QStringList{error(QStringLiteral("the upload is 67108865 bytes, more than the 64 MiB allowed"))});
    }

    void stopsAtTheTotalLimit()
    {
        ImportLimits limits;
        limits.totalBytes = 250 * 1024;
        ZipWriter writer;
        for (const char *name : {"a.csv", "b.csv", "c.csv", "d.csv"})
            writer.addStreamed(QLatin1String(name), 100 * 1024, lowEntropyText);
        ImportReport report;
        QCOMPARE(paths(walk(writer.finish(), report, limits)),
                 (QStringList{QStringLiteral("a.csv"), QStringLiteral("b.csv")}));
        QCOMPARE(lines(report),
                 (QStringList{refused(QStringLiteral("c.csv"),
                                      QStringLiteral(
                                          "the files of the archive inflate to more than 250 KiB together "
                                          "(the limit per archive); this entry and the ones after it are not "
                                          "read")),
                              info(QStringLiteral("files read: 2"))}));
    }

    void decodesUtf8AndFallsBackToLatin1()
    {
        QCOMPARE(TextDecoding::utf8("\xEF\xBB\xBFid,na\xC3\xAFve\n"),
                 std::optional<QString>(QStringLiteral("id,na\u00efve\n")));
        QCOMPARE(TextDecoding::utf8(QByteArray()), std::optional<QString>(QString()));
        QCOMPARE(TextDecoding::utf8("\xF0\x9F\x8E\xB2"),
                 std::optional<QString>(QStringLiteral("\U0001F3B2")));
        for (const QByteArray &bad :
             {QByteArray("caf\xE9"), QByteArray("\xC0\xAF"), QByteArray("\xED\xA0\x80"),
              QByteArray("\xF4\x90\x80\x80"), QByteArray("\xE2\x82"), QByteArray("\x80"),
              QByteArray("\xF8\x88\x80\x80\x80")})
            QVERIFY2(!TextDecoding::utf8(bad), bad.toHex().constData());
        QVERIFY(TextDecoding::isUtf8("\xEF\xBF\xBF\xF4\x8F\xBF\xBF\xE0\xA0\x80"));
        QCOMPARE(TextDecoding::latin1("caf\xE9 \x80"
                                      "5 \x93q\x94 \x81"),
                 QStringLiteral("caf\u00e9 \u20ac5 \u201cq\u201d \u0081"));
    }
};

QTEST_GUILESS_MAIN(TestImportArchive)
#include "tst_import_archive.moc"
