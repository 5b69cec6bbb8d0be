#include "ColumnProfiler.h"

#include "ValueInference.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"

#include <QDateTime>
#include <QHash>

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");
const QString kScale = QStringLiteral("scale");
const QString kBlend = QStringLiteral("blend");

bool isNumberType(const QString &type)
{
    return type == QLatin1String("integer") || type == QLatin1String("bigint") ||
           type == QLatin1String("smallint") || type == QLatin1String("decimal") ||
           type == QLatin1String("double");
}

bool isTemporalType(const QString &type)
{
    return type == QLatin1String("date") || type == QLatin1String("timestamp") ||
           type == QLatin1String("timestamptz") || type == QLatin1String("time");
}

// Plain text types: what their values look like is the samples' business.
bool isPlainText(const QString &type)
{
    return type == QLatin1String("string") || type == QLatin1String("char") ||
           type == QLatin1String("text") || type == QLatin1String("sample") ||
           type == QLatin1String("enum") || type == QLatin1String("lorem_paragraph");
}

// Whatever its name suggested (city, full_name, phone …), the column holds text in the database.
bool isTextType(const QString &type)
{
    const DataType *known = TypeRegistry::instance().find(type);
    if (!known)
        return false;
    const QString sql = known->sql.value(SqlDialect::PostgreSQL).toLower();
    return sql == QLatin1String("text") || sql.startsWith(QLatin1String("varchar")) ||
           sql.startsWith(QLatin1String("char"));
}

// A bound of a date or timestamp range as the type type writes it; empty when it cannot be read.
QString bound(const QString &value, const QString &type)
{
    if (type == QLatin1String("time"))
        return value;
    if (type == QLatin1String("date"))
        return QDate::fromString(value.left(10), Qt::ISODate).isValid() ? value.left(10) : QString();
    QDateTime moment = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!moment.isValid()) {
        const QDate day = QDate::fromString(value, Qt::ISODate);
        if (!day.isValid())
            return {};
        moment = QDateTime(day, QTime(0, 0), Qt::UTC);
    }
    if (moment.timeSpec() == Qt::LocalTime) // written without a zone: read as UTC
        moment.setTimeSpec(Qt::UTC);
    moment = moment.toUTC();
    const bool fraction = moment.time().msec() != 0;
    const QString text = moment.toString(fraction ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz")
                                                  : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
    return type == QLatin1String("timestamptz") ? text + u'Z' : text;
}

bool isCommonKey(const QString &name)
{
    const QList<ConstraintKey> &common = TypeRegistry::instance().commonKeys();
    return std::any_of(common.begin(), common.end(),
                       [&](const ConstraintKey &key) { return key.name == name; });
}

// A number column whose values pile up at the low end and trail off (durations, sizes, amounts) gets a
// lognormal shape from min: mu and sigma of log(x − min), so generated values pile up where the samples do.
void addShape(const QList<DistinctValue> &values, const QString &type, QJsonObject &constraints,
              QString &reason)
{
    if (!isNumberType(type))
        return;
    const double min = constraints.value(kMin).toDouble(), max = constraints.value(kMax).toDouble();
    if (!(max > min))
        return;
    double n = 0, sum = 0;
    QList<QPair<double, double>> points; // value, count
    for (const DistinctValue &value : values) {
        bool ok = false;
        const double x = value.trimmed.toString().toDouble(&ok);
        if (!ok)
            continue;
        points.append({x, double(value.count)});
        n += double(value.count);
        sum += x * double(value.count);
    }
    if (n < 20 || points.size() < 5)
        return;
    const double mean = sum / n;
    double m2 = 0, m3 = 0;
    for (const auto &[x, count] : points) {
        m2 += count * (x - mean) * (x - mean);
        m3 += count * (x - mean) * (x - mean) * (x - mean);
    }
    m2 /= n;
    m3 /= n;
    if (!(m2 > 0) || m3 / std::pow(m2, 1.5) < 1.0) // Fisher's skewness: above 1 is clearly skewed
        return;
    double logN = 0, logSum = 0, logSquares = 0;
    for (const auto &[x, count] : points) {
        if (x <= min)
            continue;
        const double l = std::log(x - min);
        logN += count;
        logSum += count * l;
        logSquares += count * l * l;
    }
    if (logN < 2)
        return;
    const double mu = logSum / logN;
    const double sigma = std::max(0.05, std::sqrt(std::max(0.0, logSquares / logN - mu * mu)));
    constraints.insert(keys::distribution,
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("lognormal")},
                                   {QStringLiteral("mu"), ValueInference::roundTo(mu, 3)},
                                   {QStringLiteral("sigma"), ValueInference::roundTo(sigma, 3)}});
    reason += ColumnProfiler::tr(", skewed to the right: lognormal from the smallest");
}

} // namespace

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
    if (guess.typed)
        addShape(inference.values(), profile.fabricaType, profile.constraints, guess.reason);
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
        if (profile.samples.size() < m_options.maxSamples && value.text.size() <= m_options.maxSampleLength) {
            profile.samples.append(value.text);
            profile.sampleCounts.append(value.count);
        }
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

