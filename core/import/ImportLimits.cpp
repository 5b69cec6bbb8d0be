#include "ImportLimits.h"

#include <QSettings>

#include <algorithm>

namespace fabrica {

namespace {

// One table of keys and units, so that the reader and the writer cannot drift apart.
struct Field
{
    const char *key;
    int shift; // the stored number is the value >> shift (MiB: 20, KiB: 10)
    qint64 ImportLimits::*bytes = nullptr;
    int ImportLimits::*count = nullptr;
};

constexpr Field kFields[] = {
    {"uploadMiB", 20, &ImportLimits::uploadBytes, nullptr},
    {"entries", 0, nullptr, &ImportLimits::entries},
    {"entryMiB", 20, &ImportLimits::entryBytes, nullptr},
    {"totalMiB", 20, &ImportLimits::totalBytes, nullptr},
    {"ratioThresholdKiB", 10, &ImportLimits::ratioThreshold, nullptr},
    {"maxRatio", 0, nullptr, &ImportLimits::maxRatio},
};

QString keyOf(const Field &field)
{
    return QLatin1String("import/") + QLatin1String(field.key);
}

qint64 positive(const QSettings &settings, const Field &field, qint64 fallback)
{
    bool ok = false;
    const qint64 value = settings.value(keyOf(field)).toLongLong(&ok);
    // Capped far above any sensible import, so a typo cannot overflow the byte counts.
    return ok && value > 0 && value < ImportLimits::kMaxSetting ? value << field.shift : fallback;
}

} // namespace

ImportLimits ImportLimits::fromSettings(const QSettings &settings)
{
    ImportLimits limits;
    for (const Field &field : kFields) {
        if (field.bytes)
            limits.*field.bytes = positive(settings, field, limits.*field.bytes);
        else
            limits.*field.count = int(positive(settings, field, limits.*field.count));
    }
    return limits;
}

void ImportLimits::writeTo(QSettings &settings) const
{
    const ImportLimits defaults;
    for (const Field &field : kFields) {
        const qint64 value = field.bytes ? this->*field.bytes : this->*field.count;
        const qint64 fallback = field.bytes ? defaults.*field.bytes : defaults.*field.count;
        // A default is not written down, so that a later Fabrica's better default reaches this user too.
        if (value == fallback)
            settings.remove(keyOf(field));
        else
            settings.setValue(keyOf(field), std::clamp<qint64>(value >> field.shift, 1, kMaxSetting - 1));
    }
}

} // namespace fabrica
