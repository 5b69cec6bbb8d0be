#pragma once

// Schemas written in a test: columns with their constraints as JSON text, and the usual one-table schema.

#include "model/Schema.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fabrica::test {

// A column with constraints written as JSON. Malformed JSON stops the test, so a typo never turns into
// an unconstrained column.
inline Column column(const QString &name, const QString &type, const QByteArray &constraints = "{}")
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(constraints, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad constraints in the test: %s: %s", constraints.constData(),
               qPrintable(error.errorString()));
    return Column{name, type, document.object(), {}, {}};
}

// Schema `name` with one table t(id, columns…), id a sequence primary key; locale empty = the default.
inline Schema oneTable(const QString &name, qint64 rows, const QList<Column> &columns,
                       const QString &locale = {})
{
    Schema schema;
    schema.name = name;
    schema.locale = locale;
    schema.tables = {Table{
        QStringLiteral("t"),
        {},
        rows,
        QList<Column>{column(QStringLiteral("id"), QStringLiteral("sequence"), R"({"primaryKey": true})")} +
            columns}};
    return schema;
}

} // namespace fabrica::test
