// SQL dialect ids, identifier quoting and validation, checked against real SQLite and PostgreSQL servers.
#include "sql/SqlDialect.h"
#include "sql/SqlIdentifier.h"
#include "sql/SqlKeywords.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <string>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using Kind = SqlIdentifier::Kind;

const QString kPgUrlVariable = u"FABRICA_TEST_PG_URL"_s;

// Hostile and boundary names shared by the quoting, validation and database tests.
QString injection()
{
    return u"\"; DROP TABLE users; --"_s;
}
QString bytes63()
{
    return u"long_name_"_s + QString(53, u'x');
}
QString bytes64()
{
    return u"long_name_"_s + QString(54, u'x');
}
// 62 ASCII bytes + 'ä' (2 bytes) = 64 bytes: a cut at byte 63 would split the 'ä'.
QString crossing2()
{
    return QString(62, u'a') + u"ä"_s;
}
// 31 × 'ö' (62 bytes) + '表' (3 bytes) = 65 bytes: only the 'ö's fit.
QString crossing3()
{
    return u"ö"_s.repeated(31) + u"表"_s;
}
// 16 × U+1F600 (4 bytes each, a surrogate pair in UTF-16) = 64 bytes.
QString crossing4()
{
    return u"😀"_s.repeated(16);
}

QStringList describe(const QList<SqlIdentifier::Finding> &findings)
{
    QStringList lines;
    for (const SqlIdentifier::Finding &finding : findings)
        lines << (finding.severity == SqlIdentifier::Severity::Error ? u"error: "_s : u"warning: "_s) +
                     finding.message;
    return lines;
}

// Removes the named connection after every QSqlDatabase handle declared after it has gone.
struct ConnectionGuard
{
    QString name;
    ~ConnectionGuard()
    {
        if (!name.isEmpty())
            QSqlDatabase::removeDatabase(name);
    }
};

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = sql + u": "_s + query.lastError().text();
    return false;
}

// Runs a prepared statement with bound values and collects its first column as text.
bool fetchStrings(QSqlDatabase &db, const QString &sql, const QVariantList &values, QStringList *out,
                  QString *error)
{
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        *error = sql + u": "_s + query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = sql + u": "_s + query.lastError().text();
        return false;
    }
    out->clear();
    while (query.next())
        out->append(query.value(0).toString());
    return true;
}

// How to read one database's catalog with prepared statements.
struct Catalog
{
    QString tablesSql;
    QVariantList tablesValues;
    QString columnsSql;
    std::function<QVariantList(const QString &table)> columnsValues;
};

