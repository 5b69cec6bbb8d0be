#include "TypeRegistry.h"
#include "ValueKinds.h"

#include "DeclaredSqlType.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTime>

#include <cmath>
#include <optional>

// The registry file, resources/core/types.json (compiled in as :/fabrica/types.json):
//
// { "commonKeys": [ key, … ],                  keys every type accepts
//   "types": [ {
//       "id": "decimal",                       unique; [a-z][a-z0-9_]*
//       "category": "number",                  groups types in docs and the GUI (first-appearance order)
//       "description": "…", "example": "1234.56",
//       "keyCapable": true,                    optional, default false
//       "keyFamily": "decimal",                required exactly when keyCapable; "@reference" = the family
//                                              of the referenced column (foreign_key)
//       "sql": {"postgresql": "numeric({precision},{scale})", "mysql": "…", "sqlite": "NUMERIC"},
//                                              every dialect; {key} names an integer or number key (own or
//                                              common) with a default; "@reference" = the referenced type
//       "keys": [ key, … ] }, … ] }            optional; type-specific keys
//
// key: { "name": "precision",                  camelCase identifier, unique within its list
//        "kind": "integer",                    a valueKindName(): boolean integer number string choice
//                                              date time timestamp stringList numberList reference
//                                              distribution object
//        "default": 12,                        optional; must be of the kind (a choice among "choices",
//                                              a number within minimum..maximum)
//        "choices": ["v4", "v7"],              choice keys only, required there
//        "minimum": 1, "maximum": 1000,        optional; integer and number keys only
//        "required": true,                     optional; a required key has no default
//        "description": "…" }
//
// A type key may shadow a common key of the same kind, e.g. foreign_key's required "references".
// Unknown fields are errors so that a typo ("requried") cannot silently drop metadata.

namespace fabrica {

namespace {

using namespace Qt::StringLiterals;

constexpr QLatin1String kReferenceSql("@reference");
constexpr QLatin1String kResourcePath(":/fabrica/types.json");

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// A JSON value as it would appear in the file, for messages.
QString jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

bool isIntegral(double value)
{
    return std::isfinite(value) && std::trunc(value) == value;
}

// Integers without a fraction or exponent (SQL wants "numeric(10,3)", not "numeric(1e+01,3)").
QString numberText(double value)
{
    if (isIntegral(value) && std::abs(value) < 9.0e18)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString numberText(const QJsonValue &value)
{
    const double number = value.toDouble();
    // toInteger keeps 64-bit values exact where the double would round them.
    if (isIntegral(number) && std::abs(number) < 9.0e18)
        return QString::number(value.toInteger(static_cast<qint64>(number)));
    return numberText(number);
}

// The {key} names in an SQL template; nullopt when the braces do not pair up.
std::optional<QStringList> placeholders(const QString &sql)
{
    QStringList names;
    qsizetype pos = 0;
    while (pos < sql.size()) {
        const qsizetype open = sql.indexOf(u'{', pos);
        const qsizetype stray = sql.indexOf(u'}', pos);
        if (open < 0)
            return stray < 0 ? std::optional(names) : std::nullopt;
        const qsizetype close = sql.indexOf(u'}', open + 1);
        const qsizetype nested = sql.indexOf(u'{', open + 1);
        if (stray < open || close < 0 || (nested >= 0 && nested < close))
            return std::nullopt;
        names << sql.mid(open + 1, close - open - 1);
        pos = close + 1;
    }
    return names;
}

bool isKeyName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z][A-Za-z0-9]*$"_s);
    return re.match(name).hasMatch();
}

bool isTypeId(const QString &id)
{
    static const QRegularExpression re(u"^[a-z][a-z0-9_]*$"_s);
    return re.match(id).hasMatch();
}

// The non-empty string in object[field], or a null QString.
QString nonEmptyString(const QJsonObject &object, QStringView field)
{
    const QString text = object.value(field).toString();
    return text.trimmed().isEmpty() ? QString() : text;
}

std::optional<QString> unknownField(const QJsonObject &object, const QStringList &known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return it.key();
    }
    return std::nullopt;
}