QStringList ColumnProfiler::apply(Column &column, const QList<std::optional<QString>> &values,
                                  const SampleDeclaration &declared) const
{
    return apply(column, profile(column.name, values), declared);
}

QStringList ColumnProfiler::apply(Column &column, const SampleDeclaration &declared) const
{
    QList<std::optional<QString>> values;
    values.reserve(column.samples.size());
    for (const QString &sample : std::as_const(column.samples))
        values.append(sample);
    return apply(column, profile(column.name, values), declared);
}

QStringList ColumnProfiler::apply(Column &column, const ColumnProfile &profile,
                                  const SampleDeclaration &declared) const
{
    QStringList lines;
    if (column.samples.isEmpty())
        column.samples = profile.samples;
    const qint64 filled = profile.rows - profile.nullCount;
    if (filled <= 0)
        return lines;
    const QString seen = tr("%n sample value(s)", nullptr, int(std::min<qint64>(filled, INT_MAX)));
    QJsonObject &constraints = column.constraints;
    // Keys are computed from the row (never drawn from a list): samples must not make them collide.
    if (declared.key || constraints.contains(keys::primaryKey) || constraints.contains(keys::unique) ||
        column.isForeignKey() || column.type == QLatin1String("sequence")) {
        lines << tr("%1 kept as samples only: a key column's values are not limited to them").arg(seen);
        return lines;
    }
    const TypeRegistry &registry = TypeRegistry::instance();
    // The keys every column has, and those of the new type that the old constraints already set.
    auto retype = [&](const QString &type, const QJsonObject &inferred) {
        const DataType *target = registry.find(type);
        QJsonObject kept = inferred;
        for (auto it = constraints.constBegin(); it != constraints.constEnd(); ++it) {
            if (kept.contains(it.key()))
                continue;
            if (isCommonKey(it.key()) || (target && target->key(it.key())))
                kept.insert(it.key(), it.value());
        }
        kept.remove(keys::nullPercent);
        if (constraints.contains(keys::nullPercent))
            kept.insert(keys::nullPercent, constraints.value(keys::nullPercent));
        column.type = type;
        constraints = kept;
    };
    const QString &found = profile.fabricaType;
    if (isPlainText(column.type) ||
        (isTextType(column.type) && (found == QLatin1String("enum") || found == QLatin1String("sample")))) {
        // Text: what the samples are beats what the name suggested.
        if (column.type == QLatin1String("enum") && found == QLatin1String("enum")) {
            // Declared values (a CHECK, an ENUM type) stay; the samples weigh them.
            const QJsonArray seenValues = profile.constraints.value(keys::values).toArray();
            const QJsonArray seenWeights = profile.constraints.value(keys::weights).toArray();
            QJsonArray weights;
            double total = 0;
            for (const QJsonValue &value : constraints.value(keys::values).toArray()) {
                const qsizetype at = seenValues.toVariantList().indexOf(value.toVariant());
                const double weight = at >= 0 ? seenWeights.at(at).toDouble() : 0.0;
                total += weight;
                weights.append(weight);
            }
            if (total > 0) {
                constraints.insert(keys::weights, weights);
                lines
                    << tr("the declared values weighted as observed in the samples (%1)").arg(profile.reason);
            }
        } else if (found == QLatin1String("enum")) {
            retype(found, QJsonObject{{keys::values, profile.constraints.value(keys::values)},
                                      {keys::weights, profile.constraints.value(keys::weights)}});
            lines << tr("enum of the %1 distinct samples, weighted as observed (%2)")
                         .arg(profile.distinctCount)
                         .arg(profile.reason);
        } else if (found == QLatin1String("sample")) {
            retype(found, QJsonObject{});
            lines << tr("sample: drawn from the %1 distinct samples, blend 0 (set \"blend\" for new values "
                        "in their style)")
                         .arg(column.samples.size());
        } else if (found == QLatin1String("string") || found == QLatin1String("lorem_paragraph")) {
            lines << tr("%1 (%2): the type is kept").arg(seen, profile.reason);
        } else if (column.type == QLatin1String("string") || column.type == QLatin1String("char")) {
            retype(found, profile.constraints);
            lines << tr("%1 from the samples: %2").arg(found, profile.reason);
        } else {
            lines << tr("the samples look like %1 (%2); the type %3 is kept")
                         .arg(found, profile.reason, column.type);
        }
    } else if (isNumberType(found) && registry.find(column.type) && registry.find(column.type)->key(kMin) &&
               registry.find(column.type)->key(kMax) && !isTemporalType(column.type)) {
        if (declared.range) {
            lines << tr("%1 within %2..%3: the declared range (a CHECK) is kept")
                         .arg(seen)
                         .arg(profile.constraints.value(kMin).toDouble())
                         .arg(profile.constraints.value(kMax).toDouble());
        } else {
            constraints.insert(kMin, profile.constraints.value(kMin));
            constraints.insert(kMax, profile.constraints.value(kMax));
            if (profile.constraints.contains(keys::distribution))
                constraints.insert(keys::distribution, profile.constraints.value(keys::distribution));
            else
                constraints.remove(keys::distribution);
            lines << tr("the samples' range: %1").arg(profile.reason);
        }
        // Decimals keep the declared scale; without one, the places the samples show.
        const DataType *type = registry.find(column.type);
        if (type->key(kScale) && !constraints.contains(kScale) && profile.constraints.contains(kScale))
            constraints.insert(kScale, profile.constraints.value(kScale));
    } else if (isTemporalType(found) && isTemporalType(column.type) &&
               (found == column.type ||
                (found != QLatin1String("time") && column.type != QLatin1String("time")))) {
        // Dates and timestamps carry over between each other (a date is its midnight, a timestamp
        // without a zone is read as UTC).
        const QString min = bound(profile.constraints.value(kMin).toString(), column.type);
        const QString max = bound(profile.constraints.value(kMax).toString(), column.type);
        if (declared.range) {
            lines << tr("%1: the declared range is kept").arg(profile.reason);
        } else if (min.isEmpty() || max.isEmpty()) {
            lines << tr("the samples look like %1 (%2); the declared type %3 is kept")
                         .arg(found, profile.reason, column.type);
        } else {
            constraints.insert(kMin, min);
            constraints.insert(kMax, max);
            lines << tr("the samples' range: %1").arg(profile.reason);
        }
    } else if (column.type == QLatin1String("boolean") && isNumberType(found) &&
               profile.constraints.value(kMin).toDouble() >= 0 &&
               profile.constraints.value(kMax).toDouble() <= 1) {
        // 0 and 1 (SQLite, MySQL's tinyint(1)) in a declared boolean column.
        const qsizetype ones = profile.samples.indexOf(QStringLiteral("1"));
        const double share =
            ones >= 0 ? 100.0 * double(profile.sampleCounts.value(ones)) / double(filled) : 0.0;
        constraints.insert(QStringLiteral("truePercent"), ValueInference::roundTo(share, 2));
        lines << tr("true in %1 of the samples (written 1 and 0)").arg(ValueInference::percent(share));
    } else if (found == QLatin1String("boolean") && column.type == found) {
        const QJsonValue share = profile.constraints.value(QStringLiteral("truePercent"));
        if (!share.isUndefined())
            constraints.insert(QStringLiteral("truePercent"), share);
        lines << tr("%1 from the samples").arg(profile.reason);
    } else if (found == QLatin1String("json") && column.type == found) {
        // The members the samples have, instead of a placeholder object.
        constraints.insert(keys::fields, profile.constraints.value(keys::fields));
        lines << tr("%1, from the samples").arg(profile.reason);
    } else if (found == column.type) {
        lines << tr("the samples agree with the type %1 (%2)").arg(found, profile.reason);
    } else {
        lines << tr("the samples look like %1 (%2); the declared type %3 is kept")
                     .arg(found, profile.reason, column.type);
    }
    // A nullable column is as often NULL as its samples.
    if (!constraints.contains(keys::notNull) && !constraints.contains(keys::primaryKey)) {
        const double before = constraints.value(keys::nullPercent).toDouble();
        if (profile.nullPercent > 0)
            constraints.insert(keys::nullPercent, profile.nullPercent);
        else
            constraints.remove(keys::nullPercent);
        if (before != profile.nullPercent)
            lines << tr("NULL in %1 (as in the samples)").arg(ValueInference::percent(profile.nullPercent));
    }
    return lines;
}

} // namespace fabrica