QStringList sorted(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

// Names as a readable list for failure messages: ["users", "x"].
QString listed(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << u'"' + name + u'"';
    return u'[' + quoted.join(u", "_s) + u']';
}

// Empty when the lists match; otherwise both lists, since QCOMPARE shows only the sizes of lists that differ
// in size.
QString namesMismatch(const QStringList &actual, const QStringList &expected, const QString &what)
{
    if (actual == expected)
        return {};
    return u"%1 are %2, expected %3"_s.arg(what, listed(actual), listed(expected));
}

// CREATE TABLE <table> (<column> integer) through quote(), then checks from the catalog that exactly the
// intended names were stored, that `users` survived untouched, and that DROP TABLE removes only that table.
void createAndInspect(QSqlDatabase &db, SqlDialect dialect, const Catalog &catalog, const QString &table,
                      const QString &column, const QString &storedTable, const QString &storedColumn)
{
    QString error;
    const QString create = u"CREATE TABLE %1 (%2 integer)"_s.arg(SqlIdentifier::quote(dialect, table),
                                                                 SqlIdentifier::quote(dialect, column));
    QVERIFY2(exec(db, create, &error), qPrintable(error));

    QStringList tables;
    QVERIFY2(fetchStrings(db, catalog.tablesSql, catalog.tablesValues, &tables, &error), qPrintable(error));
    QString mismatch =
        namesMismatch(sorted(tables), sorted({u"users"_s, storedTable}), u"tables after CREATE"_s);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

    QStringList columns;
    QVERIFY2(fetchStrings(db, catalog.columnsSql, catalog.columnsValues(storedTable), &columns, &error),
             qPrintable(error));
    mismatch = namesMismatch(columns, {storedColumn}, u"columns"_s);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

    QStringList count;
    QVERIFY2(fetchStrings(db, u"SELECT count(*) FROM users"_s, {}, &count, &error), qPrintable(error));
    QCOMPARE(count, QStringList{u"1"_s});

    QVERIFY2(exec(db, u"DROP TABLE %1"_s.arg(SqlIdentifier::quote(dialect, table)), &error),
             qPrintable(error));
    QVERIFY2(fetchStrings(db, catalog.tablesSql, catalog.tablesValues, &tables, &error), qPrintable(error));
    mismatch = namesMismatch(tables, {u"users"_s}, u"tables after DROP TABLE"_s);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

} // namespace

class TestSqlIdentifier : public QObject
{
    Q_OBJECT

private slots:
    void dialectNames();
    void dialectFromId_data();
    void dialectFromId();
    void keywordLists();
    void isReserved_data();
    void isReserved();
    void quote_data();
    void quote();
    void check_data();
    void check();
    void postgresTruncated_data();
    void postgresTruncated();
    void sqliteCreateTable_data();
    void sqliteCreateTable();
    void sqliteRefusesReservedPrefix_data();
    void sqliteRefusesReservedPrefix();
    void postgresCreateTable_data();
    void postgresCreateTable();
    void cleanup();
    void cleanupTestCase();

private:
    void addDatabaseRows();
    QString openPostgres();

    QString m_pgConnection;
    QString m_pgSchema;
    QString m_pgError;
    bool m_pgTried = false;
    bool m_pgInTransaction = false;
};

void TestSqlIdentifier::dialectNames()
{
    QCOMPARE(allSqlDialects(),
             (QList<SqlDialect>{SqlDialect::PostgreSQL, SqlDialect::MySQL, SqlDialect::SQLite}));
    QCOMPARE(sqlDialectId(SqlDialect::PostgreSQL), u"postgresql"_s);
    QCOMPARE(sqlDialectId(SqlDialect::MySQL), u"mysql"_s);
    QCOMPARE(sqlDialectId(SqlDialect::SQLite), u"sqlite"_s);
    QCOMPARE(sqlDialectName(SqlDialect::PostgreSQL), u"PostgreSQL"_s);
    QCOMPARE(sqlDialectName(SqlDialect::MySQL), u"MySQL"_s);
    QCOMPARE(sqlDialectName(SqlDialect::SQLite), u"SQLite"_s);
    for (const SqlDialect dialect : allSqlDialects())
        QCOMPARE(sqlDialectFromId(sqlDialectId(dialect)), std::optional<SqlDialect>(dialect));
}

void TestSqlIdentifier::dialectFromId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("expected"); // -1: rejected

    const int pg = int(SqlDialect::PostgreSQL);
    const int my = int(SqlDialect::MySQL);
    const int lite = int(SqlDialect::SQLite);
    QTest::newRow("postgresql") << u"postgresql"_s << pg;
    QTest::newRow("PostgreSQL") << u"PostgreSQL"_s << pg;
    QTest::newRow("postgres") << u"postgres"_s << pg;
    QTest::newRow("POSTGRES") << u"POSTGRES"_s << pg;
    QTest::newRow("pg") << u"pg"_s << pg;
    QTest::newRow("Pg") << u"Pg"_s << pg;
    QTest::newRow("mysql") << u"mysql"_s << my;
    QTest::newRow("MySQL") << u"MySQL"_s << my;
    QTest::newRow("sqlite") << u"sqlite"_s << lite;
    QTest::newRow("SQLite") << u"SQLite"_s << lite;
    QTest::newRow("sqlite3") << u"sqlite3"_s << lite;
    QTest::newRow("SQLITE3") << u"SQLITE3"_s << lite;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("postgre") << u"postgre"_s << -1;
    QTest::newRow("padded") << u" pg"_s << -1;
    QTest::newRow("mariadb") << u"mariadb"_s << -1;
    QTest::newRow("sqlite2") << u"sqlite2"_s << -1;
    QTest::newRow("long s folds to s only in Unicode") << u"ſqlite"_s << -1;
}

void TestSqlIdentifier::dialectFromId()
{
    QFETCH(QString, id);
    QFETCH(int, expected);
    const std::optional<SqlDialect> dialect = sqlDialectFromId(id);
    QCOMPARE(dialect.has_value(), expected >= 0);
    if (dialect)
        QCOMPARE(int(*dialect), expected);
}

