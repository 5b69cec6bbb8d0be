#pragma once

// Archives built in memory for the import tests, with QuaZip; large entries are streamed so that a test
// of a bomb stays small itself.

#include <QBuffer>
#include <QDateTime>
#include <QTest>

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

} // namespace fabrica::test
