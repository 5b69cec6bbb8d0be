#include "ResponseZipWriter.h"

#include "ResponseBody.h"
#include "ResponseFileWriter.h"

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <QIODevice>

namespace fabrica {

// What QuaZip writes into: the response body, as a sequential device (no seeking back to headers).
class ResponseZipWriter::Device : public QIODevice
{
public:
    explicit Device(ResponseBody &body)
        : m_body(body)
    {}
    bool isSequential() const override { return true; }
    // After a failure: what QuaZip still writes while it closes goes nowhere.
    void discard() { m_discard = true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_discard)
            return -1;
        return m_body.write({data, std::size_t(size)}) ? size : -1;
    }

private:
    ResponseBody &m_body;
    bool m_discard = false;
};

ResponseZipWriter::ResponseZipWriter(ResponseBody &body, bool compress, QDateTime time)
    : m_body(body)
    , m_compress(compress)
    , m_time(std::move(time))
{}

ResponseZipWriter::~ResponseZipWriter()
{
    abort();
}

Result<void> ResponseZipWriter::open()
{
    if (m_zip)
        return {};
    m_device = std::make_unique<Device>(m_body);
    m_zip = std::make_unique<QuaZip>(m_device.get());
    m_zip->setUtf8Enabled(true);
    // The sizes are known only at the end, so every entry is ready for more than 4 GiB.
    m_zip->setZip64Enabled(true);
    if (!m_zip->open(QuaZip::mdCreate))
        return failure(tr("cannot start the ZIP archive"), m_zip->getZipError());
    return {};
}

Error ResponseZipWriter::failure(const QString &what, int zipError) const
{
    if (m_body.isCancelled())
        return ResponseFileWriter::clientGone();
    return makeError(ErrorCode::Io, tr("%1 (ZIP error %2)").arg(what).arg(zipError));
}

Result<void> ResponseZipWriter::beginEntry(const QString &fileName)
{
    if (Result<void> opened = open(); !opened)
        return opened;
    QuaZipNewInfo info(fileName);
    info.dateTime = m_time;
    info.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    m_entry = std::make_unique<QuaZipFile>(m_zip.get());
    const int method = m_compress ? Z_DEFLATED : 0;
    const int level = m_compress ? 6 : 0;
    if (!m_entry->open(QIODevice::WriteOnly, info, nullptr, 0, method, level))
        return failure(tr("cannot add %1 to the ZIP archive").arg(fileName), m_entry->getZipError());
    return {};
}

Result<void> ResponseZipWriter::write(std::string_view bytes)
{
    if (!m_entry)
        return makeError(ErrorCode::Internal, tr("a write outside any ZIP entry"));
    if (m_entry->write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return failure(tr("cannot write into the ZIP archive"), m_entry->getZipError());
    return {};
}

Result<void> ResponseZipWriter::endEntry()
{
    if (!m_entry)
        return {};
    m_entry->close();
    const int error = m_entry->getZipError();
    m_entry.reset();
    if (error != 0)
        return failure(tr("cannot end a ZIP entry"), error);
    return {};
}

Result<void> ResponseZipWriter::finish()
{
    if (Result<void> opened = open(); !opened)
        return opened;
    if (Result<void> ended = endEntry(); !ended)
        return ended;
    m_zip->close();
    const int error = m_zip->getZipError();
    m_zip.reset();
    m_device.reset();
    if (error != 0)
        return failure(tr("cannot end the ZIP archive"), error);
    return {};
}

void ResponseZipWriter::abort()
{
    // Nothing to take back: the response is cut off. QuaZip closes what is open without a byte more.
    if (m_device)
        m_device->discard();
    m_entry.reset();
    m_zip.reset();
    m_device.reset();
}

} // namespace fabrica