void TestSqlIdentifier::keywordLists()
{
    // PostgreSQL 15: 77 reserved + 23 reserved (can be function or type); MySQL 8.0: 262 (R); SQLite: 147.
    QCOMPARE(sqlReservedWords(SqlDialect::PostgreSQL).size(), size_t(100));
    QCOMPARE(sqlReservedWords(SqlDialect::MySQL).size(), size_t(262));
    QCOMPARE(sqlReservedWords(SqlDialect::SQLite).size(), size_t(147));
    for (const SqlDialect dialect : allSqlDialects()) {
        const auto words = sqlReservedWords(dialect);
        QVERIFY(std::ranges::is_sorted(words));
        QVERIFY(std::ranges::adjacent_find(words) == words.end());
        for (const std::string_view word : words) {
            QVERIFY(!word.empty());
            const bool plain = std::ranges::all_of(
                word, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
            QVERIFY2(plain, std::string(word).c_str());
        }
    }
}

void TestSqlIdentifier::isReserved_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<bool>("mysql");
    QTest::addColumn<bool>("sqlite");

    QTest::newRow("user") << u"user"_s << true << false << false; // MySQL: keyword, not reserved
    QTest::newRow("USER") << u"USER"_s << true << false << false;
    QTest::newRow("select") << u"select"_s << true << true << true;
    QTest::newRow("Order") << u"Order"_s << true << true << true;
    QTest::newRow("table") << u"table"_s << true << true << true;
    QTest::newRow("column") << u"column"_s << true << true << true;
    QTest::newRow("check") << u"check"_s << true << true << true;
    QTest::newRow("default") << u"default"_s << true << true << true;
    QTest::newRow("limit") << u"limit"_s << true << true << true;
    QTest::newRow("offset") << u"offset"_s << true << false << true;
    QTest::newRow("analyse") << u"analyse"_s << true << false << false; // removed from MySQL in 8.0.1
    QTest::newRow("analyze") << u"analyze"_s << true << true << true;
    QTest::newRow("authorization") << u"authorization"_s << true << false << false; // can be function or type
    QTest::newRow("tablesample") << u"tablesample"_s << true << false << false;
    QTest::newRow("intersect") << u"intersect"_s << true << true << true; // MySQL since 8.0.31
    QTest::newRow("array") << u"array"_s << true << false << false;       // MySQL: nonreserved since 8.0.19
    QTest::newRow("rank") << u"rank"_s << false << true << false;
    QTest::newRow("key") << u"key"_s << false << true << true;
    QTest::newRow("int1") << u"int1"_s << false << true << false;
    QTest::newRow("master_ssl_verify_server_cert")
        << u"master_ssl_verify_server_cert"_s << false << true << false;
    QTest::newRow("abort") << u"abort"_s << false << false << true;
    QTest::newRow("name") << u"name"_s << false << false << false;
    QTest::newRow("value") << u"value"_s << false << false << false;
    QTest::newRow("sqlite_master") << u"sqlite_master"_s << false << false << false;
    QTest::newRow("empty") << QString() << false << false << false;
    QTest::newRow("padded") << u"select "_s << false << false << false;
    QTest::newRow("prefix") << u"sel"_s << false << false << false;
    QTest::newRow("longer") << u"selects"_s << false << false << false;
    QTest::newRow("größe") << u"größe"_s << false << false << false;
    // The servers fold only ASCII: U+017F LATIN SMALL LETTER LONG S is not an 's'.
    QTest::newRow("long s") << u"ſelect"_s << false << false << false;
}

void TestSqlIdentifier::isReserved()
{
    QFETCH(QString, word);
    QFETCH(bool, postgres);
    QFETCH(bool, mysql);
    QFETCH(bool, sqlite);
    QCOMPARE(SqlIdentifier::isReserved(SqlDialect::PostgreSQL, word), postgres);
    QCOMPARE(SqlIdentifier::isReserved(SqlDialect::MySQL, word), mysql);
    QCOMPARE(SqlIdentifier::isReserved(SqlDialect::SQLite, word), sqlite);

    QList<SqlDialect> expected;
    if (postgres)
        expected << SqlDialect::PostgreSQL;
    if (mysql)
        expected << SqlDialect::MySQL;
    if (sqlite)
        expected << SqlDialect::SQLite;
    QCOMPARE(SqlIdentifier::reservedIn(word), expected);
}

