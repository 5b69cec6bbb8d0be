#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

namespace fabrica {

// One of N contiguous row ranges of every table (`fabrica generate --shard K/N`): since a row is a pure
// function of schema, seed and row number, N machines each generate their part and the parts'
// files concatenated in shard order are the whole's. K counts from 1 as people do (Kubernetes'
// JOB_COMPLETION_INDEX counts from 0: K = index + 1).
struct Shard
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Shard)

public:
    int index = 1; // K, from 1 to count
    int count = 1; // N

    static constexpr int kMaxCount = 100000;

    bool isWhole() const { return count == 1; }
    bool isFirst() const { return index == 1; }
    bool isLast() const { return index == count; }

    // Rows [firstRow(rows), endRow(rows)) of a table of `rows` rows: floor((K-1)·R/N) to floor(K·R/N).
    qint64 firstRow(qint64 rows) const { return boundary(index - 1, rows); }
    qint64 endRow(qint64 rows) const { return boundary(index, rows); }
    qint64 rowsOf(qint64 rows) const { return endRow(rows) - firstRow(rows); }

    // 1 ≤ K ≤ N ≤ kMaxCount, or why not.
    Result<void> check() const;
    // "K/N".
    QString toString() const { return QStringLiteral("%1/%2").arg(index).arg(count); }
    // "K/N", checked.
    static Result<Shard> parse(const QString &text);
    // The REST API's and a stored request's forms: {"index": K, "count": N} or "K/N"; null or absent is
    // the whole.
    static Result<Shard> fromJson(const QJsonValue &json);
    QJsonValue toJson() const;

    bool operator==(const Shard &) const = default;

private:
    // floor(k·R/N) without overflow for any R: k·(R/N) + k·(R mod N)/N, where k·(R mod N) < N².
    qint64 boundary(int k, qint64 rows) const
    {
        return qint64(k) * (rows / count) + qint64(k) * (rows % count) / count;
    }
};

} // namespace fabrica
