#pragma once

#include "export/FileEntryWriter.h"

#include <QCoreApplication>
#include <QDateTime>

#include <memory>

class QuaZip;
class QuaZipFile;

namespace fabrica {

class ResponseBody;

// The files of a download as one ZIP archive written into a response body while it is made: QuaZip on a
// sequential device writes each entry's sizes and CRC after its data (the ZIP format's streaming form, a
// data descriptor), in zip64 form so an entry may pass 4 GiB. Entries are stored as they are, or deflated
// when compress is set; every entry carries the given time, so the same files make the same archive.
class ResponseZipWriter : public FileEntryWriter
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ResponseZipWriter)

public:
    ResponseZipWriter(ResponseBody &body, bool compress, QDateTime time);
    ~ResponseZipWriter() override;

    Result<void> beginEntry(const QString &fileName) override;
    Result<void> write(std::string_view bytes) override;
    Result<void> endEntry() override;
    Result<void> finish() override;
    void abort() override;

private:
    Result<void> open();
    Error failure(const QString &what, int zipError) const;

    ResponseBody &m_body;
    bool m_compress;
    QDateTime m_time;
    class Device;
    std::unique_ptr<Device> m_device;
    std::unique_ptr<QuaZip> m_zip;
    std::unique_ptr<QuaZipFile> m_entry;
};

} // namespace fabrica