void TestSqlIdentifier::quote_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("postgres");
    QTest::addColumn<QString>("mysql");
    QTest::addColumn<QString>("sqlite");

    const auto row = [](const char *tag, const QString &name, const QString &doubleQuoted,
                        const QString &backticked) {
        QTest::newRow(tag) << name << doubleQuoted << backticked << doubleQuoted;
    };
    row("injection", injection(), u"\"\"\"; DROP TABLE users; --\""_s, u"`\"; DROP TABLE users; --`"_s);
    row("closing injection", u"x\" (id integer); DROP TABLE users; --"_s,
        u"\"x\"\" (id integer); DROP TABLE users; --\""_s, u"`x\" (id integer); DROP TABLE users; --`"_s);
    row("ends with quote", u"x\""_s, u"\"x\"\"\""_s, u"`x\"`"_s);
    row("starts with quote", u"\"x"_s, u"\"\"\"x\""_s, u"`\"x`"_s);
    row("only a quote", u"\""_s, u"\"\"\"\""_s, u"`\"`"_s);
    row("dot", u"a.b"_s, u"\"a.b\""_s, u"`a.b`"_s);
    row("backtick", u"a`b"_s, u"\"a`b\""_s, u"`a``b`"_s);
    row("only a backtick", u"`"_s, u"\"`\""_s, u"````"_s);
    row("backtick injection", u"x`; DROP TABLE users; -- "_s, u"\"x`; DROP TABLE users; -- \""_s,
        u"`x``; DROP TABLE users; -- `"_s);
    row("user", u"user"_s, u"\"user\""_s, u"`user`"_s);
    row("sqlite_master", u"sqlite_master"_s, u"\"sqlite_master\""_s, u"`sqlite_master`"_s);
    row("64 bytes, not truncated", bytes64(), u"\""_s + bytes64() + u"\""_s, u"`"_s + bytes64() + u"`"_s);
    row("größe", u"größe"_s, u"\"größe\""_s, u"`größe`"_s);
    row("表", u"表"_s, u"\"表\""_s, u"`表`"_s);
    row("empty", QString(), u"\"\""_s, u"``"_s);
    row("NUL dropped", u"a\0b"_s, u"\"ab\""_s, u"`ab`"_s);
    row("only NUL", u"\0"_s, u"\"\""_s, u"``"_s);
    row("NUL before quote", u"a\0\"b"_s, u"\"a\"\"b\""_s, u"`a\"b`"_s);
}

void TestSqlIdentifier::quote()
{
    QFETCH(QString, name);
    QFETCH(QString, postgres);
    QFETCH(QString, mysql);
    QFETCH(QString, sqlite);
    QCOMPARE(SqlIdentifier::quote(SqlDialect::PostgreSQL, name), postgres);
    QCOMPARE(SqlIdentifier::quote(SqlDialect::MySQL, name), mysql);
    QCOMPARE(SqlIdentifier::quote(SqlDialect::SQLite, name), sqlite);
}

