#pragma once

#include "common/Result.h"

#include <QCoreApplication>

#include <functional>
#include <memory>
#include <string_view>

namespace fabrica {

// zlib's deflate at the level and settings every Fabrica file uses (6, the balance of speed and size), so
// a gzip file on disk, a gzip download and a ZIP entry hold the same compressed bytes. The output goes to a
// callback in pieces of up to 256 KiB; input of any size is accepted (zlib's own calls take at most 4 GiB).
class Deflater
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Deflater)

public:
    enum class Framing {
        Gzip, // a gzip header and trailer: a .gz file
        Raw,  // the bare deflate stream: a ZIP entry, which has its own header
    };
    using Output = std::function<Result<void>(std::string_view)>;

    // Starts a stream; an error only when zlib cannot (out of memory).
    static Result<std::unique_ptr<Deflater>> start(Framing framing, Output output);
    ~Deflater();
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;

    Result<void> write(std::string_view bytes);
    // Ends the stream: the last bytes and the trailer go to the output.
    Result<void> finish();

private:
    explicit Deflater(Output output);
    Result<void> deflate(std::string_view bytes, bool finish);

    struct Stream;
    std::unique_ptr<Stream> m_stream;
    Output m_output;
};

} // namespace fabrica
