#include "DdlPartitions.h"

#include "model/ConstraintKeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace fabrica {

namespace {

bool sameKey(const ImportedForeignKey &a, const ImportedForeignKey &b)
{
    return a.columns == b.columns && a.referencedTable.compare(b.referencedTable, Qt::CaseInsensitive) == 0 &&
           a.referencedColumns == b.referencedColumns;
}

// A bound as a point on the key's axis: seconds since the epoch for dates and times, the number for numbers.
enum class Axis { Number, Date, Timestamp, TimestampTz };

std::optional<Axis> axisOf(const QString &type)
{
    static const QStringList numbers{QStringLiteral("integer"), QStringLiteral("smallint"),
                                     QStringLiteral("bigint"),  QStringLiteral("sequence"),
                                     QStringLiteral("decimal"), QStringLiteral("amount")};
    if (numbers.contains(type))
        return Axis::Number;
    if (type == QLatin1String("date"))
        return Axis::Date;
    if (type == QLatin1String("timestamp"))
        return Axis::Timestamp;
    if (type == QLatin1String("timestamptz"))
        return Axis::TimestampTz;
    return std::nullopt;
}

// '2022-01-01 00:00:00+00' (pg_dump), '2022-01-01', '2022-01-01T10:00:00Z'.
std::optional<QDateTime> parseTime(QString text)
{
    text = text.trimmed();
    text.replace(QLatin1Char(' '), QLatin1Char('T'));
    if (text.size() == 10)
        text += QStringLiteral("T00:00:00");
    // "+00" and "+0530" → "+00:00", "+05:30": the forms Qt::ISODate reads.
    static const QRegularExpression shortOffset(QStringLiteral(R"(([+-]\d\d)(\d\d)?$)"));
    const QRegularExpressionMatch offset = shortOffset.match(text);
    if (offset.hasMatch() && offset.capturedStart() > 10)
        text = text.left(offset.capturedStart()) + offset.captured(1) + QLatin1Char(':') +
               (offset.captured(2).isEmpty() ? QStringLiteral("00") : offset.captured(2));
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC); // a timestamp without zone: its wall clock, whatever this machine's zone
    return time;
}

std::optional<double> point(Axis axis, const QString &text)
{
    if (axis == Axis::Number) {
        bool ok = false;
        const double value = text.toDouble(&ok);
        return ok ? std::optional<double>(value) : std::nullopt;
    }
    const std::optional<QDateTime> time = parseTime(text);
    return time ? std::optional<double>(double(time->toSecsSinceEpoch())) : std::nullopt;
}