void TestSqlIdentifier::check_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("isTable");
    QTest::addColumn<QStringList>("expected");

    const QString reservedTail = u"; Fabrica quotes it, but hand-written SQL must too"_s;
    const auto tooLong = [](const QString &name, int bytes, const QString &kept) {
        return u"warning: name \"%1\" is %2 bytes long in UTF-8; "
               u"PostgreSQL keeps only the first 63 bytes: \"%3\""_s.arg(name, QString::number(bytes), kept);
    };

    QTest::newRow("empty table") << QString() << true << QStringList{u"error: table name is empty"_s};
    QTest::newRow("empty column") << QString() << false << QStringList{u"error: column name is empty"_s};
    QTest::newRow("plain") << u"customer_id"_s << true << QStringList{};

    QTest::newRow("injection") << injection() << true
                               << QStringList{
                                      u"error: name \"\"; DROP TABLE users; --\" contains a double quote"_s};
    QTest::newRow("ends with quote") << u"x\""_s << false
                                     << QStringList{u"error: name \"x\"\" contains a double quote"_s};
    QTest::newRow("starts with quote")
        << u"\"x"_s << false << QStringList{u"error: name \"\"x\" contains a double quote"_s};
    QTest::newRow("dot")
        << u"a.b"_s << true
        << QStringList{u"error: name \"a.b\" contains '.', which SQL tools read as a schema qualifier"_s};
    QTest::newRow("backtick") << u"a`b"_s << false
                              << QStringList{u"error: name \"a`b\" contains a backtick"_s};
    QTest::newRow("quote and dot") << u"x\".y"_s << true
                                   << QStringList{
                                          u"error: name \"x\".y\" contains a double quote"_s,
                                          u"error: name \"x\".y\" contains '.', which SQL tools read as a "
                                          u"schema qualifier"_s};

    QTest::newRow("sqlite_master table")
        << u"sqlite_master"_s << true
        << QStringList{
               u"error: table name \"sqlite_master\" starts with \"sqlite_\", which SQLite reserves for "
               u"its own tables"_s};
    QTest::newRow("SQLITE_stat1 table")
        << u"SQLITE_stat1"_s << true
        << QStringList{
               u"error: table name \"SQLITE_stat1\" starts with \"sqlite_\", which SQLite reserves for "
               u"its own tables"_s};
    QTest::newRow("sqlite_master column") << u"sqlite_master"_s << false << QStringList{};
    QTest::newRow("long s is not an s") << u"ſqlite_x"_s << true << QStringList{};
    QTest::newRow("sqlitemaster table") << u"sqlitemaster"_s << true << QStringList{};
    QTest::newRow("sqlite_ table with dot")
        << u"sqlite_a.b"_s << true
        << QStringList{
               u"error: name \"sqlite_a.b\" contains '.', which SQL tools read as a schema qualifier"_s,
               u"error: table name \"sqlite_a.b\" starts with \"sqlite_\", which SQLite reserves for its "
               u"own tables"_s};

    QTest::newRow("user") << u"user"_s << true
                          << QStringList{u"warning: \"user\" is a reserved word in PostgreSQL"_s +
                                         reservedTail};
    QTest::newRow("USER column") << u"USER"_s << false
                                 << QStringList{u"warning: \"USER\" is a reserved word in PostgreSQL"_s +
                                                reservedTail};
    QTest::newRow("order") << u"order"_s << false
                           << QStringList{
                                  u"warning: \"order\" is a reserved word in PostgreSQL, MySQL and SQLite"_s +
                                  reservedTail};
    QTest::newRow("Select table")
        << u"Select"_s << true
        << QStringList{u"warning: \"Select\" is a reserved word in PostgreSQL, MySQL and SQLite"_s +
                       reservedTail};
    QTest::newRow("offset")
        << u"offset"_s << false
        << QStringList{u"warning: \"offset\" is a reserved word in PostgreSQL and SQLite"_s + reservedTail};
    QTest::newRow("key") << u"key"_s << false
                         << QStringList{u"warning: \"key\" is a reserved word in MySQL and SQLite"_s +
                                        reservedTail};
    QTest::newRow("rank") << u"rank"_s << false
                          << QStringList{u"warning: \"rank\" is a reserved word in MySQL"_s + reservedTail};
    QTest::newRow("abort") << u"abort"_s << true
                           << QStringList{u"warning: \"abort\" is a reserved word in SQLite"_s +
                                          reservedTail};

    QTest::newRow("63 bytes") << bytes63() << true << QStringList{};
    QTest::newRow("64 bytes") << bytes64() << true << QStringList{tooLong(bytes64(), 64, bytes63())};
    QTest::newRow("2-byte char across 63")
        << crossing2() << false << QStringList{tooLong(crossing2(), 64, QString(62, u'a'))};
    QTest::newRow("3-byte char across 63")
        << crossing3() << false << QStringList{tooLong(crossing3(), 65, u"ö"_s.repeated(31))};
    QTest::newRow("4-byte chars across 63")
        << crossing4() << true << QStringList{tooLong(crossing4(), 64, u"😀"_s.repeated(15))};
    QTest::newRow("21 × 表 = 63 bytes") << u"表"_s.repeated(21) << true << QStringList{};
    QTest::newRow("größe") << u"größe"_s << true << QStringList{};
    QTest::newRow("表") << u"表"_s << false << QStringList{};

    QTest::newRow("leading space") << u" x"_s << true
                                   << QStringList{u"error: name \" x\" starts with white space"_s};
    QTest::newRow("trailing space") << u"x "_s << false
                                    << QStringList{u"error: name \"x \" ends with white space"_s};
    QTest::newRow("both ends") << u" x "_s << true
                               << QStringList{u"error: name \" x \" starts with white space"_s,
                                              u"error: name \" x \" ends with white space"_s};
    QTest::newRow("trailing no-break space")
        << u"x\u00a0"_s << false << QStringList{u"error: name \"x\u00a0\" ends with white space"_s};
    QTest::newRow("leading ideographic space")
        << u"\u3000x"_s << false << QStringList{u"error: name \"\u3000x\" starts with white space"_s};
    QTest::newRow("padded reserved word")
        << u" user"_s << true << QStringList{u"error: name \" user\" starts with white space"_s};
    QTest::newRow("inner space") << u"order date"_s << true << QStringList{};

    QTest::newRow("tab") << u"a\tb"_s << true
                         << QStringList{u"error: name \"a\uFFFDb\" contains the control character U+0009 at "
                                        u"position 2"_s};
    QTest::newRow("NUL") << u"a\0b"_s << false
                         << QStringList{u"error: name \"a\uFFFDb\" contains the control character U+0000 at "
                                        u"position 2"_s};
    QTest::newRow("leading tab, reported once")
        << u"\tx"_s << true
        << QStringList{u"error: name \"\uFFFDx\" contains the control character U+0009 at position 1"_s};
    QTest::newRow("repeated tab, reported once")
        << u"a\tb\tc"_s << true
        << QStringList{
               u"error: name \"a\uFFFDb\uFFFDc\" contains the control character U+0009 at position 2"_s};
    QTest::newRow("newline and DEL")
        << u"a\nb\x7f"_s << true
        << QStringList{
               u"error: name \"a\uFFFDb\uFFFD\" contains the control character U+000A at position 2"_s,
               u"error: name \"a\uFFFDb\uFFFD\" contains the control character U+007F at position 4"_s};
    QTest::newRow("C1 control NEL")
        << u"a\u0085b"_s << false
        << QStringList{u"error: name \"a\uFFFDb\" contains the control character U+0085 at position 2"_s};
    // Placeholders inside the name must survive the message's own substitutions.
    QTest::newRow("percent placeholders and a control")
        << u"%1%2%3\t"_s << true
        << QStringList{u"error: name \"%1%2%3\uFFFD\" contains the control character U+0009 at position 7"_s};
    QTest::newRow("percent placeholders, 64 bytes")
        << u"%2%3"_s + QString(60, u'p') << true
        << QStringList{tooLong(u"%2%3"_s + QString(60, u'p'), 64, u"%2%3"_s + QString(59, u'p'))};
    QTest::newRow("position counts characters")
        << u"😀\u001b"_s << false
        << QStringList{u"error: name \"😀\uFFFD\" contains the control character U+001B at position 2"_s};
}

