#pragma once

#include "export/Deflater.h"
#include "export/FileEntryWriter.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

#include <memory>
#include <vector>

namespace fabrica {

class ResponseBody;

// The files of a download as one ZIP archive, written into a response body while it is made: the ZIP
// format's streaming form (APPNOTE 6.3), where each entry's CRC and sizes follow its data in a data
// descriptor and the central directory at the end has them all; zip64 records wherever a size or an offset
// passes 4 GiB. Entries are stored as they are, or deflated when compress is set; every entry carries the
// given time, so the same files make the same archive. Written here rather than through QuaZip (which can
// write to a sequential device too) for the checksum: Crc32's is several times faster than zlib's, which
// QuaZip calls, and on a stored entry it is most of the cost.
class ResponseZipWriter : public FileEntryWriter
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ResponseZipWriter)

public:
    ResponseZipWriter(ResponseBody &body, bool compress, const QDateTime &time);
    ~ResponseZipWriter() override;

    Result<void> beginEntry(const QString &fileName) override;
    Result<void> write(std::string_view bytes) override;
    Result<void> endEntry() override;
    Result<void> finish() override;
    void abort() override;

private:
    struct Entry
    {
        QByteArray name; // UTF-8
        quint32 crc = 0;
        quint64 compressedSize = 0;
        quint64 size = 0;
        quint64 offset = 0; // of its local header
    };

    Result<void> put(std::string_view bytes);
    Result<void> put(const QByteArray &bytes)
    {
        return put(std::string_view(bytes.constData(), bytes.size()));
    }

    ResponseBody &m_body;
    bool m_compress;
    quint16 m_dosTime = 0;
    quint16 m_dosDate = 0;
    std::unique_ptr<Deflater> m_deflater;
    std::vector<Entry> m_entries;
    bool m_inEntry = false;
    bool m_aborted = false;
    quint64 m_offset = 0; // bytes written so far
};

} // namespace fabrica
