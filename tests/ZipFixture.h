#pragma once

// Archives built in memory for the import tests, with QuaZip; large entries are streamed so that a test
// of a bomb stays small itself.

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QtEndian>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>
#include <zlib.h>

#include <functional>

namespace fabrica::test {

// Writes an archive into memory, one entry at a time.
class ZipWriter
{
public:
    ZipWriter()
        : m_zip(&m_buffer)
    {
        QVERIFY(m_zip.open(QuaZip::mdCreate));
    }

    void add(const QString &name, const QByteArray &data, int method = Z_DEFLATED, quint32 externalAttr = 0,
             const char *password = nullptr)
    {
        addStreamed(
            name, data.size(), [&](qint64, qint64 count) { return data.mid(0, count); }, method, externalAttr,
            password);
    }
    // size bytes from chunk(offset, count), written in 1 MiB pieces so large entries never sit in memory.
    void addStreamed(const QString &name, qint64 size, const std::function<QByteArray(qint64, qint64)> &chunk,
                     int method = Z_DEFLATED, quint32 externalAttr = 0, const char *password = nullptr,
                     int level = 6)
    {
        QuaZipNewInfo info(name);
        info.dateTime = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 6));
        info.externalAttr = externalAttr;
        QuaZipFile file(&m_zip);
        QVERIFY(file.open(QIODevice::WriteOnly, info, password, 0, method, method == 0 ? 0 : level));
        for (qint64 offset = 0; offset < size;) {
            const QByteArray piece = chunk(offset, qMin<qint64>(size - offset, qint64(1) << 20));
            QCOMPARE(file.write(piece), piece.size());
            offset += piece.size();
        }
        file.close();
        QCOMPARE(file.getZipError(), 0);
    }
    QByteArray finish()
    {
        m_zip.close();
        return m_buffer.data();
    }

private:
    QBuffer m_buffer;
    QuaZip m_zip;
};

inline QByteArray zipOf(const QList<QPair<QString, QByteArray>> &entries)
{
    ZipWriter writer;
    for (const auto &[name, data] : entries)
        writer.add(name, data);
    return writer.finish();
}

// A file of tests/data/import/.
inline QString importData(const QString &path)
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/import/") + path;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// The application fixture (tests/data/import/app: schema.sql and three CSV files) as a ZIP with one folder.
inline QByteArray appArchive(const QString &folder = QStringLiteral("app"))
{
    QList<QPair<QString, QByteArray>> entries;
    for (const QString &name : QDir(importData(QStringLiteral("app"))).entryList(QDir::Files, QDir::Name))
        entries.append({folder + QLatin1Char('/') + name, readFile(importData(QStringLiteral("app/") + name))});
    return zipOf(entries);
}

inline quint32 le32(const QByteArray &bytes, qsizetype at)
{
    return qFromLittleEndian<quint32>(bytes.constData() + at);
}
inline quint16 le16(const QByteArray &bytes, qsizetype at)
{
    return qFromLittleEndian<quint16>(bytes.constData() + at);
}
inline void put32(QByteArray &bytes, qsizetype at, quint32 value)
{
    qToLittleEndian(value, bytes.data() + at);
}
inline void put16(QByteArray &bytes, qsizetype at, quint16 value)
{
    qToLittleEndian(value, bytes.data() + at);
}

// Edits the headers of an archive QuaZip wrote: edit(bytes, central, local) gets the offsets of the central
// directory record and the local header of each entry with the given name.
inline void patchEntry(QByteArray &zip, const QByteArray &name,
                       const std::function<void(QByteArray &, qsizetype, qsizetype)> &edit)
{
    const qsizetype end = zip.size() - 22;
    QCOMPARE(le32(zip, end), quint32(0x06054b50));
    qsizetype at = le32(zip, end + 16);
    bool found = false;
    for (int i = 0; i < le16(zip, end + 10); ++i) {
        QCOMPARE(le32(zip, at), quint32(0x02014b50));
        const quint16 nameLength = le16(zip, at + 28);
        const qsizetype next = at + 46 + nameLength + le16(zip, at + 30) + le16(zip, at + 32);
        if (zip.mid(at + 46, nameLength) == name) {
            edit(zip, at, le32(zip, at + 42));
            found = true;
        }
        at = next;
    }
    QVERIFY2(found, name.constData());
}

} // namespace fabrica::test
