#pragma once

#include "Deflater.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <memory>
#include <string_view>

namespace fabrica {

// One output file, written through QSaveFile (the file appears only on commit; cancel leaves the old
// one, or none) and optionally gzip-compressed on the way. Finishing is split from committing so a sink
// of several files can get every byte of every file to the disk before it replaces any of them.
class FileOutput
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::FileOutput)

public:
    explicit FileOutput(QString path, bool gzip);
    ~FileOutput();
    FileOutput(const FileOutput &) = delete;
    FileOutput &operator=(const FileOutput &) = delete;

    Result<void> open();
    Result<void> write(std::string_view bytes);
    // Ends the gzip stream and hands every byte to the file; after a failure only cancel() is left.
    Result<void> finishWriting();
    // Replaces the file with what was written (finishing first if need be).
    Result<void> commit();
    void cancel();

    QString path() const { return m_path; }
    qint64 bytesIn() const { return m_bytesIn; }

private:
    Result<void> put(std::string_view bytes);
    Result<void> flush();
    Error ioError(const QString &what) const;
    Result<void> startWriteBack();

    static constexpr qint64 kWriteBackStep = qint64(8) << 20;

    QString m_path;
    bool m_gzip;
    QSaveFile m_file;
    std::unique_ptr<Deflater> m_deflater;
    bool m_finished = false;
    qint64 m_bytesIn = 0;
    qint64 m_writeBackFrom = 0; // the file's bytes before this offset have been handed to the disk
};

} // namespace fabrica
