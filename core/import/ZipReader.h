#pragma once

#include "ImportLimits.h"
#include "ImportReport.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace fabrica {

// One file of an archive, read into memory.
struct ZipEntry
{
    QString path;    // relative, '/'-separated, in Unicode NFC, without "." or empty segments
    QByteArray data; // the inflated bytes, checked against the entry's CRC-32 and size
};

// Reads the files of an uploaded ZIP archive into memory through caps on every size, and refuses what is
// unsafe or ambiguous with one report line each. Nothing is written to disk; no declared size is trusted.
class ZipReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ZipReader)

public:
    explicit ZipReader(const ImportLimits &limits = {});

    // The files that passed every check, in archive order (folders are not listed). A refused entry is a
    // Refused line and the walk goes on; the entry and size caps of the whole archive are a Refused line
    // that ends the walk (what was read so far is kept); an upload that is too large, not a ZIP or damaged
    // is one Error line and gives no files. Lines name the archive as file and the entry as path.
    QList<ZipEntry> read(const QByteArray &upload, const QString &displayName, ImportReport &report) const;

private:
    ImportLimits m_limits;
};

} // namespace fabrica
