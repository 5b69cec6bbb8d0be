#include "Deflater.h"

#include <zlib.h>

#include <vector>

namespace fabrica {

struct Deflater::Stream
{
    z_stream zlib{};
    std::vector<char> buffer = std::vector<char>(1 << 18);
    bool initialised = false;
    ~Stream()
    {
        if (initialised)
            deflateEnd(&zlib);
    }
};

Deflater::Deflater(Output output)
    : m_stream(std::make_unique<Stream>())
    , m_output(std::move(output))
{}

Deflater::~Deflater() = default;

Result<std::unique_ptr<Deflater>> Deflater::start(Framing framing, Output output)
{
    std::unique_ptr<Deflater> deflater(new Deflater(std::move(output)));
    // Window bits 15: + 16 asks for gzip framing, negative for none; memory level 8 is zlib's default.
    const int windowBits = framing == Framing::Gzip ? 15 + 16 : -15;
    if (deflateInit2(&deflater->m_stream->zlib, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return makeError(ErrorCode::Internal, tr("cannot start compression"));
    deflater->m_stream->initialised = true;
    return deflater;
}

Result<void> Deflater::deflate(std::string_view bytes, bool finish)
{
    z_stream &zlib = m_stream->zlib;
    std::vector<char> &buffer = m_stream->buffer;
    zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    zlib.avail_in = uInt(bytes.size());
    do {
        zlib.next_out = reinterpret_cast<Bytef *>(buffer.data());
        zlib.avail_out = uInt(buffer.size());
        if (::deflate(&zlib, finish ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
            return makeError(ErrorCode::Internal, tr("compression failed"));
        const std::size_t produced = buffer.size() - zlib.avail_out;
        if (produced > 0) {
            if (Result<void> written = m_output(std::string_view(buffer.data(), produced)); !written)
                return written;
        }
    } while (zlib.avail_out == 0);
    return {};
}

Result<void> Deflater::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        const std::string_view part = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1u << 30));
        bytes.remove_prefix(part.size());
        if (Result<void> written = deflate(part, false); !written)
            return written;
    }
    return {};
}

Result<void> Deflater::finish()
{
    return deflate({}, true);
}

} // namespace fabrica
