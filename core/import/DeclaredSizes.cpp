#include "DeclaredSizes.h"

#include "common/OneOf.h"
#include "generate/Plan.h"
#include "generate/SizeLimit.h"
#include "model/ConstraintKeys.h"
#include "types/DeclaredSqlType.h"

#include <QJsonArray>

#include <cmath>

namespace fabrica {

namespace {

// Types whose values are numbers written bare: they take numeric and integer sizes.
bool isNumberType(const QString &type)
{
    return isOneOf(type, {"integer", "smallint", "bigint", "decimal", "float", "double", "sequence", "amount",
                          "latitude", "longitude"});
}

} // namespace

QStringList DeclaredSizes::apply(const ImportedColumn &imported, Column &column)
{
    QStringList notes;
    if (column.isForeignKey())
        return notes; // a foreign key holds its parent's values and takes its parent's SQL type
    const QString text =
        DeclaredSqlType::fromImport(imported.sqlType, imported.typeArguments, imported.isUnsigned);
    if (text.isEmpty() || imported.isArray)
        return notes;
    const DeclaredSqlType declared = DeclaredSqlType::parse(text);
    QJsonObject &c = column.constraints;
    const bool number = isNumberType(column.type);
    if (const std::optional<int> length = declared.maxLength()) {
        c.insert(keys::sqlType, text);
        // string's own maxLength is already the smaller of the width and a readable length.
        if (!c.contains(keys::maxLength) || c.value(keys::maxLength).toInt() > *length)
            c.insert(keys::maxLength, *length);
        if (column.type == QLatin1String("enum")) {
            QJsonArray values;
            QJsonArray weights;
            QStringList dropped;
            const QJsonArray given = c.value(keys::values).toArray();
            const QJsonArray givenWeights = c.value(keys::weights).toArray();
            for (qsizetype i = 0; i < given.size(); ++i) {
                const QString value = given.at(i).toString();
                if (value.size() > *length) {
                    dropped << value;
                    continue;
                }
                values.append(value);
                if (i < givenWeights.size())
                    weights.append(givenWeights.at(i));
            }
            if (!dropped.isEmpty() && !values.isEmpty()) {
                c.insert(keys::values, values);
                if (!givenWeights.isEmpty())
                    c.insert(keys::weights, weights);
                notes << tr("the value(s) %1 do not fit %2 and are left out")
                             .arg(dropped.join(QLatin1String(", ")), text);
            } else if (!dropped.isEmpty()) {
                notes << tr("no value of the list fits %1; values are shortened").arg(text);
            }
        }
    } else if (number) {
        c.insert(keys::sqlType, text);
        // A range from a CHECK or a guess that the width cannot hold is narrowed to it.
        double low = 0;
        double high = 0;
        if (declared.kind() == DeclaredSqlType::Kind::Integer) {
            low = double(declared.minimum());
            high = double(declared.maximum());
        } else {
            high =
                std::pow(10.0, declared.precision() - declared.scale()) - std::pow(10.0, -declared.scale());
            low = -high;
        }
        for (const QString &key : {QStringLiteral("min"), QStringLiteral("max")}) {
            const QJsonValue given = c.value(key);
            if (!given.isDouble())
                continue;
            const double value = given.toDouble();
            const double bounded = qBound(low, value, high);
            if (bounded == value)
                continue;
            c.insert(key, declared.kind() == DeclaredSqlType::Kind::Integer ? QJsonValue(qint64(bounded))
                                                                            : QJsonValue(bounded));
            notes << tr("%1 %2 narrowed to %3 to fit %4")
                         .arg(key, QString::number(value, 'g', 15), QString::number(bounded, 'g', 15), text);
        }
        if (declared.kind() == DeclaredSqlType::Kind::Decimal &&
            c.value(QStringLiteral("scale")).isDouble() &&
            c.value(QStringLiteral("scale")).toInt() > declared.scale())
            c.insert(QStringLiteral("scale"), declared.scale());
    }
    return notes;
}

void DeclaredSizes::reportFit(const Plan &plan, ImportReport &report)
{
    TableChunk chunk;
    for (int t = 0; t < int(plan.tables().size()); ++t) {
        const TablePlan &table = plan.tables()[std::size_t(t)];
        const int rows = int(std::min<qint64>(table.rows, kSampleRows));
        if (rows <= 0)
            continue;
        plan.fillChunk(t, 0, rows, chunk);
        const Table &source = plan.schema().tables.at(table.schemaIndex);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const ColumnChunk &values = chunk.columns[c];
            int filled = 0;
            for (int i = 0; i < values.size(); ++i)
                filled += values.isNull(i) ? 0 : 1;
            // "Rarely fits": most first draws were too long.
            if (filled == 0 || values.misfits() * 2 <= filled)
                continue;
            const Column &column = source.columns.at(qsizetype(c));
            const QString size = column.constraints.value(keys::sqlType).toString();
            report.warning(
                SourceLocation{QString(), 0, 0, table.name + QLatin1Char('.') + column.name},
                tr("type %1 rarely fits %2: %3 of %4 sample values were too long or out of range "
                   "and drawn again, %5 of them shortened; consider another type or a wider "
                   "column")
                    .arg(column.type,
                         size.isEmpty()
                             ? tr("maxLength %1").arg(column.constraints.value(keys::maxLength).toInt())
                             : size)
                    .arg(values.misfits())
                    .arg(filled)
                    .arg(values.shortened()));
        }
    }
}

} // namespace fabrica
