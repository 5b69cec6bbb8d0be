#pragma once

#include <QtGlobal>

class QSettings;

namespace fabrica {

// How much an import may read: uploads and archives are untrusted, so every size is capped before it is
// read, and the inflated bytes are counted as they come, not taken from the archive's word.
struct ImportLimits
{
    qint64 uploadBytes = qint64(64) << 20;     // the archive or file as given
    int entries = 1000;                        // entries in an archive, folders included
    qint64 entryBytes = qint64(32) << 20;      // one entry, as actually inflated
    qint64 totalBytes = qint64(256) << 20;     // all entries together, inflated
    qint64 ratioThreshold = qint64(100) << 10; // above this many inflated bytes an entry …
    int maxRatio = 100;                        // … may be at most this many times its compressed size

    // The defaults, changed by what the settings say under "import/" (uploadMiB, entries, entryMiB, totalMiB,
    // ratioThresholdKiB, maxRatio); a missing or unusable value keeps its default.
    static ImportLimits fromSettings(const QSettings &settings);
    // Stores the limits under the same keys and units (whole MiB or KiB, rounded down, at least 1); a limit
    // at its default is removed instead, so that it follows the default.
    void writeTo(QSettings &settings) const;

    // Stored numbers must stay below this (in their unit), or the default is used instead.
    static constexpr qint64 kMaxSetting = qint64(1) << 30;
};

} // namespace fabrica