void TestSqlIdentifier::check()
{
    QFETCH(QString, name);
    QFETCH(bool, isTable);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(SqlIdentifier::check(name, isTable ? Kind::Table : Kind::Column)), expected);
}

void TestSqlIdentifier::postgresTruncated_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("short") << u"abc"_s << u"abc"_s;
    QTest::newRow("63 bytes") << bytes63() << bytes63();
    QTest::newRow("64 bytes") << bytes64() << bytes63();
    QTest::newRow("200 bytes") << QString(200, u'z') << QString(63, u'z');
    QTest::newRow("2-byte char across 63") << crossing2() << QString(62, u'a');
    QTest::newRow("3-byte char across 63") << crossing3() << u"ö"_s.repeated(31);
    QTest::newRow("4-byte chars across 63") << crossing4() << u"😀"_s.repeated(15);
    QTest::newRow("21 × 表 = 63 bytes") << u"表"_s.repeated(21) << u"表"_s.repeated(21);
    QTest::newRow("22 × 表 = 66 bytes") << u"表"_s.repeated(22) << u"表"_s.repeated(21);
}

void TestSqlIdentifier::postgresTruncated()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const QString truncated = SqlIdentifier::postgresTruncated(name);
    QCOMPARE(truncated, expected);
    QVERIFY(truncated.toUtf8().size() <= SqlIdentifier::kPostgresMaxBytes);
    QVERIFY(name.startsWith(truncated));
}