// typeId is empty for a common key.
QString keySubject(const QString &typeId, const QString &keyName)
{
    return typeId.isEmpty()
               ? QCoreApplication::translate("fabrica::TypeRegistry", "Common key '%1'").arg(keyName)
               : QCoreApplication::translate("fabrica::TypeRegistry", "Type '%1', key '%2'")
                     .arg(typeId, keyName);
}

QString keySubject(const QString &typeId, qsizetype index)
{
    const QString number = u"#"_s + QString::number(index + 1);
    return typeId.isEmpty()
               ? QCoreApplication::translate("fabrica::TypeRegistry", "Common key %1").arg(number)
               : QCoreApplication::translate("fabrica::TypeRegistry", "Type '%1', key %2")
                     .arg(typeId, number);
}

QString typeSubject(const QString &typeId)
{
    return QCoreApplication::translate("fabrica::TypeRegistry", "Type '%1'").arg(typeId);
}

Result<ConstraintKey> parseKey(const QJsonValue &value, const QString &typeId, qsizetype index)
{
    if (!value.isObject())
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: not a JSON object.")
                           .arg(keySubject(typeId, index)));
    const QJsonObject object = value.toObject();

    ConstraintKey key;
    // The member's initialiser makes Null; "no default" is Undefined (DataType.h), Null is a wrong default.
    key.defaultValue = QJsonValue(QJsonValue::Undefined);
    key.name = object.value(u"name").toString();
    if (key.name.isEmpty())
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: the name is missing.")
                           .arg(keySubject(typeId, index)));
    if (!isKeyName(key.name)) {
        return invalid(
            QCoreApplication::translate(
                "fabrica::TypeRegistry",
                "%1: the name %2 is not an identifier (a lower-case letter, then letters and digits).")
                .arg(keySubject(typeId, index), jsonText(key.name)));
    }
    const QString subject = keySubject(typeId, key.name);

    static const QStringList known{u"name"_s,    u"kind"_s,    u"default"_s, u"description"_s,
                                   u"choices"_s, u"minimum"_s, u"maximum"_s, u"required"_s};
    if (const auto field = unknownField(object, known))
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: unknown field %2.")
                           .arg(subject, jsonText(*field)));

    if (!object.contains(u"kind"))
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: the kind is missing.").arg(subject));
    const std::optional<ValueKind> kind = valueKindFromName(object.value(u"kind").toString());
    if (!kind) {
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: unknown kind %2; the kinds are %3.")
                .arg(subject, jsonText(object.value(u"kind")), allValueKindNames()));
    }
    key.kind = *kind;

    key.description = nonEmptyString(object, u"description");
    if (key.description.isNull())
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: the description is missing.")
                           .arg(subject));

    if (object.contains(u"required")) {
        if (!object.value(u"required").isBool())
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: \"required\" must be true or false.")
                               .arg(subject));
        key.required = object.value(u"required").toBool();
    }

    if (key.kind == ValueKind::Choice) {
        const QJsonValue choices = object.value(u"choices");
        const QJsonArray array = choices.toArray();
        for (const QJsonValue &choice : array) {
            if (choice.toString().isEmpty() || key.choices.contains(choice.toString())) {
                key.choices.clear();
                break;
            }
            key.choices << choice.toString();
        }
        if (key.choices.isEmpty())
            return invalid(
                QCoreApplication::translate("fabrica::TypeRegistry",
                                            "%1: a choice key needs \"choices\", a list of distinct strings.")
                    .arg(subject));
    } else if (object.contains(u"choices")) {
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "%1: \"choices\" is only allowed on choice keys.")
                           .arg(subject));
    }

    const bool numeric = key.kind == ValueKind::Integer || key.kind == ValueKind::Number;
    for (const QString &bound : {u"minimum"_s, u"maximum"_s}) {
        if (!object.contains(bound))
            continue;
        if (!numeric) {
            return invalid(QCoreApplication::translate(
                               "fabrica::TypeRegistry",
                               "%1: \"minimum\" and \"maximum\" are only allowed on integer and number keys.")
                               .arg(subject));
        }
        if (!matchesKind(object.value(bound), ValueKind::Number))
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: %2 must be a number.")
                               .arg(subject, jsonText(bound)));
        (bound == u"minimum" ? key.minimum : key.maximum) = object.value(bound).toDouble();
    }
    if (key.minimum > key.maximum) {
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "%1: the minimum %2 is greater than the maximum %3.")
                           .arg(subject, numberText(key.minimum), numberText(key.maximum)));
    }

    if (object.contains(u"default")) {
        const QJsonValue defaultValue = object.value(u"default");
        const QString text = jsonText(defaultValue);
        if (key.required)
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: a required key must not have a default.")
                               .arg(subject));
        if (!matchesKind(defaultValue, key.kind)) {
            return invalid(
                QCoreApplication::translate("fabrica::TypeRegistry", "%1: the default %2 is not a valid %3.")
                    .arg(subject, text, valueKindName(key.kind)));
        }
        if (key.kind == ValueKind::Choice && !key.choices.contains(defaultValue.toString())) {
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: the default %2 is not one of the choices (%3).")
                               .arg(subject, text, key.choices.join(u", "_s)));
        }
        if (numeric && defaultValue.toDouble() < key.minimum) {
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: the default %2 is less than the minimum %3.")
                               .arg(subject, text, numberText(key.minimum)));
        }
        if (numeric && defaultValue.toDouble() > key.maximum) {
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: the default %2 is greater than the maximum %3.")
                               .arg(subject, text, numberText(key.maximum)));
        }
        key.defaultValue = defaultValue;
    }
    return key;
}

