#include "types/TypeRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <functional>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// The agreed spec (typespec.md): id, category, key family ("" = not key-capable), locale-sensitive.
struct SpecRow
{
    const char *id;
    const char *category;
    const char *keyFamily;
    bool locale;
};

constexpr SpecRow kSpec[] = {
    {"integer", "number", "integer", false},
    {"smallint", "number", "integer", false},
    {"bigint", "number", "integer", false},
    {"decimal", "number", "decimal", false},
    {"float", "number", "", false},
    {"double", "number", "", false},
    {"sequence", "number", "integer", false},
    {"string", "text", "text", false},
    {"char", "text", "text", false},
    {"pattern", "text", "text", false},
    {"template", "text", "text", false},
    {"lorem_word", "text", "", false},
    {"lorem_sentence", "text", "", false},
    {"lorem_paragraph", "text", "", false},
    {"boolean", "logic", "", false},
    {"date", "datetime", "date", false},
    {"time", "datetime", "", false},
    {"timestamp", "datetime", "timestamp", false},
    {"timestamptz", "datetime", "timestamp", false},
    {"uuid", "identifier", "uuid", false},
    {"password_hash", "identifier", "", false},
    {"token", "identifier", "text", false},
    {"first_name", "person", "", true},
    {"last_name", "person", "", true},
    {"full_name", "person", "", true},
    {"gender", "person", "", false},
    {"title", "person", "", true},
    {"username", "person", "text", true},
    {"email", "person", "text", true},
    {"phone", "person", "text", true},
    {"job_title", "person", "", true},
    {"street", "address", "", true},
    {"building_number", "address", "", true},
    {"city", "address", "", true},
    {"region", "address", "", true},
    {"postal_code", "address", "", true},
    {"country", "address", "", true},
    {"country_code", "address", "", false},
    {"latitude", "address", "", false},
    {"longitude", "address", "", false},
    {"time_zone", "address", "", false},
    {"company_name", "company", "", true},
    {"department", "company", "", true},
    {"industry", "company", "", true},
    {"url", "internet", "text", false},
    {"domain", "internet", "text", false},
    {"email_domain", "internet", "", true},
    {"ipv4", "internet", "text", false},
    {"ipv6", "internet", "text", false},
    {"mac_address", "internet", "text", false},
    {"user_agent", "internet", "", false},
    {"hex_color", "internet", "", false},
    {"slug", "internet", "text", false},
    {"iban", "finance", "text", false},
    {"bic", "finance", "", false},
    {"credit_card", "finance", "text", false},
    {"currency_code", "finance", "", false},
    {"amount", "finance", "", false},
    {"isbn13", "finance", "text", false},
    {"ean13", "finance", "text", false},
    {"enum", "structure", "text", false},
    {"json", "structure", "", false},
    {"foreign_key", "structure", "@reference", false},
    {"sample", "structure", "text", false},
};

const TypeRegistry &registry()
{
    return TypeRegistry::instance();
}

const DataType &type(const char *id)
{
    const DataType *found = registry().find(QString::fromLatin1(id));
    if (!found)
        qFatal("type %s missing", id);
    return *found;
}

// A small valid registry; each broken-input row changes one thing in it.
QJsonObject validKey()
{
    return {{u"name"_s, u"size"_s}, {u"kind"_s, u"integer"_s}, {u"default"_s, 10},
            {u"minimum"_s, 1},      {u"maximum"_s, 100},       {u"description"_s, u"Size."_s}};
}

QJsonObject validType()
{
    return {{u"id"_s, u"thing"_s},
            {u"category"_s, u"misc"_s},
            {u"description"_s, u"A thing."_s},
            {u"example"_s, u"x"_s},
            {u"keyCapable"_s, true},
            {u"keyFamily"_s, u"text"_s},
            {u"sql"_s, QJsonObject{{u"postgresql"_s, u"varchar({size})"_s},
                                   {u"mysql"_s, u"varchar({size})"_s},
                                   {u"sqlite"_s, u"TEXT"_s}}},
            {u"keys"_s, QJsonArray{validKey()}}};
}

QJsonObject validCommonKey()
{
    return {{u"name"_s, u"notNull"_s},
            {u"kind"_s, u"boolean"_s},
            {u"default"_s, false},
            {u"description"_s, u"Never null."_s}};
}

QJsonObject validRoot()
{
    return {{u"commonKeys"_s, QJsonArray{validCommonKey()}}, {u"types"_s, QJsonArray{validType()}}};
}

