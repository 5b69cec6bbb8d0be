#pragma once

#include "sql/SqlDialect.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace fabrica {

// The JSON kind a constraint value must have.
enum class ValueKind {
    Boolean,     // true / false
    Integer,     // a JSON number without a fraction
    Number,      // any JSON number
    String,      // any string
    Choice,      // a string from ConstraintKey::choices
    Date,        // "YYYY-MM-DD"
    Time,        // "HH:MM:SS" (fraction allowed)
    Timestamp,   // "YYYY-MM-DDTHH:MM:SS" with optional fraction and offset ("Z", "+01:00")
    StringList,  // array of strings
    NumberList,  // array of numbers
    Reference,   // "table.column"
    Distribution,// object {"name": uniform|normal|lognormal|exponential|zipf|poisson, parameters…}
    Object,      // any JSON object (checked by the type's generator)
};

QString valueKindName(ValueKind kind); // "boolean", "integer", …, as written in docs and messages

// One constraint key a data type accepts.
struct ConstraintKey
{
    QString name;
    ValueKind kind = ValueKind::String;
    QJsonValue defaultValue{QJsonValue::Undefined}; // Undefined when there is none
    QString description;
    QStringList choices;   // for ValueKind::Choice
    bool required = false; // the type cannot work without it (e.g. enum's values)
    double minimum = -qInf(); // numeric bounds for Integer / Number keys
    double maximum = qInf();
};

// Metadata of one data type: what it is, which constraints it takes and how it maps to SQL.
// Generating values is the engine's business (core/generate); this is the single source for
// validation, the GUI's forms, `fabrica types`, docs/data-types.md and GET /types.
struct DataType
{
    QString id;       // e.g. "email"
    QString category; // e.g. "person"
    QString description;
    QString example;  // a typical value, for documentation
    QList<ConstraintKey> keys; // type-specific keys; the common keys apply in addition
    // SQL type per dialect as a template: "{key}" is replaced by the column's constraint (or its
    // default), e.g. "numeric({precision},{scale})". "@reference" means: the referenced column's type.
    QHash<SqlDialect, QString> sql;
    bool keyCapable = false; // may be a primary key, unique or referenced by a foreign key
    QString keyFamily;       // types in the same family may reference each other: integer, text, uuid…

    const ConstraintKey *key(const QString &name) const;
};

} // namespace fabrica