// Table and column names for the database tests, with what PostgreSQL stores for each.
void TestSqlIdentifier::addDatabaseRows()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("pgTable");
    QTest::addColumn<QString>("pgColumn");

    const auto same = [](const char *tag, const QString &name) {
        QTest::newRow(tag) << name << name << name << name;
    };
    // Rejected by check(), yet quote() must keep them inert.
    same("injection", injection());
    // Executes a DROP TABLE if the quote is not doubled: PostgreSQL runs every statement of a query string.
    same("closing injection", u"x\" (id integer); DROP TABLE users; --"_s);
    same("ends with quote", u"x\""_s);
    same("starts with quote", u"\"x"_s);
    same("dot", u"a.b"_s);
    same("backtick", u"a`b"_s);
    same("backtick injection", u"x`; DROP TABLE users; -- "_s);
    // Accepted, possibly with a warning.
    same("user", u"user"_s);
    same("order", u"order"_s);
    QTest::newRow("mixed case kept") << u"Order"_s << u"SELECT"_s << u"Order"_s << u"SELECT"_s;
    QTest::newRow("sqlite_master column")
        << u"holds sqlite_master"_s << u"sqlite_master"_s << u"holds sqlite_master"_s << u"sqlite_master"_s;
    same("größe", u"größe"_s);
    same("表", u"表"_s);
    same("63 bytes", bytes63());
    QTest::newRow("64 bytes") << bytes64() << bytes64() << bytes63() << bytes63();
    QTest::newRow("2-byte char across 63")
        << crossing2() << crossing2() << QString(62, u'a') << QString(62, u'a');
    QTest::newRow("3-byte char across 63")
        << crossing3() << crossing3() << u"ö"_s.repeated(31) << u"ö"_s.repeated(31);
    QTest::newRow("4-byte chars across 63")
        << crossing4() << crossing4() << u"😀"_s.repeated(15) << u"😀"_s.repeated(15);
}

void TestSqlIdentifier::sqliteCreateTable_data()
{
    addDatabaseRows();
}

void TestSqlIdentifier::sqliteCreateTable()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QSQLITE"_s),
             "the Qt SQLite driver (QSQLITE) is not installed");

    static int serial = 0;
    const ConnectionGuard guard{u"tst_sql_identifier_sqlite_%1"_s.arg(++serial)};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, guard.name);
    db.setDatabaseName(u":memory:"_s);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));

    QString error;
    QVERIFY2(exec(db, u"CREATE TABLE users (id integer)"_s, &error), qPrintable(error));
    QVERIFY2(exec(db, u"INSERT INTO users VALUES (1)"_s, &error), qPrintable(error));

    const Catalog catalog{u"SELECT name FROM sqlite_master WHERE type = ?"_s,
                          {u"table"_s},
                          u"SELECT name FROM pragma_table_info(?) ORDER BY cid"_s,
                          [](const QString &stored) { return QVariantList{stored}; }};
    // SQLite keeps names byte for byte, however long.
    createAndInspect(db, SqlDialect::SQLite, catalog, table, column, table, column);
}

void TestSqlIdentifier::sqliteRefusesReservedPrefix_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<bool>("refused");
    QTest::newRow("sqlite_master") << u"sqlite_master"_s << true;
    QTest::newRow("sqlite_data") << u"sqlite_data"_s << true;
    QTest::newRow("SQLITE_stat1") << u"SQLITE_stat1"_s << true;
    QTest::newRow("sqlitedata") << u"sqlitedata"_s << false;
    QTest::newRow("long s") << u"ſqlite_x"_s << false;
}

// The sqlite_ rule of check() is SQLite's own: it must refuse exactly the table names check() rejects.
void TestSqlIdentifier::sqliteRefusesReservedPrefix()
{
    QFETCH(QString, table);
    QFETCH(bool, refused);
    const QStringList findings = describe(SqlIdentifier::check(table, Kind::Table));
    QCOMPARE(findings.size(), refused ? 1 : 0);

    static int serial = 0;
    const ConnectionGuard guard{u"tst_sql_identifier_sqlite_prefix_%1"_s.arg(++serial)};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, guard.name);
    db.setDatabaseName(u":memory:"_s);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    QString error;
    const bool created = exec(
        db, u"CREATE TABLE %1 (id integer)"_s.arg(SqlIdentifier::quote(SqlDialect::SQLite, table)), &error);
    QVERIFY2(created != refused, qPrintable(created ? u"SQLite created the table"_s : error));
    if (refused)
        QVERIFY2(error.contains(u"reserved for internal use"_s), qPrintable(error));
}