using Edit = std::function<void(QJsonObject &root)>;

QByteArray edited(const Edit &edit)
{
    QJsonObject root = validRoot();
    edit(root);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// Edits the first type of root.
Edit onType(const std::function<void(QJsonObject &)> &edit)
{
    return [edit](QJsonObject &root) {
        QJsonArray types = root.value(u"types").toArray();
        QJsonObject first = types.at(0).toObject();
        edit(first);
        types.replace(0, first);
        root.insert(u"types"_s, types);
    };
}

// Edits the first key of the first type.
Edit onKey(const std::function<void(QJsonObject &)> &edit)
{
    return onType([edit](QJsonObject &type) {
        QJsonArray keys = type.value(u"keys").toArray();
        QJsonObject first = keys.at(0).toObject();
        edit(first);
        keys.replace(0, first);
        type.insert(u"keys"_s, keys);
    });
}

Edit setSql(const QString &dialect, const QJsonValue &sql)
{
    return onType([=](QJsonObject &type) {
        QJsonObject map = type.value(u"sql").toObject();
        if (sql.isUndefined())
            map.remove(dialect);
        else
            map.insert(dialect, sql);
        type.insert(u"sql"_s, map);
    });
}

// Adds key as a second key of the first type, leaving the SQL template's key alone.
Edit secondKey(const QJsonObject &key)
{
    return onType([key](QJsonObject &t) { t.insert(u"keys"_s, QJsonArray{validKey(), key}); });
}

QJsonObject keyOf(const QString &kind, const QString &name, const QJsonValue &defaultValue)
{
    QJsonObject key{{u"name"_s, name}, {u"kind"_s, kind}, {u"description"_s, u"Extra."_s}};
    if (!defaultValue.isUndefined())
        key.insert(u"default"_s, defaultValue);
    return key;
}

QJsonObject keyOf(const QString &kind, const QJsonValue &defaultValue)
{
    return keyOf(kind, u"extra"_s, defaultValue);
}

} // namespace

class TestTypes : public QObject
{
    Q_OBJECT

private slots:
    void shippedRegistryLoads();
    void matchesSpec_data();
    void matchesSpec();
    void everyTypeIsDocumented();
    void keysAreConsistent();
    void commonKeys();
    void categoriesInFirstAppearanceOrder();
    void keyLookup();
    void sqlType_data();
    void sqlType();
    void valueKindNames();
    void validRegistryParses();
    void rejectsBrokenRegistry_data();
    void rejectsBrokenRegistry();
};

void TestTypes::shippedRegistryLoads()
{
    QFile file(u":/fabrica/types.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<TypeRegistry> loaded = TypeRegistry::fromJson(file.readAll());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QVERIFY(loaded->types().size() >= 60);
    QCOMPARE(loaded->types().size(), qsizetype(std::size(kSpec)));
    QCOMPARE(&TypeRegistry::instance(), &TypeRegistry::instance());
    QCOMPARE(registry().types().size(), loaded->types().size());
    QCOMPARE(registry().find(u"no_such_type"_s), nullptr);
}

void TestTypes::matchesSpec_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("keyFamily");
    QTest::addColumn<bool>("locale");
    for (const SpecRow &row : kSpec) {
        QTest::newRow(row.id) << QString::fromLatin1(row.category) << QString::fromLatin1(row.keyFamily)
                              << row.locale;
    }
}

