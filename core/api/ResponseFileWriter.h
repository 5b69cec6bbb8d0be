#pragma once

#include "export/Deflater.h"
#include "export/FileEntryWriter.h"

#include <QCoreApplication>

#include <memory>

namespace fabrica {

class ResponseBody;

// The one file of a download written into a response body, gzip-compressed on the way when asked with the
// settings FileOutput uses, so the bytes are those `fabrica generate` writes to disk.
class ResponseFileWriter : public FileEntryWriter
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ResponseFileWriter)

public:
    ResponseFileWriter(ResponseBody &body, bool gzip);
    ~ResponseFileWriter() override;

    Result<void> beginEntry(const QString &fileName) override;
    Result<void> write(std::string_view bytes) override;
    Result<void> endEntry() override;
    Result<void> finish() override;
    void abort() override;

    // The error of a write the client did not take.
    static Error clientGone();

private:
    Result<void> put(std::string_view bytes);

    ResponseBody &m_body;
    bool m_gzip;
    std::unique_ptr<Deflater> m_deflater;
    int m_entries = 0;
};

} // namespace fabrica