// Parses a list of keys; commonKeys is empty when parsing the common keys themselves.
Result<QList<ConstraintKey>> parseKeys(const QJsonArray &array, const QString &typeId,
                                       const QList<ConstraintKey> &commonKeys)
{
    QList<ConstraintKey> keys;
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<ConstraintKey> key = parseKey(array.at(i), typeId, i);
        if (!key)
            return key.error();
        const QString subject = keySubject(typeId, key->name);
        if (std::any_of(keys.cbegin(), keys.cend(),
                        [&](const ConstraintKey &k) { return k.name == key->name; }))
            return invalid(
                QCoreApplication::translate("fabrica::TypeRegistry", "%1: the key is defined twice.")
                    .arg(subject));
        for (const ConstraintKey &common : commonKeys) {
            if (common.name == key->name && common.kind != key->kind) {
                return invalid(
                    QCoreApplication::translate("fabrica::TypeRegistry",
                                                "%1: the kind %2 differs from the kind %3 of the common key.")
                        .arg(subject, valueKindName(key->kind), valueKindName(common.kind)));
            }
        }
        keys << std::move(key).value();
    }
    return keys;
}

Result<QString> parseSql(const QJsonValue &value, const DataType &type, SqlDialect dialect,
                         const QList<ConstraintKey> &commonKeys)
{
    const QString subject = typeSubject(type.id);
    const QString dialectId = sqlDialectId(dialect);
    const QString sql = value.toString();
    if (sql.trimmed().isEmpty())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: the SQL type for %2 is missing.")
                .arg(subject, dialectId));
    if (sql == kReferenceSql)
        return sql;
    const std::optional<QStringList> names = placeholders(sql);
    if (!names)
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "%1: the SQL type for %2 has unpaired braces.")
                           .arg(subject, dialectId));
    for (const QString &name : *names) {
        const ConstraintKey *key = type.key(name);
        for (qsizetype i = 0; !key && i < commonKeys.size(); ++i)
            key = commonKeys[i].name == name ? &commonKeys[i] : nullptr;
        const QString placeholder = u"{"_s + name + u"}"_s;
        if (!key) {
            return invalid(QCoreApplication::translate(
                               "fabrica::TypeRegistry",
                               "%1: the SQL type for %2 uses %3, which is not a key of the type.")
                               .arg(subject, dialectId, placeholder));
        }
        if (key->kind != ValueKind::Integer && key->kind != ValueKind::Number) {
            // Only numbers are spliced into DDL, so a constraint can never inject SQL.
            return invalid(QCoreApplication::translate(
                               "fabrica::TypeRegistry",
                               "%1: the SQL type for %2 uses %3, which is not an integer or number key.")
                               .arg(subject, dialectId, placeholder));
        }
        if (key->defaultValue.isUndefined()) {
            return invalid(
                QCoreApplication::translate("fabrica::TypeRegistry",
                                            "%1: the SQL type for %2 uses %3, which has no default.")
                    .arg(subject, dialectId, placeholder));
        }
    }
    return sql;
}