void TestTypes::matchesSpec()
{
    QFETCH(QString, category);
    QFETCH(QString, keyFamily);
    QFETCH(bool, locale);
    const DataType *dataType = registry().find(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(dataType);
    QCOMPARE(dataType->category, category);
    QCOMPARE(dataType->keyCapable, !keyFamily.isEmpty());
    QCOMPARE(dataType->keyFamily, keyFamily);

    const ConstraintKey *localeKey = dataType->key(u"locale"_s);
    QCOMPARE(localeKey != nullptr, locale);
    if (localeKey) {
        QCOMPARE(localeKey->kind, ValueKind::Choice);
        QCOMPARE(localeKey->choices,
                 (QStringList{u"en_US"_s, u"en_GB"_s, u"de_DE"_s, u"fr_FR"_s, u"es_ES"_s}));
        QCOMPARE(localeKey->defaultValue, QJsonValue(u"en_US"_s));
    }
}

void TestTypes::everyTypeIsDocumented()
{
    for (const DataType &dataType : registry().types()) {
        QVERIFY2(!dataType.description.trimmed().isEmpty(), qPrintable(dataType.id));
        QVERIFY2(dataType.description.endsWith(u'.'), qPrintable(dataType.id));
        QVERIFY2(!dataType.example.trimmed().isEmpty(), qPrintable(dataType.id));
        for (SqlDialect dialect : allSqlDialects()) {
            QVERIFY2(!dataType.sql.value(dialect).isEmpty(),
                     qPrintable(dataType.id + u' ' + sqlDialectId(dialect)));
        }
        for (const ConstraintKey &key : dataType.keys)
            QVERIFY2(!key.description.trimmed().isEmpty(), qPrintable(dataType.id + u'.' + key.name));
    }
}

void TestTypes::keysAreConsistent()
{
    QList<ConstraintKey> all = registry().commonKeys();
    for (const DataType &dataType : registry().types())
        all += dataType.keys;
    for (const ConstraintKey &key : all) {
        const QByteArray where = key.name.toUtf8();
        if (key.kind == ValueKind::Choice) {
            QVERIFY2(!key.choices.isEmpty(), where);
            if (!key.defaultValue.isUndefined())
                QVERIFY2(key.choices.contains(key.defaultValue.toString()), where);
        } else {
            QVERIFY2(key.choices.isEmpty(), where);
        }
        if (key.kind == ValueKind::Integer || key.kind == ValueKind::Number) {
            QVERIFY2(key.minimum <= key.maximum, where);
            if (!key.defaultValue.isUndefined()) {
                QVERIFY2(key.defaultValue.isDouble(), where);
                QVERIFY2(key.defaultValue.toDouble() >= key.minimum, where);
                QVERIFY2(key.defaultValue.toDouble() <= key.maximum, where);
            }
        } else {
            QCOMPARE(key.minimum, -qInf());
            QCOMPARE(key.maximum, qInf());
        }
        if (key.required)
            QVERIFY2(key.defaultValue.isUndefined(), where);
    }

    // Spot checks of values the spec fixes.
    const ConstraintKey *precision = type("decimal").key(u"precision"_s);
    QVERIFY(precision);
    QCOMPARE(precision->defaultValue.toInteger(), 12);
    QCOMPARE(precision->minimum, 1.0);
    QCOMPARE(precision->maximum, 1000.0);
    const ConstraintKey *bigMax = type("bigint").key(u"max"_s);
    QVERIFY(bigMax);
    QCOMPARE(bigMax->defaultValue.toInteger(), std::numeric_limits<qint64>::max());
    QCOMPARE(type("uuid").key(u"version"_s)->choices, (QStringList{u"v4"_s, u"v7"_s}));
    QVERIFY(type("enum").key(u"values"_s)->required);
    QVERIFY(type("pattern").key(u"pattern"_s)->required);
    QVERIFY(type("template").key(u"template"_s)->required);
    QVERIFY(type("json").key(u"fields"_s)->required);
    QCOMPARE(type("gender").key(u"values"_s)->defaultValue, QJsonValue(QJsonArray{u"female"_s, u"male"_s}));
    // The window up to the fallback reference date; the engine moves it to the schema's (ColumnDefaults).
    QCOMPARE(type("date").key(u"min"_s)->defaultValue, QJsonValue(u"2021-01-01"_s));
    QCOMPARE(type("date").key(u"max"_s)->defaultValue, QJsonValue(u"2026-01-01"_s));
    QCOMPARE(type("timestamptz").key(u"format"_s)->defaultValue, QJsonValue(u"yyyy-MM-dd HH:mm:sst"_s));
    QCOMPARE(type("integer").key(u"distribution"_s)->kind, ValueKind::Distribution);
}

void TestTypes::commonKeys()
{
    QStringList names;
    for (const ConstraintKey &key : registry().commonKeys())
        names << key.name;
    QCOMPARE(names, (QStringList{u"notNull"_s, u"nullPercent"_s, u"unique"_s, u"primaryKey"_s, u"uniqueKey"_s,
                                 u"references"_s, u"cardinality"_s, u"after"_s, u"formula"_s, u"weightsBy"_s,
                                 u"databaseGenerated"_s, u"maxLength"_s, u"sqlType"_s}));
    QCOMPARE(registry().key(type("date"), u"after"_s)->kind, ValueKind::Object);
    QCOMPARE(registry().key(type("decimal"), u"formula"_s)->kind, ValueKind::String);
    const ConstraintKey *nullPercent = registry().key(type("integer"), u"nullPercent"_s);
    QVERIFY(nullPercent);
    QCOMPARE(nullPercent->kind, ValueKind::Number);
    QCOMPARE(nullPercent->minimum, 0.0);
    QCOMPARE(nullPercent->maximum, 100.0);
    QCOMPARE(nullPercent->defaultValue, QJsonValue(0));

    // foreign_key cannot work without a target: its own required key shadows the optional common one.
    const ConstraintKey *references = registry().key(type("foreign_key"), u"references"_s);
    QVERIFY(references);
    QCOMPARE(references->kind, ValueKind::Reference);
    QVERIFY(references->required);
    const ConstraintKey *commonReferences = registry().key(type("integer"), u"references"_s);
    QVERIFY(commonReferences);
    QVERIFY(!commonReferences->required);
    QCOMPARE(registry().key(type("foreign_key"), u"cardinality"_s)->kind, ValueKind::Object);
}

void TestTypes::categoriesInFirstAppearanceOrder()
{
    QCOMPARE(registry().categories(),
             (QStringList{u"number"_s, u"text"_s, u"logic"_s, u"datetime"_s, u"identifier"_s, u"person"_s,
                          u"address"_s, u"company"_s, u"internet"_s, u"finance"_s, u"structure"_s}));
}

void TestTypes::keyLookup()
{
    const DataType &decimal = type("decimal");
    const ConstraintKey *scale = registry().key(decimal, u"scale"_s);
    QVERIFY(scale);
    QCOMPARE(scale, decimal.key(u"scale"_s));
    QCOMPARE(scale->kind, ValueKind::Integer);
    QCOMPARE(registry().key(decimal, u"notNull"_s), &registry().commonKeys().at(0));
    QCOMPARE(decimal.key(u"notNull"_s), nullptr); // DataType::key knows only the type's own keys
    QCOMPARE(registry().key(decimal, u"alphabet"_s), nullptr);
    QCOMPARE(registry().key(decimal, u"maxLength"_s), registry().key(type("city"), u"maxLength"_s)); // common
    QCOMPARE(registry().key(decimal, u"Scale"_s), nullptr);
    QCOMPARE(registry().key(decimal, QString()), nullptr);
}

void TestTypes::sqlType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QJsonObject>("constraints");
    QTest::addColumn<QString>("expected");

    const QJsonObject none;
    const QJsonObject decimal{{u"precision"_s, 10}, {u"scale"_s, 3}};
    QTest::newRow("decimal pg") << u"decimal"_s << u"postgresql"_s << decimal << u"numeric(10,3)"_s;
    QTest::newRow("decimal mysql") << u"decimal"_s << u"mysql"_s << decimal << u"decimal(10,3)"_s;
    QTest::newRow("decimal sqlite") << u"decimal"_s << u"sqlite"_s << decimal << u"NUMERIC"_s;
    QTest::newRow("decimal defaults") << u"decimal"_s << u"postgresql"_s << none << u"numeric(12,2)"_s;
    QTest::newRow("decimal scale only")
        << u"decimal"_s << u"mysql"_s << QJsonObject{{u"scale"_s, 4}} << u"decimal(12,4)"_s;
    QTest::newRow("string maxLength")
        << u"string"_s << u"postgresql"_s << QJsonObject{{u"maxLength"_s, 40}} << u"varchar(40)"_s;
    QTest::newRow("string integral double")
        << u"string"_s << u"mysql"_s << QJsonObject{{u"maxLength"_s, 40.0}} << u"varchar(40)"_s;
    QTest::newRow("string default") << u"string"_s << u"mysql"_s << none << u"varchar(16)"_s;
    QTest::newRow("string malformed constraint")
        << u"string"_s << u"postgresql"_s << QJsonObject{{u"maxLength"_s, u"40); DROP TABLE x; --"_s}}
        << u"varchar(16)"_s;
    QTest::newRow("string sqlite") << u"string"_s << u"sqlite"_s << QJsonObject{{u"maxLength"_s, 40}}
                                   << u"TEXT"_s;
    QTest::newRow("char length") << u"char"_s << u"mysql"_s << QJsonObject{{u"length"_s, 5}} << u"char(5)"_s;
    QTest::newRow("char default") << u"char"_s << u"postgresql"_s << none << u"char(1)"_s;
    QTest::newRow("username default") << u"username"_s << u"postgresql"_s << none << u"varchar(32)"_s;
    QTest::newRow("amount scale") << u"amount"_s << u"postgresql"_s << QJsonObject{{u"scale"_s, 4}}
                                  << u"numeric(14,4)"_s;
    QTest::newRow("amount default") << u"amount"_s << u"mysql"_s << none << u"decimal(14,2)"_s;
    QTest::newRow("foreign_key pg") << u"foreign_key"_s << u"postgresql"_s
                                    << QJsonObject{{u"references"_s, u"users.id"_s}} << QString();
    QTest::newRow("foreign_key sqlite") << u"foreign_key"_s << u"sqlite"_s << none << QString();
    QTest::newRow("integer pg") << u"integer"_s << u"postgresql"_s << none << u"integer"_s;
    QTest::newRow("integer mysql") << u"integer"_s << u"mysql"_s << none << u"int"_s;
    QTest::newRow("double pg") << u"double"_s << u"postgresql"_s << none << u"double precision"_s;
    QTest::newRow("uuid mysql") << u"uuid"_s << u"mysql"_s << none << u"char(36)"_s;
    QTest::newRow("json pg") << u"json"_s << u"postgresql"_s << none << u"jsonb"_s;
    QTest::newRow("timestamptz mysql") << u"timestamptz"_s << u"mysql"_s << none << u"datetime(6)"_s;
}

