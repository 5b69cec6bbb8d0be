#include "FileOutput.h"

#include "common/SystemError.h"

#include <zlib.h>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

#include <vector>

namespace fabrica {

struct FileOutput::Deflater
{
    z_stream stream{};
    std::vector<char> buffer = std::vector<char>(1 << 18);
    bool initialised = false;
    ~Deflater()
    {
        if (initialised)
            deflateEnd(&stream);
    }
};

FileOutput::FileOutput(QString path, bool gzip)
    : m_path(std::move(path))
    , m_gzip(gzip)
    , m_file(m_path)
{}

FileOutput::~FileOutput() = default;

Error FileOutput::ioError(const QString &what) const
{
    return makeError(ErrorCode::Io, what, SourceLocation{m_path, 0, 0, {}});
}

Result<void> FileOutput::open()
{
    if (!m_file.open(QIODevice::WriteOnly))
        return ioError(tr("cannot write the file: %1").arg(m_file.errorString()));
    if (m_gzip) {
        m_deflater = std::make_unique<Deflater>();
        // windowBits 15 + 16: a gzip header and trailer around the deflate stream. Level 6 is zlib's
        // balance of speed and size.
        if (deflateInit2(&m_deflater->stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return ioError(tr("cannot start gzip compression"));
        m_deflater->initialised = true;
    }
    return {};
}

Result<void> FileOutput::deflateAndWrite(std::string_view bytes, bool finish)
{
    z_stream &stream = m_deflater->stream;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    do {
        stream.next_out = reinterpret_cast<Bytef *>(m_deflater->buffer.data());
        stream.avail_out = uInt(m_deflater->buffer.size());
        const int status = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH);
        if (status == Z_STREAM_ERROR)
            return ioError(tr("gzip compression failed"));
        const qint64 produced = qint64(m_deflater->buffer.size() - stream.avail_out);
        SystemError::clear();
        if (produced > 0 && m_file.write(m_deflater->buffer.data(), produced) != produced)
            return ioError(tr("cannot write the file: %1").arg(SystemError::reason(m_file)));
    } while (stream.avail_out == 0);
    return {};
}

Result<void> FileOutput::flush()
{
    // QSaveFile::commit() flushes its buffer too, but (Qt 6.4) does not notice when that fails and would
    // put a truncated file in place: flush here, where a failure can still be reported.
    SystemError::clear();
    if (m_file.flush())
        return {};
    const QString reason = SystemError::reason(m_file);
    m_file.cancelWriting();
    return ioError(tr("cannot write the file: %1").arg(reason));
}

Result<void> FileOutput::startWriteBack()
{
    // QSaveFile::commit() syncs the file to disk before it renames it, so the file survives a crash.
    // Handing the disk each written stretch as we go lets it work while the next chunks are generated,
    // and the final sync finds little left to do instead of the whole file.
#ifdef Q_OS_LINUX
    const qint64 position = m_file.pos();
    if (position - m_writeBackFrom < kWriteBackStep)
        return {};
    if (Result<void> flushed = flush(); !flushed)
        return flushed;
    ::sync_file_range(m_file.handle(), m_writeBackFrom, position - m_writeBackFrom, SYNC_FILE_RANGE_WRITE);
    m_writeBackFrom = position;
#endif
    return {};
}

Result<void> FileOutput::write(std::string_view bytes)
{
    m_bytesIn += qint64(bytes.size());
    // zlib takes at most 4 GiB per call (uInt); chunks are far smaller, but stay safe.
    while (bytes.size() > 0) {
        const std::string_view part = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1u << 30));
        bytes.remove_prefix(part.size());
        if (m_gzip) {
            if (Result<void> written = deflateAndWrite(part, false); !written)
                return written;
            continue;
        }
        SystemError::clear();
        if (m_file.write(part.data(), qint64(part.size())) != qint64(part.size()))
            return ioError(tr("cannot write the file: %1").arg(SystemError::reason(m_file)));
    }
    return startWriteBack();
}

Result<void> FileOutput::finishWriting()
{
    if (m_finished)
        return {};
    m_finished = true;
    if (m_gzip) {
        if (Result<void> flushed = deflateAndWrite({}, true); !flushed) {
            m_file.cancelWriting();
            return flushed;
        }
    }
    return flush();
}

Result<void> FileOutput::commit()
{
    if (Result<void> finished = finishWriting(); !finished)
        return finished;
    SystemError::clear();
    if (!m_file.commit())
        return ioError(tr("cannot write the file: %1").arg(SystemError::reason(m_file)));
    return {};
}

void FileOutput::cancel()
{
    m_file.cancelWriting();
    m_file.commit(); // with writing cancelled, commit() only discards the temporary file
}

} // namespace fabrica