Result<DataType> parseType(const QJsonValue &value, qsizetype index, const QList<ConstraintKey> &commonKeys)
{
    const QString indexSubject =
        QCoreApplication::translate("fabrica::TypeRegistry", "Type #%1").arg(index + 1);
    if (!value.isObject())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: not a JSON object.").arg(indexSubject));
    const QJsonObject object = value.toObject();

    DataType type;
    type.id = object.value(u"id").toString();
    if (type.id.isEmpty())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: the id is missing.").arg(indexSubject));
    if (!isTypeId(type.id)) {
        return invalid(
            QCoreApplication::translate(
                "fabrica::TypeRegistry",
                "%1: the id %2 is not made of lower-case letters, digits and underscores, starting "
                "with a letter.")
                .arg(indexSubject, jsonText(type.id)));
    }
    const QString subject = typeSubject(type.id);

    static const QStringList known{u"id"_s,         u"category"_s,  u"description"_s, u"example"_s,
                                   u"keyCapable"_s, u"keyFamily"_s, u"sql"_s,         u"keys"_s};
    if (const auto field = unknownField(object, known))
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: unknown field %2.")
                           .arg(subject, jsonText(*field)));

    const std::pair<QStringView, QString *> texts[] = {
        {u"category", &type.category}, {u"description", &type.description}, {u"example", &type.example}};
    for (const auto &[field, target] : texts) {
        *target = nonEmptyString(object, field);
        if (target->isNull())
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: %2 is missing.")
                               .arg(subject, jsonText(field.toString())));
    }

    if (object.contains(u"keyCapable") && !object.value(u"keyCapable").isBool())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "%1: \"keyCapable\" must be true or false.")
                .arg(subject));
    type.keyCapable = object.value(u"keyCapable").toBool();
    type.keyFamily = nonEmptyString(object, u"keyFamily");
    if (type.keyCapable && type.keyFamily.isNull())
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "%1: a key-capable type needs a \"keyFamily\".")
                           .arg(subject));
    if (!type.keyCapable && object.contains(u"keyFamily"))
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "%1: \"keyFamily\" is only allowed on key-capable types.")
                           .arg(subject));

    if (object.contains(u"keys") && !object.value(u"keys").isArray())
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry", "%1: \"keys\" must be an array.")
                           .arg(subject));
    Result<QList<ConstraintKey>> keys = parseKeys(object.value(u"keys").toArray(), type.id, commonKeys);
    if (!keys)
        return keys.error();
    type.keys = std::move(keys).value();

    if (!object.value(u"sql").isObject())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry",
                                        "%1: \"sql\" must be an object with an SQL type per dialect.")
                .arg(subject));
    const QJsonObject sql = object.value(u"sql").toObject();
    for (auto it = sql.begin(); it != sql.end(); ++it) {
        const QList<SqlDialect> dialects = allSqlDialects();
        if (std::none_of(dialects.cbegin(), dialects.cend(),
                         [&](SqlDialect d) { return sqlDialectId(d) == it.key(); })) {
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: SQL type for the unknown dialect %2.")
                               .arg(subject, jsonText(it.key())));
        }
    }
    for (SqlDialect dialect : allSqlDialects()) {
        Result<QString> sqlType = parseSql(sql.value(sqlDialectId(dialect)), type, dialect, commonKeys);
        if (!sqlType)
            return sqlType.error();
        type.sql.insert(dialect, sqlType.value());
    }
    return type;
}

TypeRegistry loadCompiledIn()
{
    QFile file(kResourcePath);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("Cannot open the compiled-in type registry %s: %s", qPrintable(file.fileName()),
               qPrintable(file.errorString()));
    }
    Result<TypeRegistry> registry = TypeRegistry::fromJson(file.readAll());
    if (!registry) {
        // The file is compiled in, so this is a build bug, never a user error.
        qFatal("The compiled-in type registry %s is broken: %s", qPrintable(file.fileName()),
               qPrintable(registry.error().message));
    }
    qCDebug(lcTypes) << "Loaded" << registry->types().size() << "data types from" << file.fileName();
    return std::move(registry).value();
}

} // namespace

const TypeRegistry &TypeRegistry::instance()
{
    static const TypeRegistry registry = loadCompiledIn();
    return registry;
}

