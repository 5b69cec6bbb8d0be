#include "ResponseFileWriter.h"

#include "ResponseBody.h"

#include <zlib.h>

#include <vector>

namespace fabrica {

struct ResponseFileWriter::Deflater
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
    m_deflater = std::make_unique<Deflater>();
    // As FileOutput: level 6, a gzip header and trailer (windowBits 15 + 16), memory level 8.
    if (deflateInit2(&m_deflater->stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return makeError(ErrorCode::Internal, tr("cannot start gzip compression"));
    m_deflater->initialised = true;
    return {};
}

Result<void> ResponseFileWriter::put(std::string_view bytes)
{
    if (!m_body.write(bytes))
        return clientGone();
    return {};
}

Result<void> ResponseFileWriter::deflate(std::string_view bytes, bool finish)
{
    z_stream &stream = m_deflater->stream;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    do {
        stream.next_out = reinterpret_cast<Bytef *>(m_deflater->buffer.data());
        stream.avail_out = uInt(m_deflater->buffer.size());
        if (::deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
            return makeError(ErrorCode::Internal, tr("gzip compression failed"));
        const std::size_t produced = m_deflater->buffer.size() - stream.avail_out;
        if (produced > 0) {
            if (Result<void> written = put({m_deflater->buffer.data(), produced}); !written)
                return written;
        }
    } while (stream.avail_out == 0);
    return {};
}

Result<void> ResponseFileWriter::write(std::string_view bytes)
{
    if (!m_deflater)
        return put(bytes);
    // zlib takes at most 4 GiB per call (uInt).
    while (!bytes.empty()) {
        const std::string_view part = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1u << 30));
        bytes.remove_prefix(part.size());
        if (Result<void> written = deflate(part, false); !written)
            return written;
    }
    return {};
}

Result<void> ResponseFileWriter::endEntry()
{
    if (!m_deflater)
        return {};
    const Result<void> ended = deflate({}, true);
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