// The constraint value for a point, the upper one made inclusive (one step below the exclusive bound).
QJsonValue bound(Axis axis, const QString &type, double value, bool upper)
{
    switch (axis) {
    case Axis::Number:
        if (type == QLatin1String("decimal") || type == QLatin1String("amount"))
            return upper ? value - 0.01 : value;
        return qint64(upper ? value - 1 : value);
    case Axis::Date:
        return QDateTime::fromSecsSinceEpoch(qint64(value) - (upper ? 86400 : 0), Qt::UTC)
            .date()
            .toString(Qt::ISODate);
    case Axis::Timestamp:
        return QDateTime::fromSecsSinceEpoch(qint64(value) - (upper ? 1 : 0), Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    case Axis::TimestampTz:
        return QDateTime::fromSecsSinceEpoch(qint64(value) - (upper ? 1 : 0), Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    }
    return {};
}

} // namespace

void DdlPartitions::fold(QList<ImportedTable> &tables, ImportReport &report)
{
    auto find = [&tables](const QString &name) {
        for (int i = 0; i < tables.size(); ++i) {
            if (tables[i].name.compare(name, Qt::CaseInsensitive) == 0)
                return i;
        }
        return -1;
    };
    // The topmost parent of each partition (a partition may be partitioned again).
    QMap<int, int> rootOf; // ordered: the report lists the partitions in file order
    for (int i = 0; i < tables.size(); ++i) {
        int root = i;
        for (int hops = 0; hops <= tables.size() && !tables[root].partitionOf.isEmpty(); ++hops) {
            const int parent = find(tables[root].partitionOf);
            if (parent < 0 || parent == root)
                break;
            root = parent;
        }
        if (root != i)
            rootOf.insert(i, root);
    }
    if (rootOf.isEmpty())
        return;
    for (auto it = rootOf.cbegin(); it != rootOf.cend(); ++it) {
        const ImportedTable &partition = tables[it.key()];
        ImportedTable &parent = tables[it.value()];
        for (const ImportedForeignKey &key : partition.foreignKeys) {
            if (std::none_of(parent.foreignKeys.begin(), parent.foreignKeys.end(),
                             [&key](const ImportedForeignKey &other) { return sameKey(key, other); }))
                parent.foreignKeys << key;
        }
        for (const QStringList &unique : partition.uniqueKeys) {
            if (!parent.uniqueKeys.contains(unique))
                parent.uniqueKeys << unique;
        }
        if (parent.primaryKey.isEmpty() && !partition.primaryKey.isEmpty()) {
            parent.primaryKey = partition.primaryKey;
            for (ImportedColumn &column : parent.columns)
                column.notNull = column.notNull || parent.primaryKey.contains(column.name);
        }
        if (!partition.sampleRows.isEmpty() && partition.sampleColumns == parent.sampleColumns)
            parent.sampleRows += partition.sampleRows;
        else if (!partition.sampleRows.isEmpty() && parent.sampleColumns.isEmpty()) {
            parent.sampleColumns = partition.sampleColumns;
            parent.sampleRows = partition.sampleRows;
        }
        report.info(partition.where,
                    tr("partition %1 is part of table %2; its keys and rows are folded into it")
                        .arg(partition.name, parent.name));
    }
    // References to a partition reference its parent.
    for (ImportedTable &table : tables) {
        for (ImportedForeignKey &key : table.foreignKeys) {
            const int target = find(key.referencedTable);
            if (target >= 0 && rootOf.contains(target))
                key.referencedTable = tables[rootOf.value(target)].name;
        }
    }
    QList<ImportedTable> kept;
    for (int i = 0; i < tables.size(); ++i) {
        if (!rootOf.contains(i))
            kept << tables[i];
    }
    tables = kept;
}

void DdlPartitions::applyBounds(const ImportedTable &imported, Table &out, ImportReport &report)
{
    if (imported.partitionMethod.isEmpty() || imported.partitions.isEmpty())
        return;
    const SourceLocation where = imported.where;
    if (imported.partitionKey.size() != 1 || out.columnIndex(imported.partitionKey.first()) < 0) {
        report.info(where, tr("table %1 is partitioned by an expression or several columns; rows outside "
                              "every partition are not ruled out")
                               .arg(imported.name));
        return;
    }
    const bool hasDefault = std::any_of(imported.partitions.begin(), imported.partitions.end(),
                                        [](const ImportedPartition &p) { return p.isDefault; });
    if (hasDefault || imported.partitionMethod == QLatin1String("hash"))
        return; // every row has a partition
    Column &column = out.columns[out.columnIndex(imported.partitionKey.first())];
    const QString path = out.name + QLatin1Char('.') + column.name;
    const SourceLocation at{where.file, where.line, where.column, path};

    if (imported.partitionMethod == QLatin1String("list")) {
        QStringList values;
        bool nulls = false;
        for (const ImportedPartition &partition : imported.partitions) {
            for (const QString &value : partition.values) {
                if (value.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
                    nulls = true;
                else if (!values.contains(value))
                    values << value;
            }
        }
        if (values.isEmpty())
            return;
        QJsonObject constraints;
        for (const QString &flag : {keys::primaryKey, keys::unique, keys::notNull, keys::nullPercent}) {
            if (column.constraints.contains(flag))
                constraints.insert(flag, column.constraints.value(flag));
        }
        if (!nulls) {
            constraints.remove(keys::nullPercent);
            if (!constraints.contains(keys::primaryKey))
                constraints.insert(keys::notNull, true);
        }
        constraints.insert(keys::values, QJsonArray::fromStringList(values));
        column.type = QStringLiteral("enum");
        column.constraints = constraints;
        report.guess(at,
                     tr("enum of the values its partitions list (%1)").arg(values.join(QLatin1String(", "))));
        return;
    }

    const std::optional<Axis> axis = axisOf(column.type);
    if (!axis) {
        report.info(
            at,
            tr("partition key of type %1: rows outside every partition are not ruled out").arg(column.type));
        return;
    }
    struct Range
    {
        std::optional<double> from, to; // nullopt: MINVALUE / MAXVALUE
    };
    QList<Range> ranges;
    for (const ImportedPartition &partition : imported.partitions) {
        if (partition.from.isEmpty() || partition.to.isEmpty())
            continue;
        Range range;
        const QString from = partition.from.first(), to = partition.to.first();
        if (from.compare(QLatin1String("MINVALUE"), Qt::CaseInsensitive) != 0 &&
            !(range.from = point(*axis, from))) {
            report.warning(at,
                           tr("the bound %1 of partition %2 is not understood").arg(from, partition.name));
            return;
        }
        if (to.compare(QLatin1String("MAXVALUE"), Qt::CaseInsensitive) != 0 &&
            !(range.to = point(*axis, to))) {
            report.warning(at, tr("the bound %1 of partition %2 is not understood").arg(to, partition.name));
            return;
        }
        ranges << range;
    }
    if (ranges.isEmpty())
        return;
    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) {
        return a.from.value_or(-1e300) < b.from.value_or(-1e300);
    });
    for (int i = 1; i < ranges.size(); ++i) {
        if (ranges[i - 1].to && ranges[i].from && *ranges[i - 1].to < *ranges[i].from) {
            report.warning(at, tr("the partitions of %1 leave gaps between their ranges; rows that fall in a "
                                  "gap have no partition (narrow the range or add a partition)")
                                   .arg(out.name));
            break;
        }
    }
    std::optional<double> low = ranges.first().from, high;
    bool unbounded = false;
    for (const Range &range : std::as_const(ranges)) {
        if (!range.to)
            unbounded = true;
        else if (!high || *range.to > *high)
            high = range.to;
    }
    QStringList said;
    if (low) {
        column.constraints.insert(QStringLiteral("min"), bound(*axis, column.type, *low, false));
        said << tr("from %1").arg(column.constraints.value(QStringLiteral("min")).toVariant().toString());
    }
    if (high && !unbounded) {
        column.constraints.insert(QStringLiteral("max"), bound(*axis, column.type, *high, true));
        said << tr("to %1").arg(column.constraints.value(QStringLiteral("max")).toVariant().toString());
    }
    if (!said.isEmpty())
        report.guess(at, tr("within its partitions' ranges, %1").arg(said.join(QLatin1Char(' '))));
}

} // namespace fabrica
