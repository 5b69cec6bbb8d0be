#include "ResponseZipWriter.h"

#include "Crc32.h"
#include "ResponseBody.h"
#include "ResponseFileWriter.h"

#include <QtEndian>

#include <zlib.h>

namespace fabrica {

namespace {

constexpr quint32 kLocalHeader = 0x04034b50;
constexpr quint32 kDataDescriptor = 0x08074b50;
constexpr quint32 kCentralHeader = 0x02014b50;
constexpr quint32 kZip64End = 0x06064b50;
constexpr quint32 kZip64Locator = 0x07064b50;
constexpr quint32 kEnd = 0x06054b50;
constexpr quint16 kFlags = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
constexpr quint16 kVersion20 = 20;          // deflate, data descriptors
constexpr quint16 kVersion45 = 45;          // zip64
constexpr quint16 kMadeByUnix = 3 << 8;
constexpr quint32 kMax32 = 0xffffffffu;
constexpr quint16 kMax16 = 0xffffu;

// Little-endian fields, appended.
class Record
{
public:
    Record &u16(quint16 value) { return add(qToLittleEndian(value)); }
    Record &u32(quint32 value) { return add(qToLittleEndian(value)); }
    Record &u64(quint64 value) { return add(qToLittleEndian(value)); }
    Record &bytes(const QByteArray &value)
    {
        m_data += value;
        return *this;
    }
    const QByteArray &data() const { return m_data; }

private:
    template<typename T> Record &add(T value)
    {
        m_data.append(reinterpret_cast<const char *>(&value), sizeof value);
        return *this;
    }
    QByteArray m_data;
};

} // namespace

ResponseZipWriter::ResponseZipWriter(ResponseBody &body, bool compress, const QDateTime &time)
    : m_body(body)
    , m_compress(compress)
{
    // MS-DOS time: local fields of the given time, from 1980 on, two-second steps.
    const QDate date = time.date();
    const QTime clock = time.time();
    if (date.isValid() && date.year() >= 1980 && date.year() <= 2107) {
        m_dosDate = quint16(((date.year() - 1980) << 9) | (date.month() << 5) | date.day());
        m_dosTime = quint16((clock.hour() << 11) | (clock.minute() << 5) | (clock.second() / 2));
    } else {
        m_dosDate = (1 << 5) | 1; // 1980-01-01
    }
}

ResponseZipWriter::~ResponseZipWriter() = default;

Result<void> ResponseZipWriter::put(std::string_view bytes)
{
    if (m_aborted || !m_body.write(bytes))
        return ResponseFileWriter::clientGone();
    m_offset += bytes.size();
    return {};
}

Result<void> ResponseZipWriter::beginEntry(const QString &fileName)
{
    if (m_inEntry)
        return makeError(ErrorCode::Internal, tr("a ZIP entry began inside another"));
    Entry entry;
    entry.name = fileName.toUtf8();
    entry.offset = m_offset;
    if (entry.name.size() > kMax16)
        return makeError(ErrorCode::InvalidInput,
                         tr("the file name %1 is too long for a ZIP archive").arg(fileName));
    if (m_compress) {
        Result<std::unique_ptr<Deflater>> deflater =
            Deflater::start(Deflater::Framing::Raw, [this](std::string_view bytes) -> Result<void> {
                m_entries.back().compressedSize += bytes.size();
                return put(bytes);
            });
        if (!deflater)
            return deflater.error();
        m_deflater = std::move(deflater).value();
    }
    Record header;
    header.u32(kLocalHeader)
        .u16(kVersion20)
        .u16(kFlags)
        .u16(m_compress ? Z_DEFLATED : 0)
        .u16(m_dosTime)
        .u16(m_dosDate)
        .u32(0) // CRC and sizes: in the data descriptor
        .u32(0)
        .u32(0)
        .u16(quint16(entry.name.size()))
        .u16(0) // no extra field
        .bytes(entry.name);
    m_entries.push_back(std::move(entry));
    m_inEntry = true;
    return put(header.data());
}

Result<void> ResponseZipWriter::write(std::string_view bytes)
{
    if (!m_inEntry)
        return makeError(ErrorCode::Internal, tr("a write outside any ZIP entry"));
    Entry &entry = m_entries.back();
    entry.crc = Crc32::update(entry.crc, bytes.data(), bytes.size());
    entry.size += bytes.size();
    if (!m_compress) {
        entry.compressedSize += bytes.size();
        return put(bytes);
    }
    return m_deflater->write(bytes);
}

Result<void> ResponseZipWriter::endEntry()
{
    if (!m_inEntry)
        return {};
    if (m_compress) {
        if (Result<void> ended = m_deflater->finish(); !ended)
            return ended;
        m_deflater.reset();
    }
    m_inEntry = false;
    const Entry &entry = m_entries.back();
    Record descriptor;
    descriptor.u32(kDataDescriptor).u32(entry.crc);
    // Readers take the sizes from the central directory; the descriptor is in zip64 form only when needed.
    if (entry.compressedSize >= kMax32 || entry.size >= kMax32)
        descriptor.u64(entry.compressedSize).u64(entry.size);
    else
        descriptor.u32(quint32(entry.compressedSize)).u32(quint32(entry.size));
    return put(descriptor.data());
}

Result<void> ResponseZipWriter::finish()
{
    if (Result<void> ended = endEntry(); !ended)
        return ended;
    const quint64 directoryOffset = m_offset;
    Record directory;
    for (const Entry &entry : m_entries) {
        // Whatever passes 32 bits goes into the zip64 extra field, in this order.
        Record zip64;
        if (entry.size >= kMax32)
            zip64.u64(entry.size);
        if (entry.compressedSize >= kMax32)
            zip64.u64(entry.compressedSize);
        if (entry.offset >= kMax32)
            zip64.u64(entry.offset);
        Record extra;
        if (!zip64.data().isEmpty())
            extra.u16(0x0001).u16(quint16(zip64.data().size())).bytes(zip64.data());
        directory.u32(kCentralHeader)
            .u16(kMadeByUnix | kVersion45)
            .u16(extra.data().isEmpty() ? kVersion20 : kVersion45)
            .u16(kFlags)
            .u16(m_compress ? Z_DEFLATED : 0)
            .u16(m_dosTime)
            .u16(m_dosDate)
            .u32(entry.crc)
            .u32(quint32(std::min<quint64>(entry.compressedSize, kMax32)))
            .u32(quint32(std::min<quint64>(entry.size, kMax32)))
            .u16(quint16(entry.name.size()))
            .u16(quint16(extra.data().size()))
            .u16(0)              // comment
            .u16(0)              // disk
            .u16(0)              // internal attributes
            .u32(0100644u << 16) // a regular file, rw-r--r--
            .u32(quint32(std::min<quint64>(entry.offset, kMax32)))
            .bytes(entry.name)
            .bytes(extra.data());
    }
    const quint64 directorySize = quint64(directory.data().size());
    const quint64 count = m_entries.size();
    Record end;
    if (count >= kMax16 || directorySize >= kMax32 || directoryOffset >= kMax32) {
        const quint64 zip64EndOffset = directoryOffset + directorySize;
        end.u32(kZip64End)
            .u64(44) // the size of the rest of this record
            .u16(kMadeByUnix | kVersion45)
            .u16(kVersion45)
            .u32(0)
            .u32(0)
            .u64(count)
            .u64(count)
            .u64(directorySize)
            .u64(directoryOffset);
        end.u32(kZip64Locator).u32(0).u64(zip64EndOffset).u32(1);
    }
    end.u32(kEnd)
        .u16(0)
        .u16(0)
        .u16(quint16(std::min<quint64>(count, kMax16)))
        .u16(quint16(std::min<quint64>(count, kMax16)))
        .u32(quint32(std::min<quint64>(directorySize, kMax32)))
        .u32(quint32(std::min<quint64>(directoryOffset, kMax32)))
        .u16(0); // comment
    if (Result<void> written = put(directory.data()); !written)
        return written;
    return put(end.data());
}

void ResponseZipWriter::abort()
{
    // Nothing to take back: the response is cut off. Nothing more is written.
    m_aborted = true;
    m_deflater.reset();
}

} // namespace fabrica
