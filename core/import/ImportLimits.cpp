#include "ImportLimits.h"

#include <QSettings>

namespace fabrica {

namespace {

qint64 positive(const QSettings &settings, const char *key, qint64 fallback, int shift)
{
    bool ok = false;
    const qint64 value = settings.value(QLatin1String("import/") + QLatin1String(key)).toLongLong(&ok);
    // Capped far above any sensible import, so a typo cannot overflow the byte counts.
    return ok && value > 0 && value < (qint64(1) << 30) ? value << shift : fallback;
}

} // namespace

ImportLimits ImportLimits::fromSettings(const QSettings &settings)
{
    ImportLimits limits;
    limits.uploadBytes = positive(settings, "uploadMiB", limits.uploadBytes, 20);
    limits.entries = int(positive(settings, "entries", limits.entries, 0));
    limits.entryBytes = positive(settings, "entryMiB", limits.entryBytes, 20);
    limits.totalBytes = positive(settings, "totalMiB", limits.totalBytes, 20);
    limits.ratioThreshold = positive(settings, "ratioThresholdKiB", limits.ratioThreshold, 10);
    limits.maxRatio = int(positive(settings, "maxRatio", limits.maxRatio, 0));
    return limits;
}

} // namespace fabrica