const DataType *TypeRegistry::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_types.at(*it);
}

QStringList TypeRegistry::categories() const
{
    QStringList result;
    for (const DataType &type : m_types) {
        if (!result.contains(type.category))
            result << type.category;
    }
    return result;
}

const ConstraintKey *TypeRegistry::key(const DataType &type, const QString &name) const
{
    if (const ConstraintKey *own = type.key(name))
        return own;
    for (const ConstraintKey &common : m_commonKeys) {
        if (common.name == name)
            return &common;
    }
    return nullptr;
}

QJsonObject TypeRegistry::acceptedConstraints(const DataType &type, const QJsonObject &constraints) const
{
    QJsonObject kept;
    for (auto it = constraints.begin(); it != constraints.end(); ++it) {
        if (key(type, it.key()))
            kept.insert(it.key(), it.value());
    }
    return kept;
}

QString TypeRegistry::sqlType(const DataType &type, SqlDialect dialect, const QJsonObject &constraints) const
{
    const QString sql = type.sql.value(dialect);
    if (sql == kReferenceSql)
        return {};
    // The type the imported DDL declared wins: varchar(15) stays varchar(15).
    if (const QString declared =
            DeclaredSqlType::parse(constraints.value(QStringLiteral("sqlType")).toString())
                .forDialect(dialect);
        !declared.isEmpty())
        return declared;
    // A common maxLength narrows a varchar the type would write wider.
    if (const QJsonValue length = constraints.value(QStringLiteral("maxLength"));
        length.isDouble() && length.toInt() >= 1 &&
        sql.startsWith(QLatin1String("varchar("), Qt::CaseInsensitive))
        return QStringLiteral("varchar(%1)").arg(length.toInt());
    QString result;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype open = sql.indexOf(u'{', pos);
        const qsizetype close = open < 0 ? -1 : sql.indexOf(u'}', open + 1);
        if (close < 0) {
            result += sql.mid(pos);
            return result;
        }
        result += sql.mid(pos, open - pos);
        const QString name = sql.mid(open + 1, close - open - 1);
        const QJsonValue given = constraints.value(name);
        // A malformed constraint is the validator's to report; the DDL falls back to the default.
        if (matchesKind(given, ValueKind::Number)) {
            result += numberText(given);
        } else if (const ConstraintKey *k = key(type, name); k && !k->defaultValue.isUndefined()) {
            result += numberText(k->defaultValue);
        }
        pos = close + 1;
    }
}

Result<TypeRegistry> TypeRegistry::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                   "The type registry is not valid JSON: %1 at offset %2.")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    }
    if (!document.isObject())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "The type registry must be a JSON object."));
    const QJsonObject root = document.object();
    if (const auto field = unknownField(root, {u"commonKeys"_s, u"types"_s}))
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "The type registry has an unknown field %1.")
                .arg(jsonText(*field)));
    for (const QString &field : {u"commonKeys"_s, u"types"_s}) {
        if (!root.value(field).isArray())
            return invalid(
                QCoreApplication::translate("fabrica::TypeRegistry", "The type registry needs an array %1.")
                    .arg(jsonText(field)));
    }

    TypeRegistry registry;
    Result<QList<ConstraintKey>> commonKeys = parseKeys(root.value(u"commonKeys").toArray(), QString(), {});
    if (!commonKeys)
        return commonKeys.error();
    registry.m_commonKeys = std::move(commonKeys).value();

    const QJsonArray types = root.value(u"types").toArray();
    if (types.isEmpty())
        return invalid(
            QCoreApplication::translate("fabrica::TypeRegistry", "The type registry defines no types."));
    for (qsizetype i = 0; i < types.size(); ++i) {
        Result<DataType> type = parseType(types.at(i), i, registry.m_commonKeys);
        if (!type)
            return type.error();
        if (const auto it = registry.m_index.constFind(type->id); it != registry.m_index.cend()) {
            return invalid(QCoreApplication::translate("fabrica::TypeRegistry",
                                                       "%1: the id is already used by type #%2.")
                               .arg(typeSubject(type->id))
                               .arg(*it + 1));
        }
        registry.m_index.insert(type->id, registry.m_types.size());
        registry.m_types << std::move(type).value();
    }
    return registry;
}

} // namespace fabrica