void TestTypes::sqlType()
{
    QFETCH(QString, type);
    QFETCH(QString, dialect);
    QFETCH(QJsonObject, constraints);
    QFETCH(QString, expected);
    const DataType *dataType = registry().find(type);
    QVERIFY(dataType);
    const std::optional<SqlDialect> sqlDialect = sqlDialectFromId(dialect);
    QVERIFY(sqlDialect);
    QCOMPARE(registry().sqlType(*dataType, *sqlDialect, constraints), expected);
}

void TestTypes::valueKindNames()
{
    QCOMPARE(valueKindName(ValueKind::Boolean), u"boolean"_s);
    QCOMPARE(valueKindName(ValueKind::Integer), u"integer"_s);
    QCOMPARE(valueKindName(ValueKind::Number), u"number"_s);
    QCOMPARE(valueKindName(ValueKind::String), u"string"_s);
    QCOMPARE(valueKindName(ValueKind::Choice), u"choice"_s);
    QCOMPARE(valueKindName(ValueKind::Date), u"date"_s);
    QCOMPARE(valueKindName(ValueKind::Time), u"time"_s);
    QCOMPARE(valueKindName(ValueKind::Timestamp), u"timestamp"_s);
    QCOMPARE(valueKindName(ValueKind::StringList), u"stringList"_s);
    QCOMPARE(valueKindName(ValueKind::NumberList), u"numberList"_s);
    QCOMPARE(valueKindName(ValueKind::Reference), u"reference"_s);
    QCOMPARE(valueKindName(ValueKind::Distribution), u"distribution"_s);
    QCOMPARE(valueKindName(ValueKind::Object), u"object"_s);
}

