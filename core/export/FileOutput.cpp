#include "FileOutput.h"

#include "common/SystemError.h"

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace fabrica {

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
        Result<std::unique_ptr<Deflater>> deflater =
            Deflater::start(Deflater::Framing::Gzip, [this](std::string_view bytes) { return put(bytes); });
        if (!deflater)
            return ioError(deflater.error().message);
        m_deflater = std::move(deflater).value();
    }
    return {};
}

Result<void> FileOutput::put(std::string_view bytes)
{
    SystemError::clear();
    if (m_file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return ioError(tr("cannot write the file: %1").arg(SystemError::reason(m_file)));
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
    if (Result<void> written = m_deflater ? m_deflater->write(bytes) : put(bytes); !written)
        return written;
    return startWriteBack();
}

Result<void> FileOutput::finishWriting()
{
    if (m_finished)
        return {};
    m_finished = true;
    if (m_deflater) {
        if (Result<void> flushed = m_deflater->finish(); !flushed) {
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
