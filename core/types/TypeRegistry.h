#pragma once

#include "DataType.h"
#include "common/Result.h"

#include <QJsonObject>

namespace fabrica {

// All data types Fabrica knows, loaded once from the compiled-in resource :/fabrica/types.json.
// Thread-safe after construction; instance() is safe to call from any thread.
class TypeRegistry
{
public:
    static const TypeRegistry &instance();

    const DataType *find(const QString &id) const;
    const QList<DataType> &types() const { return m_types; }
    QStringList categories() const; // in the order of first appearance
    // Keys every type accepts (notNull, nullPercent, unique, primaryKey, references, …).
    const QList<ConstraintKey> &commonKeys() const { return m_commonKeys; }
    // A key of type, or a common key; nullptr when the type does not accept it.
    const ConstraintKey *key(const DataType &type, const QString &name) const;
    // The constraints that type accepts (its own keys and the common ones), e.g. after a change of type.
    QJsonObject acceptedConstraints(const DataType &type, const QJsonObject &constraints) const;

    // The SQL column type of a column of type with constraints in dialect, templates filled in.
    // Returns an empty string for "@reference" (the caller resolves the referenced column).
    QString sqlType(const DataType &type, SqlDialect dialect, const QJsonObject &constraints) const;

    // Builds a registry from JSON text; used by instance() and by tests with broken input.
    static Result<TypeRegistry> fromJson(const QByteArray &json);

private:
    QList<DataType> m_types;
    QList<ConstraintKey> m_commonKeys;
    QHash<QString, qsizetype> m_index;
};

} // namespace fabrica