void TestTypes::validRegistryParses()
{
    // Guards the broken-input rows: each must fail because of its one edit, not the base.
    const Result<TypeRegistry> loaded = TypeRegistry::fromJson(edited([](QJsonObject &) {}));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const DataType *thing = loaded->find(u"thing"_s);
    QVERIFY(thing);
    QCOMPARE(loaded->sqlType(*thing, SqlDialect::PostgreSQL, {{u"size"_s, 7}}), u"varchar(7)"_s);

    // A well-formed default of every kind is accepted.
    const QList<std::pair<QString, QJsonValue>> defaults{
        {u"boolean"_s, true},
        {u"number"_s, 2.5},
        {u"string"_s, u""_s},
        {u"date"_s, u"2024-02-29"_s},
        {u"time"_s, u"23:59:59.999"_s},
        {u"timestamp"_s, u"2024-02-29T12:00:00"_s},
        {u"timestamp"_s, u"2024-02-29T12:00:00.5+05:30"_s},
        {u"timestamp"_s, u"2024-02-29T12:00:00Z"_s},
        {u"stringList"_s, QJsonArray{u"a"_s}},
        {u"numberList"_s, QJsonArray{1, 2.5}},
        {u"reference"_s, u"users.id"_s},
        {u"distribution"_s, QJsonObject{{u"name"_s, u"zipf"_s}, {u"s"_s, 1.1}}},
        {u"object"_s, QJsonObject{}},
    };
    for (const auto &[kind, value] : defaults) {
        const Result<TypeRegistry> parsed = TypeRegistry::fromJson(edited(secondKey(keyOf(kind, value))));
        QVERIFY2(parsed.ok(),
                 qPrintable(kind + u": "_s + (parsed.ok() ? QString() : parsed.error().message)));
        QCOMPARE(parsed->find(u"thing"_s)->key(u"extra"_s)->defaultValue, value);
    }
}

