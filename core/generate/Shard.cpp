#include "Shard.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace fabrica {

Result<void> Shard::check() const
{
    if (count < 1 || count > kMaxCount)
        return makeError(ErrorCode::InvalidInput,
                         tr("the number of shards must be from 1 to %1, found %2").arg(kMaxCount).arg(count));
    if (index < 1 || index > count)
        return makeError(ErrorCode::InvalidInput,
                         tr("shard %1/%2 does not exist: K in K/N counts from 1 to N (for Kubernetes' "
                            "JOB_COMPLETION_INDEX, which counts from 0, K is the index + 1)")
                             .arg(index)
                             .arg(count));
    return {};
}

Result<Shard> Shard::parse(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return makeError(
            ErrorCode::InvalidInput,
            tr("a shard is K/N, the K-th of N parts counted from 1 (such as 2/7), found \"%1\"").arg(text));
    Shard shard;
    shard.index = match.captured(1).toInt();
    shard.count = match.captured(2).toInt();
    if (Result<void> checked = shard.check(); !checked)
        return checked.error();
    return shard;
}

Result<Shard> Shard::fromJson(const QJsonValue &json)
{
    if (json.isNull() || json.isUndefined())
        return Shard{};
    if (json.isString())
        return parse(json.toString());
    const QJsonObject object = json.toObject();
    const QJsonValue index = object.value(QStringLiteral("index"));
    const QJsonValue count = object.value(QStringLiteral("count"));
    auto whole = [](const QJsonValue &value) {
        return value.isDouble() && value.toDouble() == double(qint64(value.toDouble())) &&
               std::abs(value.toDouble()) <= 1e9;
    };
    if (!json.isObject() || !whole(index) || !whole(count))
        return makeError(ErrorCode::InvalidInput,
                         tr("a shard is {\"index\": K, \"count\": N} or \"K/N\", with whole numbers K from 1 "
                            "to N"));
    Shard shard;
    shard.index = int(index.toDouble());
    shard.count = int(count.toDouble());
    if (Result<void> checked = shard.check(); !checked)
        return checked.error();
    return shard;
}

QJsonValue Shard::toJson() const
{
    return QJsonObject{{QStringLiteral("index"), index}, {QStringLiteral("count"), count}};
}

} // namespace fabrica
