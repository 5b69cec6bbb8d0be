#include "ColumnProfiler.h"

#include "ValueInference.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"

#include <QHash>

#include <algorithm>

namespace fabrica {

ColumnProfiler::ColumnProfiler(const ProfileOptions &options)
    : m_options(options)
{}

bool ColumnProfiler::isFlagName(const QString &name)
{
    // is_active, IS_ACTIVE, isActive, has_children, …, deleted_flag, deletedFlag, and words that name a
    // state.
    static const QStringList prefixes = {
        QStringLiteral("is"),  QStringLiteral("has"),  QStringLiteral("can"),   QStringLiteral("should"),
        QStringLiteral("was"), QStringLiteral("were"), QStringLiteral("allow"), QStringLiteral("allows"),
        QStringLiteral("use"), QStringLiteral("uses")};
    static const QStringList states = {
        QStringLiteral("active"),  QStringLiteral("enabled"),  QStringLiteral("disabled"),
        QStringLiteral("deleted"), QStringLiteral("verified"), QStringLiteral("visible"),
        QStringLiteral("hidden"),  QStringLiteral("archived"), QStringLiteral("flag")};
    const QString lower = name.toLower();
    for (const QString &prefix : prefixes) {
        if (name.size() > prefix.size() && lower.startsWith(prefix) &&
            (name[prefix.size()] == u'_' || (name[prefix.size()].isUpper() && name[0].isLower())))
            return true;
    }
    return states.contains(lower) || lower.endsWith(QLatin1String("_flag")) ||
           name.endsWith(QLatin1String("Flag"));
}

ColumnProfile ColumnProfiler::profile(const QString &name, const QList<std::optional<QString>> &values) const
{
    ColumnProfile profile;
    profile.name = name;
    profile.rows = values.size();
    QList<DistinctValue> distinct;
    QHash<QString, qsizetype> index;
    for (const std::optional<QString> &value : values) {
        if (!value) {
            ++profile.nullCount;
            continue;
        }
        const auto it = index.constFind(*value);
        if (it != index.constEnd()) {
            ++distinct[*it].count;
        } else {
            index.insert(*value, distinct.size());
            distinct.append(DistinctValue{*value, 1, {}});
        }
    }
    index.clear();

    ValueInference inference(m_options, name, std::move(distinct));
    InferredType guess = inference.infer();
    if (inference.total() == 0 && profile.rows > 0)
        guess.reason = tr("only NULLs");
    profile.fabricaType = guess.type;
    profile.constraints = guess.constraints;
    profile.minLength = inference.minLength();
    profile.maxLength = inference.maxLength();

    // Empty strings are NULLs in a typed column, values in a text column.
    const bool blanksAreNull = guess.typed && inference.blanks() > 0;
    if (blanksAreNull)
        profile.nullCount += inference.blanks();
    qint64 counted = 0;
    bool repeated = false;
    for (const DistinctValue &value : inference.values()) {
        if (blanksAreNull && value.trimmed.isEmpty())
            continue;
        ++profile.distinctCount;
        counted += value.count;
        repeated = repeated || value.count > 1;
        if (profile.samples.size() < m_options.maxSamples && value.text.size() <= m_options.maxSampleLength)
            profile.samples.append(value.text);
    }
    profile.allDistinct = counted >= 2 && !repeated;

    QString reason = guess.reason;
    if (profile.nullCount > 0 && profile.rows > 0) {
        // Never round a few NULLs away.
        profile.nullPercent = std::max(
            0.01, ValueInference::roundTo(100.0 * double(profile.nullCount) / double(profile.rows), 2));
        profile.constraints.insert(keys::nullPercent, profile.nullPercent);
        if (inference.total() > 0)
            reason += blanksAreNull
                          ? tr("; %1 NULL or empty").arg(ValueInference::percent(profile.nullPercent))
                          : tr("; %1 NULL").arg(ValueInference::percent(profile.nullPercent));
    }
    // Worth telling only where it suggests a unique column.
    const DataType *type = TypeRegistry::instance().find(profile.fabricaType);
    if (profile.allDistinct && type && type->keyCapable)
        reason += tr("; all distinct");
    profile.reason = reason;
    return profile;
}

QList<ColumnProfile> ColumnProfiler::profile(const QStringList &header,
                                             const QList<CsvTable::Row> &rows) const
{
    QList<ColumnProfile> profiles;
    profiles.reserve(header.size());
    QList<std::optional<QString>> values;
    for (qsizetype c = 0; c < header.size(); ++c) {
        values.clear();
        values.reserve(rows.size());
        for (const CsvTable::Row &row : rows)
            values.append(c < row.size() ? row[c] : std::nullopt);
        profiles.append(profile(header[c], values));
    }
    return profiles;
}

QList<ColumnProfile> ColumnProfiler::profile(const CsvTable &table, const QString &fileName,
                                             const QString &tableName, ImportReport &report) const
{
    const QList<ColumnProfile> profiles = profile(table.header, table.rows);
    for (const ColumnProfile &p : profiles)
        report.guess(SourceLocation{fileName, 0, 0, tableName + u'.' + p.name},
                     tr("type %1: %2").arg(p.fabricaType, p.reason));
    return profiles;
}

} // namespace fabrica
