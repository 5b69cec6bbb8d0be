#include "ImportSchemaModel.h"

#include "ImportReportModel.h"
#include "model/ConstraintKeys.h"

#include <QJsonDocument>

namespace fabrica {

namespace {

QStandardItem *readOnlyItem(const QString &text, const QString &toolTip = {})
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    if (!toolTip.isEmpty())
        item->setToolTip(ImportReportModel::plainToolTip(toolTip)); // names and descriptions from the input
    return item;
}

} // namespace

ImportSchemaModel::ImportSchemaModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Details")});
}

QString ImportSchemaModel::columnDetails(const fabrica::Column &column)
{
    if (column.constraints.value(keys::primaryKey).toBool())
        return tr("%1, primary key").arg(column.type);
    if (const QString target = column.constraints.value(keys::references).toString(); !target.isEmpty())
        return tr("%1 → %2").arg(column.type, target);
    if (column.constraints.value(keys::unique).toBool())
        return tr("%1, unique").arg(column.type);
    return column.type;
}

void ImportSchemaModel::setSchemas(const QList<Schema> &schemas)
{
    removeRows(0, rowCount());
    for (const Schema &schema : schemas) {
        QStandardItem *schemaItem = readOnlyItem(schema.name, schema.description);
        QFont bold = schemaItem->font();
        bold.setBold(true);
        schemaItem->setFont(bold);
        for (const Table &table : schema.tables) {
            QStandardItem *tableItem = readOnlyItem(table.name, table.description);
            for (const fabrica::Column &column : table.columns) {
                QStringList tip;
                if (!column.description.isEmpty())
                    tip << column.description;
                if (!column.constraints.isEmpty())
                    tip << QString::fromUtf8(
                        QJsonDocument(column.constraints).toJson(QJsonDocument::Compact));
                if (!column.samples.isEmpty())
                    tip << tr("%n sample value(s)", nullptr, int(column.samples.size()));
                const QString toolTip = tip.join(QLatin1Char('\n'));
                tableItem->appendRow(
                    {readOnlyItem(column.name, toolTip), readOnlyItem(columnDetails(column), toolTip)});
            }
            const QString details =
                tr("%L1 rows, %n column(s)", nullptr, int(table.columns.size())).arg(table.rows);
            schemaItem->appendRow({tableItem, readOnlyItem(details)});
        }
        appendRow({schemaItem, readOnlyItem(tr("%n table(s)", nullptr, int(schema.tables.size())))});
    }
}

} // namespace fabrica