QString TestSqlIdentifier::openPostgres()
{
    if (m_pgTried)
        return m_pgError;
    m_pgTried = true;

    const QString value = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    if (value.isEmpty()) {
        m_pgError =
            u"%1 is not set: run scripts/test.sh, which starts a PostgreSQL server for the tests, or set "
            u"%1=postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable);
        return m_pgError;
    }
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s) ||
        url.host().isEmpty() || url.path().size() < 2) {
        m_pgError =
            u"%1=%2 is not of the form postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable, value);
        return m_pgError;
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        m_pgError = u"the Qt PostgreSQL driver (QPSQL) is not installed"_s;
        return m_pgError;
    }

    m_pgConnection = u"tst_sql_identifier_pg"_s;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_pgConnection);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    if (!db.open()) {
        m_pgError =
            u"cannot connect to %1: %2"_s.arg(url.toString(QUrl::RemovePassword), db.lastError().text());
        return m_pgError;
    }

    QStringList encoding;
    QString error;
    if (!fetchStrings(db, u"SELECT pg_catalog.current_setting('server_encoding')"_s, {}, &encoding, &error))
        return m_pgError = error;
    // Under SQL_ASCII the server cuts names by bytes, not characters, and the truncation checks would lie.
    if (encoding != QStringList{u"UTF8"_s})
        return m_pgError = u"database %1 has encoding %2; the tests need UTF8"_s.arg(db.databaseName(),
                                                                                     encoding.join(u','));

    // A schema of its own per run, with a name that needs quoting itself; dropped in cleanupTestCase().
    const QString schema =
        u"Fabrica tst_sql_identifier %1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
    const QString quoted = SqlIdentifier::quote(SqlDialect::PostgreSQL, schema);
    if (!exec(db, u"SET client_min_messages TO warning"_s, &error) ||
        !exec(db, u"CREATE SCHEMA %1"_s.arg(quoted), &error))
        return m_pgError = error;
    m_pgSchema = schema;
    if (!exec(db, u"SET search_path TO %1"_s.arg(quoted), &error) ||
        !exec(db, u"CREATE TABLE users (id integer)"_s, &error) ||
        !exec(db, u"INSERT INTO users VALUES (1)"_s, &error))
        return m_pgError = error;
    return {};
}

void TestSqlIdentifier::postgresCreateTable_data()
{
    addDatabaseRows();
}

void TestSqlIdentifier::postgresCreateTable()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QString, pgTable);
    QFETCH(QString, pgColumn);

    const QString error = openPostgres();
    if (!error.isEmpty())
        QFAIL(qPrintable(error));
    QCOMPARE(SqlIdentifier::postgresTruncated(table), pgTable);
    QCOMPARE(SqlIdentifier::postgresTruncated(column), pgColumn);

    // Each row runs in a transaction that cleanup() rolls back (PostgreSQL DDL is transactional), so a row
    // that fails halfway leaves nothing behind for the next one.
    QSqlDatabase db = QSqlDatabase::database(m_pgConnection);
    QVERIFY2(db.transaction(), qPrintable(db.lastError().text()));
    m_pgInTransaction = true;
    const QString schema = m_pgSchema;
    const Catalog catalog{
        u"SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
        u"c.relnamespace "
        u"WHERE n.nspname = ? AND c.relkind = 'r'"_s,
        {schema},
        u"SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
        u"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        u"WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"_s,
        [schema](const QString &stored) {
            return QVariantList{schema, stored};
        }};
    createAndInspect(db, SqlDialect::PostgreSQL, catalog, table, column, pgTable, pgColumn);
}

void TestSqlIdentifier::cleanup()
{
    if (!m_pgInTransaction)
        return;
    m_pgInTransaction = false;
    QSqlDatabase db = QSqlDatabase::database(m_pgConnection);
    QVERIFY2(db.rollback(), qPrintable(db.lastError().text()));
}

void TestSqlIdentifier::cleanupTestCase()
{
    if (m_pgConnection.isEmpty())
        return;
    const ConnectionGuard guard{m_pgConnection};
    QSqlDatabase db = QSqlDatabase::database(m_pgConnection);
    if (!m_pgSchema.isEmpty() && db.isOpen()) {
        QString error;
        QVERIFY2(
            exec(db,
                 u"DROP SCHEMA %1 CASCADE"_s.arg(SqlIdentifier::quote(SqlDialect::PostgreSQL, m_pgSchema)),
                 &error),
            qPrintable(error));
        QStringList left;
        QVERIFY2(fetchStrings(db, u"SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ?"_s,
                              {m_pgSchema}, &left, &error),
                 qPrintable(error));
        QVERIFY2(left.isEmpty(), "the test schema is still there after DROP SCHEMA");
    }
    db.close();
}

QTEST_GUILESS_MAIN(TestSqlIdentifier)
#include "tst_sql_identifier.moc"