void TestTypes::rejectsBrokenRegistry_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    auto row = [](const char *tag, const QByteArray &json, const QString &message) {
        QTest::newRow(tag) << json << message;
    };

    row("not json", "{\"types\": [",
        u"The type registry is not valid JSON: unterminated array at offset 11."_s);
    row("not an object", "[]", u"The type registry must be a JSON object."_s);
    row("unknown top-level field", edited([](QJsonObject &r) { r.insert(u"version"_s, 1); }),
        u"The type registry has an unknown field \"version\"."_s);
    row("no types array", edited([](QJsonObject &r) { r.remove(u"types"_s); }),
        u"The type registry needs an array \"types\"."_s);
    row("no types", edited([](QJsonObject &r) { r.insert(u"types"_s, QJsonArray()); }),
        u"The type registry defines no types."_s);

    const QString kinds = u"boolean, integer, number, string, choice, date, time, timestamp, stringList, "
                          "numberList, reference, distribution, object."_s;

    // Types.
    row("type not an object", edited([](QJsonObject &r) { r.insert(u"types"_s, QJsonArray{42}); }),
        u"Type #1: not a JSON object."_s);
    row("type without id", edited(onType([](QJsonObject &t) { t.remove(u"id"_s); })),
        u"Type #1: the id is missing."_s);
    row("bad type id", edited(onType([](QJsonObject &t) { t.insert(u"id"_s, u"Thing"_s); })),
        u"Type #1: the id \"Thing\" is not made of lower-case letters, digits and underscores, "
        "starting with a letter."_s);
    row("duplicate type id", edited([](QJsonObject &r) {
            r.insert(u"types"_s, QJsonArray{validType(), validType()});
        }),
        u"Type 'thing': the id is already used by type #1."_s);
    row("unknown type field", edited(onType([](QJsonObject &t) { t.insert(u"keycapable"_s, true); })),
        u"Type 'thing': unknown field \"keycapable\"."_s);
    row("missing category", edited(onType([](QJsonObject &t) { t.remove(u"category"_s); })),
        u"Type 'thing': \"category\" is missing."_s);
    row("blank description", edited(onType([](QJsonObject &t) { t.insert(u"description"_s, u"  "_s); })),
        u"Type 'thing': \"description\" is missing."_s);
    row("missing example", edited(onType([](QJsonObject &t) { t.remove(u"example"_s); })),
        u"Type 'thing': \"example\" is missing."_s);
    row("keyCapable not bool", edited(onType([](QJsonObject &t) { t.insert(u"keyCapable"_s, u"yes"_s); })),
        u"Type 'thing': \"keyCapable\" must be true or false."_s);
    row("key-capable without family", edited(onType([](QJsonObject &t) { t.remove(u"keyFamily"_s); })),
        u"Type 'thing': a key-capable type needs a \"keyFamily\"."_s);
    row("family without key capability",
        edited(onType([](QJsonObject &t) { t.insert(u"keyCapable"_s, false); })),
        u"Type 'thing': \"keyFamily\" is only allowed on key-capable types."_s);
    row("keys not an array", edited(onType([](QJsonObject &t) { t.insert(u"keys"_s, QJsonObject()); })),
        u"Type 'thing': \"keys\" must be an array."_s);

    // SQL types.
    row("sql not an object", edited(onType([](QJsonObject &t) { t.insert(u"sql"_s, u"text"_s); })),
        u"Type 'thing': \"sql\" must be an object with an SQL type per dialect."_s);
    row("missing sql for a dialect", edited(setSql(u"mysql"_s, QJsonValue::Undefined)),
        u"Type 'thing': the SQL type for mysql is missing."_s);
    row("empty sql", edited(setSql(u"sqlite"_s, u""_s)),
        u"Type 'thing': the SQL type for sqlite is missing."_s);
    row("unknown dialect", edited(setSql(u"oracle"_s, u"VARCHAR2(10)"_s)),
        u"Type 'thing': SQL type for the unknown dialect \"oracle\"."_s);
    row("unpaired brace", edited(setSql(u"postgresql"_s, u"varchar({size)"_s)),
        u"Type 'thing': the SQL type for postgresql has unpaired braces."_s);
    row("stray closing brace", edited(setSql(u"postgresql"_s, u"varchar(size})"_s)),
        u"Type 'thing': the SQL type for postgresql has unpaired braces."_s);
    row("placeholder of no key", edited(setSql(u"mysql"_s, u"varchar({length})"_s)),
        u"Type 'thing': the SQL type for mysql uses {length}, which is not a key of the type."_s);
    row("placeholder of a boolean key", edited(setSql(u"mysql"_s, u"varchar({notNull})"_s)),
        u"Type 'thing': the SQL type for mysql uses {notNull}, which is not an integer or number key."_s);
    row("placeholder without default", edited(onKey([](QJsonObject &k) { k.remove(u"default"_s); })),
        u"Type 'thing': the SQL type for postgresql uses {size}, which has no default."_s);

    // Keys.
    row("key not an object",
        edited(onType([](QJsonObject &t) { t.insert(u"keys"_s, QJsonArray{u"size"_s}); })),
        u"Type 'thing', key #1: not a JSON object."_s);
    row("key without name", edited(onKey([](QJsonObject &k) { k.remove(u"name"_s); })),
        u"Type 'thing', key #1: the name is missing."_s);
    row("bad key name", edited(onKey([](QJsonObject &k) { k.insert(u"name"_s, u"max-length"_s); })),
        u"Type 'thing', key #1: the name \"max-length\" is not an identifier (a lower-case letter, then "
        "letters and digits)."_s);
    row("duplicate key", edited(onType([](QJsonObject &t) {
            t.insert(u"keys"_s, QJsonArray{validKey(), validKey()});
        })),
        u"Type 'thing', key 'size': the key is defined twice."_s);
    row("unknown key field", edited(onKey([](QJsonObject &k) { k.insert(u"requried"_s, true); })),
        u"Type 'thing', key 'size': unknown field \"requried\"."_s);
    row("missing kind", edited(onKey([](QJsonObject &k) { k.remove(u"kind"_s); })),
        u"Type 'thing', key 'size': the kind is missing."_s);
    row("unknown kind", edited(onKey([](QJsonObject &k) { k.insert(u"kind"_s, u"int"_s); })),
        u"Type 'thing', key 'size': unknown kind \"int\"; the kinds are "_s + kinds);
    row("kind in wrong case", edited(onKey([](QJsonObject &k) { k.insert(u"kind"_s, u"Integer"_s); })),
        u"Type 'thing', key 'size': unknown kind \"Integer\"; the kinds are "_s + kinds);
    row("missing key description", edited(onKey([](QJsonObject &k) { k.remove(u"description"_s); })),
        u"Type 'thing', key 'size': the description is missing."_s);
    row("required not bool", edited(onKey([](QJsonObject &k) { k.insert(u"required"_s, 1); })),
        u"Type 'thing', key 'size': \"required\" must be true or false."_s);
    row("required with default", edited(onKey([](QJsonObject &k) { k.insert(u"required"_s, true); })),
        u"Type 'thing', key 'size': a required key must not have a default."_s);
    row("default of wrong kind", edited(onKey([](QJsonObject &k) { k.insert(u"default"_s, u"10"_s); })),
        u"Type 'thing', key 'size': the default \"10\" is not a valid integer."_s);
    row("fraction for integer", edited(onKey([](QJsonObject &k) { k.insert(u"default"_s, 10.5); })),
        u"Type 'thing', key 'size': the default 10.5 is not a valid integer."_s);
    row("null default", edited(onKey([](QJsonObject &k) { k.insert(u"default"_s, QJsonValue::Null); })),
        u"Type 'thing', key 'size': the default null is not a valid integer."_s);
    row("default below minimum", edited(onKey([](QJsonObject &k) { k.insert(u"default"_s, 0); })),
        u"Type 'thing', key 'size': the default 0 is less than the minimum 1."_s);
    row("default above maximum", edited(onKey([](QJsonObject &k) { k.insert(u"default"_s, 101); })),
        u"Type 'thing', key 'size': the default 101 is greater than the maximum 100."_s);
    row("minimum above maximum", edited(onKey([](QJsonObject &k) { k.insert(u"minimum"_s, 200); })),
        u"Type 'thing', key 'size': the minimum 200 is greater than the maximum 100."_s);
    row("bound not a number", edited(onKey([](QJsonObject &k) { k.insert(u"maximum"_s, u"100"_s); })),
        u"Type 'thing', key 'size': \"maximum\" must be a number."_s);

    // Kinds other than integer, on a second key so the SQL template stays valid.
    QJsonObject choice = keyOf(u"choice"_s, u"v5"_s);
    choice.insert(u"choices"_s, QJsonArray{u"v4"_s, u"v7"_s});
    row("choice default not among choices", edited(secondKey(choice)),
        u"Type 'thing', key 'extra': the default \"v5\" is not one of the choices (v4, v7)."_s);
    row("choice without choices", edited(secondKey(keyOf(u"choice"_s, u"v4"_s))),
        u"Type 'thing', key 'extra': a choice key needs \"choices\", a list of distinct strings."_s);
    choice.insert(u"choices"_s, QJsonArray{u"v4"_s, u"v4"_s});
    row("duplicate choices", edited(secondKey(choice)),
        u"Type 'thing', key 'extra': a choice key needs \"choices\", a list of distinct strings."_s);
    QJsonObject stringWithChoices = keyOf(u"string"_s, u"a"_s);
    stringWithChoices.insert(u"choices"_s, QJsonArray{u"a"_s});
    row("choices on a string key", edited(secondKey(stringWithChoices)),
        u"Type 'thing', key 'extra': \"choices\" is only allowed on choice keys."_s);
    QJsonObject boundedString = keyOf(u"string"_s, u"a"_s);
    boundedString.insert(u"minimum"_s, 0);
    row("bounds on a string key", edited(secondKey(boundedString)),
        u"Type 'thing', key 'extra': \"minimum\" and \"maximum\" are only allowed on integer and number keys."_s);
    row("invalid date", edited(secondKey(keyOf(u"date"_s, u"2023-02-29"_s))),
        u"Type 'thing', key 'extra': the default \"2023-02-29\" is not a valid date."_s);
    row("time out of range", edited(secondKey(keyOf(u"time"_s, u"24:00:00"_s))),
        u"Type 'thing', key 'extra': the default \"24:00:00\" is not a valid time."_s);
    row("timestamp with space", edited(secondKey(keyOf(u"timestamp"_s, u"2024-01-01 00:00:00"_s))),
        u"Type 'thing', key 'extra': the default \"2024-01-01 00:00:00\" is not a valid timestamp."_s);
    row("stringList with a number", edited(secondKey(keyOf(u"stringList"_s, QJsonArray{u"a"_s, 1}))),
        u"Type 'thing', key 'extra': the default [\"a\",1] is not a valid stringList."_s);
    row("reference without column", edited(secondKey(keyOf(u"reference"_s, u"users"_s))),
        u"Type 'thing', key 'extra': the default \"users\" is not a valid reference."_s);
    row("unknown distribution",
        edited(secondKey(keyOf(u"distribution"_s, QJsonObject{{u"name"_s, u"gauss"_s}}))),
        u"Type 'thing', key 'extra': the default {\"name\":\"gauss\"} is not a valid distribution."_s);
    row("shadowing common key with other kind",
        edited(secondKey(keyOf(u"string"_s, u"notNull"_s, QJsonValue::Undefined))),
        u"Type 'thing', key 'notNull': the kind string differs from the kind boolean of the common key."_s);

    // Common keys.
    row("common key with bad default", edited([](QJsonObject &r) {
            QJsonObject key = validCommonKey();
            key.insert(u"default"_s, 0);
            r.insert(u"commonKeys"_s, QJsonArray{key});
        }),
        u"Common key 'notNull': the default 0 is not a valid boolean."_s);
    row("duplicate common key", edited([](QJsonObject &r) {
            r.insert(u"commonKeys"_s, QJsonArray{validCommonKey(), validCommonKey()});
        }),
        u"Common key 'notNull': the key is defined twice."_s);
    row("common key without name", edited([](QJsonObject &r) {
            r.insert(u"commonKeys"_s, QJsonArray{validCommonKey(), QJsonObject{{u"kind"_s, u"boolean"_s}}});
        }),
        u"Common key #2: the name is missing."_s);
}

void TestTypes::rejectsBrokenRegistry()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Result<TypeRegistry> loaded = TypeRegistry::fromJson(json);
    QVERIFY2(!loaded.ok(), json);
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QCOMPARE(loaded.error().message, message);
}

QTEST_GUILESS_MAIN(TestTypes)
#include "tst_types.moc"
