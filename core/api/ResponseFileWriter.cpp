#include "ResponseFileWriter.h"

#include "ResponseBody.h"

namespace fabrica {

ResponseFileWriter::ResponseFileWriter(ResponseBody &body, bool gzip)
    : m_body(body)
    , m_gzip(gzip)
{}

ResponseFileWriter::~ResponseFileWriter() = default;

Error ResponseFileWriter::clientGone()
{
    return makeError(ErrorCode::Cancelled, tr("the client stopped taking the download"));
}

Result<void> ResponseFileWriter::beginEntry(const QString &)
{
    if (m_entries++ > 0)
        return makeError(ErrorCode::Internal, tr("a single-file download got a second file"));
    if (!m_gzip)
        return {};
    Result<std::unique_ptr<Deflater>> deflater =
        Deflater::start(Deflater::Framing::Gzip, [this](std::string_view bytes) { return put(bytes); });
    if (!deflater)
        return deflater.error();
    m_deflater = std::move(deflater).value();
    return {};
}

Result<void> ResponseFileWriter::put(std::string_view bytes)
{
    if (!m_body.write(bytes))
        return clientGone();
    return {};
}

Result<void> ResponseFileWriter::write(std::string_view bytes)
{
    return m_deflater ? m_deflater->write(bytes) : put(bytes);
}

Result<void> ResponseFileWriter::endEntry()
{
    if (!m_deflater)
        return {};
    const Result<void> ended = m_deflater->finish();
    m_deflater.reset();
    return ended;
}

Result<void> ResponseFileWriter::finish()
{
    return {};
}

void ResponseFileWriter::abort()
{
    m_deflater.reset();
}

} // namespace fabrica
