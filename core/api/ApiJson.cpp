#include "ApiJson.h"

#include "format/SchemaFile.h"

#include <QJsonArray>

namespace fabrica {

QJsonObject ApiJson::user(const UserRecord &user)
{
    return QJsonObject{{QStringLiteral("id"), user.id},
                       {QStringLiteral("username"), user.username},
                       {QStringLiteral("email"), user.email},
                       {QStringLiteral("role"), roleId(user.role)},
                       {QStringLiteral("enabled"), !user.disabled},
                       {QStringLiteral("created"), user.created.toString(Qt::ISODate)}};
}

QJsonObject ApiJson::schema(const SchemaRecord &schema)
{
    return QJsonObject{{QStringLiteral("id"), schema.id},
                       {QStringLiteral("name"), schema.name},
                       {QStringLiteral("description"), schema.description},
                       {QStringLiteral("ownerId"), schema.userId},
                       {QStringLiteral("owner"), schema.owner},
                       {QStringLiteral("created"), schema.created.toString(Qt::ISODate)},
                       {QStringLiteral("tables"), schema.tables},
                       {QStringLiteral("revision"), schema.revision}};
}

QJsonObject ApiJson::table(const StoredSchema &schema, int table)
{
    QJsonObject object = SchemaFile::tableObject(schema.schema.tables[table]);
    QJsonArray columns = object.value(QStringLiteral("columns")).toArray();
    for (int c = 0; c < columns.size(); ++c) {
        QJsonObject column = columns[c].toObject();
        column.insert(QStringLiteral("id"), schema.columnId(table, c));
        columns[c] = column;
    }
    object.insert(QStringLiteral("columns"), columns);
    object.insert(QStringLiteral("id"), schema.tableId(table));
    object.insert(QStringLiteral("schemaId"), schema.record.id);
    object.insert(QStringLiteral("position"), table);
    return object;
}

QJsonObject ApiJson::column(const StoredSchema &schema, int table, int column)
{
    QJsonObject object = SchemaFile::columnObject(schema.schema.tables[table].columns[column]);
    object.insert(QStringLiteral("id"), schema.columnId(table, column));
    object.insert(QStringLiteral("tableId"), schema.tableId(table));
    object.insert(QStringLiteral("schemaId"), schema.record.id);
    object.insert(QStringLiteral("position"), column);
    return object;
}

QJsonObject ApiJson::sample(qint64 id, const QString &value)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("value"), value}};
}

QJsonObject ApiJson::problem(const Problem &problem, const StoredSchema &schema, const SourceLocation &where)
{
    QJsonObject object{
        {QStringLiteral("severity"), problem.isError() ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("message"), problem.message},
        {QStringLiteral("path"), problem.path},
        {QStringLiteral("pointer"), problem.pointer()}};
    if (!problem.key.isEmpty())
        object.insert(QStringLiteral("key"), problem.key);
    if (problem.table >= 0 && schema.tableId(problem.table) > 0)
        object.insert(QStringLiteral("tableId"), schema.tableId(problem.table));
    if (problem.column >= 0 && schema.columnId(problem.table, problem.column) > 0)
        object.insert(QStringLiteral("columnId"), schema.columnId(problem.table, problem.column));
    if (where.line > 0) {
        object.insert(QStringLiteral("line"), where.line);
        object.insert(QStringLiteral("column"), where.column);
    }
    return object;
}

} // namespace fabrica
