#pragma once

#include <QtGlobal>

#include <cstddef>

namespace fabrica {

// The CRC-32 of ZIP and gzip (zlib's crc32()), with carry-less multiplication (PCLMULQDQ) where the
// processor has it: about ten times zlib's speed, so a stored ZIP entry's checksum costs little next to
// making its bytes. Falls back to zlib elsewhere; the same values either way.
class Crc32
{
public:
    // The CRC of data following the CRC crc of what came before (0 to start).
    static quint32 update(quint32 crc, const char *data, std::size_t size);
    // Whether update() uses the carry-less multiplication.
    static bool accelerated();
};

} // namespace fabrica
