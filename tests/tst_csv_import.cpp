// CSV samples: the reader (RFC 4180, errors with places, caps) and the profiler (every inference rule,
// positive and negative), and that what they make passes Fabrica's own validation and generates.
#include "generate/Plan.h"
#include "import/ColumnProfiler.h"
#include "import/CsvReader.h"
#include "validate/SchemaValidator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using Rows = QList<CsvTable::Row>;
const std::nullopt_t null = std::nullopt;

QString fixture(const QString &name)
{
    QFile file(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/import/csv/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

struct Read
{
    std::optional<CsvTable> table;
    QString error; // Error::toString()
    SourceLocation errorWhere;
    QString report; // ImportReport::toText()
};

Read read(const QString &fileName, const QString &text, const CsvOptions &options = {})
{
    ImportReport report;
    Result<CsvTable> table = CsvReader(options).read(fileName, text, report);
    Read r;
    if (table)
        r.table = std::move(table).value();
    else
        r.error = table.error().toString(), r.errorWhere = table.error().where;
    r.report = report.toText();
    return r;
}

// "\N" stands for NULL in the data-driven tests (as in PostgreSQL's COPY).
QList<std::optional<QString>> values(const QStringList &texts)
{
    QList<std::optional<QString>> list;
    for (const QString &text : texts)
        list.append(text == QLatin1String("\\N") ? std::optional<QString>() : std::optional<QString>(text));
    return list;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A table of one schema from profiles, as the import will build it.
Table tableOf(const QString &name, const QList<ColumnProfile> &profiles, qint64 rows = 200)
{
    Table table{name, {}, rows, {}};
    for (const ColumnProfile &profile : profiles)
        table.columns.append(profile.column());
    return table;
}

QList<ColumnProfile> profileFixture(const QString &file, ImportReport *report = nullptr)
{
    ImportReport local;
    ImportReport &r = report ? *report : local;
    Result<CsvTable> table = CsvReader().read(file, fixture(file), r);
    if (!table)
        qFatal("%s", qPrintable(table.error().toString()));
    return ColumnProfiler().profile(*table, file, file.section(u'.', 0, 0), r);
}

} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    // --- the reader ---

    void quotesNewlinesAndNulls()
    {
        // CRLF, LF and a lone CR as line ends; "" escapes; line breaks inside quotes; NULL (nothing) vs
        // the empty string (""); a last line without a line end.
        const Read r = read(u"quoted.csv"_s, fixture(u"quoted.csv"_s));
        QVERIFY2(r.table, qPrintable(r.error));
        QCOMPARE(r.table->delimiter, u',');
        QCOMPARE(r.table->header, (QStringList{u"id"_s, u"text"_s, u"note"_s}));
        const Rows expected = {
            {u"1"_s, u"hello, world"_s, u"plain"_s},
            {u"2"_s, u"she said \"hi\""_s, null},
            {u"3"_s, u"line one\r\nline two"_s, u""_s},
            {u"4"_s, null, u"multi\nline\n"_s},
            {u"5"_s, u""_s, u"last"_s},
        };
        QCOMPARE(r.table->rows, expected);
        QCOMPARE(r.table->dataRows, 5);
        QCOMPARE(r.table->skippedRows, 0);
        QCOMPARE(r.report, u"quoted.csv: info: 5 rows, 3 columns, fields separated by commas\n"_s);
    }

    void fieldEdges_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Rows>("rows");
        QTest::newRow("empty vs quoted empty") << u"a,b,c\n,\"\",x\n"_s << Rows{{null, u""_s, u"x"_s}};
        QTest::newRow("trailing delimiter") << u"a,b,c\n1,2,\n"_s << Rows{{u"1"_s, u"2"_s, null}};
        QTest::newRow("CR only") << u"a,b\r1,2\r3,4"_s << Rows{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}};
        QTest::newRow("CRLF, no last line end")
            << u"a,b\r\n1,2\r\n3,4"_s << Rows{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}};
        QTest::newRow("spaces are data") << u"a,b\n 1 , x y \n"_s << Rows{{u" 1 "_s, u" x y "_s}};
        QTest::newRow("quoted delimiter and CR")
            << u"a,b\n\"1,\r2\",\"\"\"\"\n"_s << Rows{{u"1,\r2"_s, u"\""_s}};
        QTest::newRow("header only") << u"a,b\n"_s << Rows{};
        QTest::newRow("one column: empty line is NULL")
            << u"a\n1\n\n2\n"_s << Rows{{u"1"_s}, {null}, {u"2"_s}};
        QTest::newRow("several columns: empty lines ignored")
            << u"a,b\n1,2\n\n3,4\n\n"_s << Rows{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}};
        QTest::newRow("non-ASCII") << u"名前,ort\nZoë,Köln\n"_s << Rows{{u"Zoë"_s, u"Köln"_s}};
    }
    void fieldEdges()
    {
        QFETCH(QString, text);
        QFETCH(Rows, rows);
        const Read r = read(u"t.csv"_s, text);
        QVERIFY2(r.table, qPrintable(r.error));
        QCOMPARE(r.table->rows, rows);
    }

    void emptyLinesAreCounted()
    {
        const Read r = read(u"t.csv"_s, u"a,b\n1,2\n\n3,4\n\n"_s);
        QCOMPARE(r.table->blankLines, 2);
        QCOMPARE(r.report, u"t.csv: info: 2 empty lines ignored\n"
                           "t.csv: info: 2 rows, 2 columns, fields separated by commas\n"_s);
    }

    void tsvAndQuotedTab()
    {
        const Read r = read(u"products.tsv"_s, fixture(u"products.tsv"_s));
        QVERIFY2(r.table, qPrintable(r.error));
        QCOMPARE(r.table->delimiter, u'\t');
        QCOMPARE(r.table->header, (QStringList{u"sku"_s, u"name"_s, u"price"_s, u"in_stock"_s, u"category"_s,
                                               u"weight_kg"_s, u"released_at"_s}));
        QCOMPARE(r.table->rows.size(), 10);
        QCOMPARE(r.table->rows[0][1], u"Widget, large"_s); // a comma is data in a TSV
        QCOMPARE(r.table->rows[2][1], u"Gadget\twith a tab"_s);
        QCOMPARE(r.table->rows[7][2], std::optional<QString>());
        QCOMPARE(r.report, u"products.tsv: info: 10 rows, 7 columns, fields separated by tabs\n"_s);
    }

    void delimiter_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QChar>("delimiter");
        QTest::newRow("csv") << u"a.csv"_s << u"a,b,c\n"_s << QChar(u',');
        QTest::newRow("tsv by name, commas inside") << u"a.TSV"_s << u"a,b,c\n"_s << QChar(u'\t');
        QTest::newRow("tab by name") << u"a.tab"_s << u"a\tb\n"_s << QChar(u'\t');
        QTest::newRow("semicolons") << u"a.csv"_s << u"name;price;note\n\"x, y\";1,5;z\n"_s << QChar(u';');
        QTest::newRow("tabs in a .csv") << u"a.csv"_s << u"a\tb\tc\n"_s << QChar(u'\t');
        QTest::newRow("pipes") << u"a.txt"_s << u"a|b|c\n"_s << QChar(u'|');
        QTest::newRow("quoted ones don't count") << u"a.csv"_s << u"\"a;b;c;d\",e\n"_s << QChar(u',');
        QTest::newRow("quoted line break") << u"a.csv"_s << u"\"a\n;;;\",b,c\n"_s << QChar(u',');
        QTest::newRow("tie: comma") << u"a.csv"_s << u"a,b;c\n"_s << QChar(u',');
        QTest::newRow("one column: comma") << u"a.csv"_s << u"name\nx;y\n"_s << QChar(u',');
    }
    void delimiter()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, text);
        QFETCH(QChar, delimiter);
        QCOMPARE(CsvReader::chooseDelimiter(fileName, text), delimiter);
    }

    void sniffedSemicolonsAreRead()
    {
        const Read r = read(u"de.csv"_s, u"name;preis\n\"Müller; Sohn\";1,50\n"_s);
        QCOMPARE(r.table->rows, (Rows{{u"Müller; Sohn"_s, u"1,50"_s}}));
        QCOMPARE(r.report, u"de.csv: info: 1 row, 2 columns, fields separated by semicolons\n"_s);
    }

    void givenDelimiterWins()
    {
        CsvOptions options;
        options.delimiter = u';';
        const Read r = read(u"a.tsv"_s, u"a;b\n1;2\n"_s, options);
        QCOMPARE(r.table->rows, (Rows{{u"1"_s, u"2"_s}}));
        options.delimiter = u'"';
        QCOMPARE(read(u"a.csv"_s, u"a\n"_s, options).error,
                 u"a.csv: a quote or a line break cannot separate fields"_s);
    }

    void brokenRowsAreSkippedAndReported()
    {
        const Read r = read(u"broken.csv"_s, fixture(u"broken.csv"_s));
        QVERIFY2(r.table, qPrintable(r.error));
        QCOMPARE(r.table->rows, (Rows{{u"1"_s, u"apple"_s, u"1.50"_s},
                                      {u"6"_s, u"fig"_s, u"5.25"_s},
                                      {u"7"_s, u"grüne \"Feige\""_s, u"6.00"_s}}));
        QCOMPARE(r.table->dataRows, 3);
        QCOMPARE(r.table->skippedRows, 6);
        // Columns count characters: the emoji on line 10 is one.
        const QString quoteInField =
            u"a quote inside a field that does not start with one; quote the whole field "
            "and double the quotes inside it (\"say \"\"hi\"\"\"); the row is skipped"_s;
        QCOMPARE(
            r.report.split(u'\n'),
            (QStringList{
                u"broken.csv:3: warning: 2 fields where the header has 3; the row is skipped"_s,
                u"broken.csv:4:11: warning: \" \" after the closing quote of the field that starts at 4:3, "
                "where \",\" or the end of the line was expected; the row is skipped"_s,
                u"broken.csv:5:6: warning: "_s + quoteInField,
                u"broken.csv:6: warning: 4 fields where the header has 3; the row is skipped"_s,
                u"broken.csv:9:7: warning: "_s + quoteInField,
                u"broken.csv:10:5: warning: "_s + quoteInField,
                u"broken.csv: info: 3 rows, 3 columns, fields separated by commas"_s,
                QString(),
            }));
    }

    void unterminatedQuote_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        const QString tail =
            u" never ends: the closing \" is missing (a quote inside a quoted field is written "
            "twice: \"\")"_s;
        QTest::newRow("fixture") << fixture(u"unterminated.csv"_s)
                                 << u"f.csv:3:3: the quoted field that starts at 3:3"_s + tail << 3 << 3;
        QTest::newRow("in the header")
            << u"a,\"b\n1,2\n"_s << u"f.csv:1:3: the quoted field that starts at 1:3"_s + tail << 1 << 3;
        QTest::newRow("after escapes and lines")
            << u"a\n\"x\"\"\n\"\"\n"_s << u"f.csv:2:1: the quoted field that starts at 2:1"_s + tail << 2
            << 1;
    }
    void unterminatedQuote()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(int, line);
        QFETCH(int, column);
        const Read r = read(u"f.csv"_s, text);
        QVERIFY(!r.table);
        QCOMPARE(r.error, error);
        QCOMPARE(r.errorWhere, (SourceLocation{u"f.csv"_s, line, column, {}}));
    }

    void headerProblems_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty file") << QString()
                                    << u"f.csv: the file is empty: its first line must name the columns"_s;
        QTest::newRow("empty first line")
            << u"\n1\n"_s << u"f.csv:1: the first line is empty: it must name the columns"_s;
        QTest::newRow("quote inside")
            << u"a,b\"c\n"_s
            << u"f.csv:1:4: a quote inside a field that does not start with one; quote the "
               "whole field and double the quotes inside it (\"say \"\"hi\"\"\")"_s;
        QTest::newRow("after quote")
            << u"a,\"b\"c\n"_s
            << u"f.csv:1:6: \"c\" after the closing quote of the field that starts at 1:3, "
               "where \",\" or the end of the line was expected"_s;
        QTest::newRow("beyond the BMP after a quote") << u"a,\"b\"\U0001F600\n"_s
                                                      << u"f.csv:1:6: \"\U0001F600\" after the closing quote "
                                                         u"of the field that starts at 1:3, where \",\" or "
                                                         "the end of the line was expected"_s;
        QTest::newRow("1001 columns")
            << QString(1000, u',') + u"\n"_s
            << u"f.csv:1: the header has 1001 columns, more than the 1000 Fabrica reads"_s;
    }
    void headerProblems()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const Read r = read(u"f.csv"_s, text);
        QVERIFY(!r.table);
        QCOMPARE(r.error, error);
    }

    void headerNamesAreMadeUsable()
    {
        // Trimmed, never empty, distinct ignoring case: each change is a warning.
        const Read r = read(u"f.csv"_s, u" id ,,Name,name,NAME\n1,2,3,4,5\n"_s);
        QCOMPARE(r.table->header, (QStringList{u"id"_s, u"column_2"_s, u"Name"_s, u"name_2"_s, u"NAME_3"_s}));
        QCOMPARE(r.report, u"f.csv:1: warning: column 2 has no name in the header; it is called column_2\n"
                           "f.csv:1: warning: column 4 is called \"name\" like an earlier column; it is "
                           "called name_2 instead\n"
                           "f.csv:1: warning: column 5 is called \"NAME\" like an earlier column; it is "
                           "called NAME_3 instead\n"
                           "f.csv: info: 1 row, 5 columns, fields separated by commas\n"_s);
    }

    void renamesAreCapped()
    {
        CsvOptions options;
        options.maxProblemLines = 2;
        const Read r = read(u"f.csv"_s, u"a,a,a,a,a_2\n"_s, options);
        QCOMPARE(r.table->header, (QStringList{u"a"_s, u"a_2"_s, u"a_3"_s, u"a_4"_s, u"a_2_2"_s}));
        QCOMPARE(
            r.report,
            u"f.csv:1: warning: column 2 is called \"a\" like an earlier column; it is called a_2 instead\n"
            "f.csv:1: warning: column 3 is called \"a\" like an earlier column; it is called a_3 instead\n"
            "f.csv:1: warning: 2 more columns were renamed\n"
            "f.csv: info: 0 rows, 5 columns, fields separated by commas\n"_s);
    }

    // --- caps ---

    void rowCap()
    {
        QString text = u"n\n"_s;
        for (int i = 1; i <= 25; ++i)
            text += QString::number(i) + u'\n';
        CsvOptions options;
        options.maxRows = 10;
        const Read r = read(u"f.csv"_s, text, options);
        QCOMPARE(r.table->rows.size(), 10);
        QCOMPARE(r.table->rows.last(), (CsvTable::Row{u"10"_s}));
        QCOMPARE(r.table->dataRows, 25);
        QCOMPARE(
            r.report,
            u"f.csv: info: 25 rows, 1 column, fields separated by commas; the first 10 rows are sampled\n"_s);
    }

    void cellCapKeepsFewerRowsOfWideFiles()
    {
        CsvOptions options;
        options.maxCells = 10;
        const Read r = read(u"f.csv"_s, u"a,b,c,d\n1,2,3,4\n5,6,7,8\n9,10,11,12\n"_s, options);
        QCOMPARE(r.table->rows.size(), 2); // 10 cells / 4 columns
        QCOMPARE(r.table->dataRows, 3);
    }

    void columnCap()
    {
        CsvOptions options;
        options.maxColumns = 3;
        QCOMPARE(read(u"f.csv"_s, u"a,b,c,d\n"_s, options).error,
                 u"f.csv:1: the header has 4 columns, more than the 3 Fabrica reads"_s);
        QVERIFY(read(u"f.csv"_s, u"a,b,c\n"_s, options).table);
    }

    void wideRowIsSkippedWithoutKeepingIt()
    {
        const Read r = read(u"f.csv"_s, u"a,b\n"_s + QString(200000, u',') + u"\n1,2\n"_s);
        QCOMPARE(r.table->rows, (Rows{{u"1"_s, u"2"_s}}));
        QCOMPARE(r.report, u"f.csv:2: warning: 200001 fields where the header has 2; the row is skipped\n"
                           "f.csv: info: 1 row, 2 columns, fields separated by commas\n"_s);
    }

    void fieldCap()
    {
        CsvOptions options;
        options.maxFieldLength = 8;
        // A surrogate pair is never cut in half: "abcdefg" + 😀 keeps 7 characters.
        const Read r = read(u"f.csv"_s,
                            u"a,b,c\n123456789,\"abc\"\"defghij\",abcdefg\U0001F600\nshort,x,y\n"_s, options);
        QCOMPARE(r.table->rows,
                 (Rows{{u"12345678"_s, u"abc\"defg"_s, u"abcdefg"_s}, {u"short"_s, u"x"_s, u"y"_s}}));
        QCOMPARE(r.table->truncatedFields, 3);
        QCOMPARE(r.report,
                 u"f.csv:2:1: warning: a field of 9 characters was cut to the first 8\n"
                 "f.csv: warning: 3 fields in all were cut to 8 characters; only the first cut of a row is "
                 "listed, and at most 20 rows\n"
                 "f.csv: info: 2 rows, 3 columns, fields separated by commas\n"_s);
    }

    void problemLinesAreCapped()
    {
        CsvOptions options;
        options.maxProblemLines = 2;
        const Read r = read(u"f.csv"_s, u"a,b\n1\n2\n3\n4,4\n5\n"_s, options);
        QCOMPARE(r.table->skippedRows, 4);
        QCOMPARE(r.report,
                 u"f.csv:2: warning: 1 field where the header has 2; the row is skipped\n"
                 "f.csv:3: warning: 1 field where the header has 2; the row is skipped\n"
                 "f.csv: warning: 4 rows with problems were skipped in all; only the first 2 are listed\n"
                 "f.csv: info: 1 row, 2 columns, fields separated by commas\n"_s);
    }

    void hostileInputsStayLinear()
    {
        // Each of these would take minutes if a step were quadratic; together they take well under a second.
        QElapsedTimer timer;
        timer.start();
        const QStringList inputs = {
            QString(4000000, u'"'),                          // one field of 2 million escaped quotes
            u"a,b\n"_s + QString(4000000, u','),             // one line of 4 million fields
            u"a,b\n"_s + u"1,2,3\n"_s.repeated(400000),      // 400,000 bad rows
            u"a\n\""_s + u"x\n"_s.repeated(1000000),         // an unterminated quote over a million lines
            u"a,b\n"_s + QString(4000000, u'x') + u",1\n"_s, // a 4-million-character field
            u"a,b\n"_s + u"x\"y,1\n"_s.repeated(400000),     // stray quotes everywhere
            QString(QString(10000, u'x') + u',').repeated(999) + QString(10000, u'x'), // 1000 equal names
        };
        for (const QString &input : inputs) {
            const Read r = read(u"f.csv"_s, input);
            QVERIFY(r.report.count(u'\n') <= 25); // the report stays short too
            if (r.table) {
                qint64 cells = 0;
                for (const CsvTable::Row &row : r.table->rows) {
                    cells += row.size();
                    for (const std::optional<QString> &field : row)
                        QVERIFY(!field || field->size() <= 64 * 1024);
                }
                QVERIFY(cells <= 2000000);
            }
        }
        QVERIFY2(timer.elapsed() < 20000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
    }

    // --- the profiler, rule by rule ---

    void rules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("texts"); // "\N" = NULL
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("constraints"); // compact JSON
        QTest::addColumn<QString>("reason");
        auto row = [](const char *tag, const QString &name, const QStringList &texts, const QString &type,
                      const QString &constraints, const QString &reason) {
            QTest::newRow(tag) << name << texts << type << constraints << reason;
        };
        // 1. boolean
        row("words", u"paid"_s, {u"true"_s, u"false"_s, u"true"_s, u"TRUE"_s}, u"boolean"_s,
            uR"({"truePercent":75})"_s, u"booleans (true/false/TRUE), 75 % true"_s);
        row("yes/no", u"ok"_s, {u"yes"_s, u"no"_s, u"No"_s}, u"boolean"_s, uR"({"truePercent":33.3})"_s,
            u"booleans (yes/no/No), 33.3 % true"_s);
        row("t/f, y/n", u"x"_s, {u"t"_s, u"f"_s, u"Y"_s, u"n"_s}, u"boolean"_s, uR"({"truePercent":50})"_s,
            u"booleans (t/f/Y/n), 50 % true"_s);
        row("words with 1/0", u"x"_s, {u"yes"_s, u"0"_s, u"1"_s}, u"boolean"_s, uR"({"truePercent":66.7})"_s,
            u"booleans (yes/0/1), 66.7 % true"_s);
        row("0/1 named is_", u"is_admin"_s, {u"0"_s, u"1"_s, u"1"_s, u"1"_s}, u"boolean"_s,
            uR"({"truePercent":75})"_s, u"booleans (0/1), 75 % true"_s);
        row("0/1 named hasX", u"hasChildren"_s, {u"1"_s, u"0"_s}, u"boolean"_s, uR"({"truePercent":50})"_s,
            u"booleans (1/0), 50 % true"_s);
        row("0/1 without a flag's name", u"quantity"_s, {u"0"_s, u"1"_s, u"1"_s}, u"integer"_s,
            uR"({"max":1,"min":0})"_s, u"integers 0..1 (only 0 and 1: perhaps a boolean)"_s);
        row("not only booleans", u"is_x"_s, {u"yes"_s, u"no"_s, u"maybe"_s}, u"sample"_s, u"{}"_s,
            u"text of 2..5 characters, 3 distinct values: drawn from the samples; all distinct"_s);
        // 2. integer
        row("integers", u"n"_s, {u"1"_s, u"-5"_s, u" 42 "_s, u"0"_s}, u"integer"_s,
            uR"({"max":42,"min":-5})"_s, u"integers -5..42; all distinct"_s);
        row("32-bit edges", u"n"_s, {u"-2147483648"_s, u"2147483647"_s}, u"integer"_s,
            uR"({"max":2147483647,"min":-2147483648})"_s,
            u"integers -2147483648..2147483647; all distinct"_s);
        row("bigint", u"n"_s, {u"3000000000"_s, u"1"_s}, u"bigint"_s, uR"({"max":3000000000,"min":1})"_s,
            u"integers 1..3000000000; all distinct"_s);
        row("64-bit edges", u"n"_s, {u"-9223372036854775808"_s, u"9223372036854775807"_s}, u"bigint"_s,
            uR"({"max":9223372036854775000,"min":-9223372036854776000})"_s,
            u"integers -9223372036854775808..9223372036854775807; all distinct"_s);
        row("beyond 64 bits", u"n"_s, {u"1"_s, u"9223372036854775808"_s}, u"sample"_s, u"{}"_s,
            u"whole numbers beyond 64 bits such as 9223372036854775808, kept as text; text of 1..19 "
            u"characters, "
            "2 distinct values: drawn from the samples; all distinct"_s);
        row("-0 is 0", u"n"_s, {u"-0"_s, u"0"_s}, u"integer"_s, uR"({"max":0,"min":0})"_s,
            u"integers 0..0; all distinct"_s);
        row("leading zeros are codes", u"zip"_s, {u"12"_s, u"007"_s, u"123"_s}, u"sample"_s, u"{}"_s,
            u"numbers with leading zeros such as 007 are codes, kept as text; text of 2..3 characters, 3 "
            u"distinct "
            "values: drawn from the samples; all distinct"_s);
        row("plus sign", u"n"_s, {u"+5"_s, u"6"_s}, u"sample"_s, u"{}"_s,
            u"text of 1..2 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("thousands separators", u"n"_s, {u"1,234"_s, u"5"_s}, u"sample"_s, u"{}"_s,
            u"text of 1..5 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 3. decimal
        row("decimals", u"d"_s, {u"1.5"_s, u"2.25"_s, u"-3"_s}, u"decimal"_s,
            uR"({"max":2.25,"min":-3,"scale":2})"_s,
            u"decimals -3..2.25 with up to 2 places; all distinct"_s);
        row("scale as written", u"d"_s, {u"0.10"_s, u"12.345"_s, u"-0.000"_s}, u"decimal"_s,
            uR"({"max":12.345,"min":0,"scale":3})"_s,
            u"decimals 0.000..12.345 with up to 3 places; all distinct"_s);
        row("precision beyond 12", u"d"_s, {u"123456789012.5"_s, u"1.25"_s}, u"decimal"_s,
            uR"({"max":123456789012.5,"min":1.25,"precision":14,"scale":2})"_s,
            u"decimals 1.25..123456789012.5 with up to 2 places; all distinct"_s);
        row("too many digits: double", u"d"_s, {u"0.1234567890123456789"_s, u"1"_s}, u"double"_s,
            uR"({"max":1,"min":0.12345678901234568})"_s, u"numbers 0.12345678901234568..1"_s);
        row("00.5 is a code", u"d"_s, {u"00.5"_s, u"1.5"_s}, u"sample"_s, u"{}"_s,
            u"numbers with leading zeros such as 00.5 are codes, kept as text; text of 3..4 characters, 2 "
            u"distinct "
            "values: drawn from the samples; all distinct"_s);
        row(".5 and 5. are text", u"d"_s, {u".5"_s, u"5."_s}, u"sample"_s, u"{}"_s,
            u"text of 2 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 4. double
        row("exponents", u"x"_s, {u"1e3"_s, u"2.5E-2"_s, u"7"_s}, u"double"_s,
            uR"({"max":1000,"min":0.025})"_s, u"numbers 0.025..1000"_s);
        row("infinite", u"x"_s, {u"1e999"_s, u"1"_s}, u"sample"_s, u"{}"_s,
            u"text of 1..5 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 5. date
        row("ISO dates", u"d"_s, {u"2024-02-29"_s, u"2023-01-01"_s}, u"date"_s,
            uR"({"max":"2024-02-29","min":"2023-01-01"})"_s, u"dates 2023-01-01..2024-02-29; all distinct"_s);
        row("no such day", u"d"_s, {u"2023-02-29"_s, u"2023-01-01"_s}, u"sample"_s, u"{}"_s,
            u"text of 10 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("day first", u"d"_s, {u"31/01/2024"_s, u"05/02/2024"_s}, u"date"_s,
            uR"({"format":"dd/MM/yyyy","max":"2024-02-05","min":"2024-01-31"})"_s,
            u"dates 2024-01-31..2024-02-05 written dd/MM/yyyy; all distinct"_s);
        row("month first", u"d"_s, {u"1/31/2024"_s, u"12/5/2024"_s}, u"date"_s,
            uR"({"format":"M/d/yyyy","max":"2024-12-05","min":"2024-01-31"})"_s,
            u"dates 2024-01-31..2024-12-05 written M/d/yyyy; all distinct"_s);
        row("dots are day first", u"d"_s, {u"1.2.2024"_s, u"03.04.2024"_s}, u"date"_s,
            uR"({"format":"d.M.yyyy","max":"2024-04-03","min":"2024-02-01"})"_s,
            u"dates 2024-02-01..2024-04-03 written d.M.yyyy; all distinct"_s);
        row("ambiguous order", u"d"_s, {u"01/02/2024"_s, u"03/04/2024"_s}, u"sample"_s, u"{}"_s,
            u"dates such as 01/02/2024 could be day/month or month/day, kept as text; text of 10 characters, "
            u"2 "
            "distinct values: drawn from the samples; all distinct"_s);
        row("both over 12", u"d"_s, {u"13/01/2024"_s, u"01/13/2024"_s}, u"sample"_s, u"{}"_s,
            u"text of 10 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("mixed separators", u"d"_s, {u"13/01/2024"_s, u"14-01-2024"_s}, u"sample"_s, u"{}"_s,
            u"text of 10 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 6. timestamp
        row("timestamps", u"t"_s, {u"2024-01-01 10:00:00"_s, u"2024-01-02 11:30:00"_s}, u"timestamp"_s,
            uR"({"max":"2024-01-02T11:30:00","min":"2024-01-01T10:00:00"})"_s,
            u"timestamps 2024-01-01T10:00:00..2024-01-02T11:30:00; all distinct"_s);
        row("T and fractions", u"t"_s, {u"2024-01-01T10:00:00.5"_s, u"2024-01-01T10:00:01.250123"_s},
            u"timestamp"_s,
            uR"({"format":"yyyy-MM-dd'T'HH:mm:ss.zzz","max":"2024-01-01T10:00:01.250","min":"2024-01-01T10:00:00.500"})"_s,
            u"timestamps 2024-01-01T10:00:00.500..2024-01-01T10:00:01.250; all distinct"_s);
        row("minutes and a plain date", u"t"_s, {u"2024-01-02"_s, u"2024-01-01 08:00"_s}, u"timestamp"_s,
            uR"({"format":"yyyy-MM-dd HH:mm","max":"2024-01-02T00:00:00","min":"2024-01-01T08:00:00"})"_s,
            u"timestamps 2024-01-01T08:00:00..2024-01-02T00:00:00; all distinct"_s);
        row("offsets", u"t"_s,
            {u"2024-01-01 10:00:00+02"_s, u"2024-01-01 10:00:00-0130"_s, u"2024-01-01 09:00:00"_s},
            u"timestamptz"_s, uR"({"max":"2024-01-01T11:30:00Z","min":"2024-01-01T08:00:00Z"})"_s,
            u"timestamps with a time zone 2024-01-01T08:00:00Z..2024-01-01T11:30:00Z; all distinct"_s);
        row("Z", u"t"_s, {u"2024-01-01T10:00:00Z"_s, u"2024-01-01T23:00:00+05:30"_s}, u"timestamptz"_s,
            uR"({"format":"yyyy-MM-dd'T'HH:mm:sst","max":"2024-01-01T17:30:00Z","min":"2024-01-01T10:00:00Z"})"_s,
            u"timestamps with a time zone 2024-01-01T10:00:00Z..2024-01-01T17:30:00Z; all distinct"_s);
        row("only Z", u"t"_s, {u"2024-01-01T10:00:00Z"_s, u"2024-01-01T10:00:00Z"_s}, u"timestamptz"_s,
            uR"({"format":"yyyy-MM-dd'T'HH:mm:ss'Z'","max":"2024-01-01T10:00:00Z","min":"2024-01-01T10:00:00Z"})"_s,
            u"timestamps with a time zone 2024-01-01T10:00:00Z..2024-01-01T10:00:00Z"_s);
        row("no such hour", u"t"_s, {u"2024-01-01 25:00:00"_s, u"2024-01-01 10:00:00"_s}, u"sample"_s,
            u"{}"_s, u"text of 19 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("bad offset", u"t"_s, {u"2024-01-01 10:00:00+2"_s}, u"sample"_s, u"{}"_s,
            u"text of 21 characters, one value: drawn from the samples"_s);
        // 7. time
        row("minutes", u"t"_s, {u"08:30"_s, u"17:45"_s}, u"time"_s,
            uR"({"format":"HH:mm","max":"17:45:00","min":"08:30:00"})"_s,
            u"times of day 08:30:00..17:45:00"_s);
        row("seconds", u"t"_s, {u"08:30:15"_s, u"00:00:00"_s}, u"time"_s,
            uR"({"max":"08:30:15","min":"00:00:00"})"_s, u"times of day 00:00:00..08:30:15"_s);
        row("fractions", u"t"_s, {u"08:30:15.5"_s}, u"time"_s,
            uR"({"format":"HH:mm:ss.zzz","max":"08:30:15.500","min":"08:30:15.500"})"_s,
            u"times of day 08:30:15.500..08:30:15.500"_s);
        row("one-digit hour", u"t"_s, {u"8:30"_s, u"24:00"_s}, u"sample"_s, u"{}"_s,
            u"text of 4..5 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 8. uuid
        row("uuids", u"u"_s,
            {u"95e761d1-7731-4f10-906b-f2efc6f87718"_s, u"018F3C1E-9A4D-7E7B-8C2F-5D6A7B8C9D0E"_s}, u"uuid"_s,
            u"{}"_s, u"UUIDs; all distinct"_s);
        row("v7", u"u"_s, {u"018f3c1e-9a4d-7e7b-8c2f-5d6a7b8c9d0e"_s}, u"uuid"_s, uR"({"version":"v7"})"_s,
            u"UUIDs of version 7 (time-ordered)"_s);
        row("not a uuid", u"u"_s, {u"95e761d1-7731-4f10-906b-f2efc6f8771"_s}, u"sample"_s, u"{}"_s,
            u"text of 35 characters, one value: drawn from the samples"_s);
        // 9. email
        row("emails", u"contact"_s, {u"a.b+c@mail.example.org"_s, u"x@y.io"_s}, u"email"_s, u"{}"_s,
            u"email addresses (generated at reserved domains such as example.com, never at the sampled ones); all distinct"_s);
        row("no TLD", u"contact"_s, {u"a@b"_s, u"x@y.io"_s}, u"sample"_s, u"{}"_s,
            u"text of 3..6 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("two at signs", u"contact"_s, {u"a@b@c.de"_s}, u"sample"_s, u"{}"_s,
            u"text of 8 characters, one value: drawn from the samples"_s);
        // 10. url
        row("web addresses", u"site"_s, {u"https://example.com/x?y=1"_s, u"http://example.org:8080"_s},
            u"url"_s, u"{}"_s, u"web addresses; all distinct"_s);
        row("only http", u"site"_s, {u"HTTP://example.org/a"_s}, u"url"_s, uR"({"scheme":"http"})"_s,
            u"web addresses (http)"_s);
        row("ftp and spaces", u"site"_s, {u"ftp://x.org"_s, u"https://exa mple.com"_s}, u"sample"_s, u"{}"_s,
            u"text of 11..20 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 11. ipv4
        row("a /22", u"ip"_s, {u"10.0.0.1"_s, u"10.0.3.255"_s}, u"ipv4"_s, uR"({"cidr":"10.0.0.0/22"})"_s,
            u"IPv4 addresses in 10.0.0.0/22; all distinct"_s);
        row("one address: its /24", u"ip"_s, {u"192.168.1.5"_s}, u"ipv4"_s, uR"({"cidr":"192.168.1.0/24"})"_s,
            u"IPv4 addresses in 192.168.1.0/24"_s);
        row("all over", u"ip"_s, {u"1.2.3.4"_s, u"200.1.1.1"_s}, u"ipv4"_s, u"{}"_s,
            u"IPv4 addresses; all distinct"_s);
        row("leading zero, 256", u"ip"_s, {u"01.2.3.4"_s, u"256.1.1.1"_s}, u"sample"_s, u"{}"_s,
            u"text of 8..9 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 12. json
        row("objects", u"attrs"_s,
            {uR"({"size":"M","price":19.99,"tags":null,"gift":true,"n":3})"_s,
             uR"({"size":"L","price":5,"gift":false,"n":4,"dim":{"w":1}})"_s,
             uR"({"size":"M","gift":false,"n":5})"_s, uR"({"size":"M","gift":true,"n":5})"_s},
            u"json"_s,
            uR"({"fields":{"dim":{"constraints":{"fields":{"w":{"constraints":{"max":1,"min":1},"type":"integer"}},"nullPercent":75},"type":"json"},)"
            uR"("gift":{"constraints":{"truePercent":50},"type":"boolean"},"n":{"constraints":{"max":5,"min":3},"type":"integer"},)"
            uR"("price":{"constraints":{"max":19.99,"min":5,"nullPercent":50},"type":"double"},)"
            uR"("size":{"constraints":{"values":["M","L"],"weights":[3,1]},"type":"enum"},"tags":{"constraints":{"nullPercent":100},"type":"string"}}})"_s,
            u"JSON objects with the members dim, gift, n, price, size, tags"_s);
        row("string members by the rules", u"attrs"_s,
            {uR"({"at":"2024-01-01","id":"95e761d1-7731-4f10-906b-f2efc6f87718","note":"abc"})"_s,
             uR"({"at":"2024-03-01","id":"018f3c1e-9a4d-4e7b-8c2f-5d6a7b8c9d0e","note":"12"})"_s},
            u"json"_s,
            uR"({"fields":{"at":{"constraints":{"max":"2024-03-01","min":"2024-01-01"},"type":"date"},"id":{"type":"uuid"},)"
            uR"("note":{"constraints":{"maxLength":3,"minLength":2},"type":"string"}}})"_s,
            u"JSON objects with the members at, id, note"_s);
        row("arrays", u"tags"_s, {u"[1,2]"_s, u"[3]"_s}, u"sample"_s, u"{}"_s,
            u"JSON arrays, kept as text; text of 3..5 characters, 2 distinct values: drawn from the samples; "
            u"all "
            "distinct"_s);
        row("member of mixed kinds", u"a"_s, {uR"({"x":1})"_s, uR"({"x":"1"})"_s}, u"sample"_s, u"{}"_s,
            u"JSON objects whose member \"x\" holds values of different kinds, kept as text; text of 7..9 "
            "characters, 2 distinct values: drawn from the samples; all distinct"_s);
        row("member with arrays", u"a"_s, {uR"({"x":[1]})"_s}, u"sample"_s, u"{}"_s,
            u"JSON objects whose member \"x\" holds arrays, kept as text; text of 9 characters, one value: "
            "drawn from the samples"_s);
        row("not JSON", u"a"_s, {u"{a}"_s, u"{\"a\":1}"_s}, u"sample"_s, u"{}"_s,
            u"text of 3..7 characters, 2 distinct values: drawn from the samples; all distinct"_s);
        // 13. text
        // By falling frequency; b and a tie, and b came first.
        row("enum", u"status"_s,
            {u"b"_s, u"a"_s, u"a"_s, u"c"_s, u"b"_s, u"c"_s, u"c"_s, u"c"_s, u"a"_s, u"b"_s}, u"enum"_s,
            uR"({"values":["c","b","a"],"weights":[4,3,3]})"_s,
            u"3 distinct values: c 40 %, b 30 %, a 30 %"_s);
        row("enum of more than 5", u"grade"_s,
            u"A B C D E F G "_s.repeated(10).split(u' ', Qt::SkipEmptyParts), u"enum"_s,
            uR"({"values":["A","B","C","D","E","F","G"],"weights":[10,10,10,10,10,10,10]})"_s,
            u"7 distinct values: A 14.3 %, B 14.3 %, C 14.3 %, D 14.3 %, E 14.3 %, and 2 more"_s);
        row("one value", u"kind"_s, {u"x"_s, u"x"_s}, u"enum"_s, uR"({"values":["x"],"weights":[2]})"_s,
            u"always x"_s);
        row("all distinct", u"name"_s, {u"Ann"_s, u"Bob"_s, u"Cy"_s}, u"sample"_s, u"{}"_s,
            u"text of 2..3 characters, 3 distinct values: drawn from the samples; all distinct"_s);
        row("empty strings are text values", u"note"_s, {u"a"_s, u"\\N"_s, u""_s, u"a"_s, u"a"_s, u""_s},
            u"enum"_s, uR"({"nullPercent":16.67,"values":["a",""],"weights":[3,2]})"_s,
            u"2 distinct values: a 60 %, \"\" 40 %; 16.7 % NULL"_s);
        // NULLs and empty strings in typed columns
        row("NULL and empty in a typed column", u"n"_s, {u"1"_s, u"\\N"_s, u""_s, u" "_s}, u"integer"_s,
            uR"({"max":1,"min":1,"nullPercent":75})"_s, u"integers 1..1; 75 % NULL or empty"_s);
        row("only NULLs", u"n"_s, {u"\\N"_s, u"\\N"_s}, u"string"_s, uR"({"nullPercent":100})"_s,
            u"only NULLs"_s);
        row("no rows", u"n"_s, QStringList(), u"string"_s, u"{}"_s, u"no values to learn from"_s);
        row("a third NULL", u"n"_s, {u"1"_s, u"2"_s, u"\\N"_s}, u"integer"_s,
            uR"({"max":2,"min":1,"nullPercent":33.33})"_s, u"integers 1..2; 33.3 % NULL; all distinct"_s);
    }
    void rules()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, texts);
        QFETCH(QString, type);
        QFETCH(QString, constraints);
        QFETCH(QString, reason);
        const ColumnProfile profile = ColumnProfiler().profile(name, values(texts));
        QCOMPARE(profile.reason, reason);
        QCOMPARE(profile.fabricaType, type);
        QCOMPARE(compact(profile.constraints), constraints);
        // Whatever the rule, the column is valid for Fabrica.
        Schema schema;
        schema.name = u"s"_s;
        schema.tables = {tableOf(u"t"_s, {profile})};
        const Problems problems = SchemaValidator().validate(schema);
        for (const Problem &problem : problems)
            QVERIFY2(!problem.isError(), qPrintable(problem.path + u": "_s + problem.message));
    }

    void enumRule_data()
    {
        QTest::addColumn<int>("distinct");
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("isEnum");
        // At most 20 distinct values, fewer than the values, and at most max(5 % of the values, √values).
        QTest::newRow("3 of 10") << 3 << 10 << true; // √10 = 3.16
        QTest::newRow("4 of 10") << 4 << 10 << false;
        QTest::newRow("6 of 40") << 6 << 40 << true; // √40 = 6.32
        QTest::newRow("7 of 40") << 7 << 40 << false;
        QTest::newRow("20 of 400") << 20 << 400 << true;
        QTest::newRow("20 of 10000") << 20 << 10000 << true;
        QTest::newRow("21 of 10000") << 21 << 10000 << false; // 5 % would allow 500
        QTest::newRow("1 of 1") << 1 << 1 << false;
        QTest::newRow("2 of 2") << 2 << 2 << false;
    }
    void enumRule()
    {
        QFETCH(int, distinct);
        QFETCH(int, rows);
        QFETCH(bool, isEnum);
        QList<std::optional<QString>> list;
        for (int i = 0; i < rows; ++i)
            list.append(u"v%1"_s.arg(i % distinct));
        const ColumnProfile profile = ColumnProfiler().profile(u"c"_s, list);
        QCOMPARE(profile.fabricaType, isEnum ? u"enum"_s : u"sample"_s);
        QCOMPARE(profile.distinctCount, distinct);
    }

    void flagNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("flag");
        for (const char *name :
             {"is_active", "IS_ACTIVE", "isActive", "has_children", "hasChildren", "can_edit", "was_seen",
              "uses_tls", "deleted_flag", "deletedFlag", "active", "Enabled", "flag"})
            QTest::newRow(name) << QString::fromLatin1(name) << true;
        for (const char *name :
             {"island", "isotope", "hash", "this_is", "flagpole", "used", "ISActive", "count"})
            QTest::newRow(name) << QString::fromLatin1(name) << false;
    }
    void flagNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, flag);
        QCOMPARE(ColumnProfiler::isFlagName(name), flag);
    }

    void samples()
    {
        // The first 50 distinct values in order of first appearance; too long ones are left out.
        QList<std::optional<QString>> list;
        for (int i = 60; i > 0; --i)
            list << u"value %1"_s.arg(i) << u"value %1"_s.arg(i) << std::nullopt;
        list.insert(1, QString(1001, u'x'));
        const ColumnProfile profile = ColumnProfiler().profile(u"c"_s, list);
        QCOMPARE(profile.samples.size(), 50);
        QCOMPARE(profile.samples.first(), u"value 60"_s);
        QCOMPARE(profile.samples.last(), u"value 11"_s);
        QCOMPARE(profile.distinctCount, 61);
        QCOMPARE(profile.rows, 181);
        QCOMPARE(profile.nullCount, 60);
        QCOMPARE(profile.nullPercent, 33.15);
        QCOMPARE(profile.minLength, 7);
        QCOMPARE(profile.maxLength, 1001);
        QVERIFY(!profile.allDistinct);
        // Typed columns leave empty strings out of the samples (they are NULLs there).
        QCOMPARE(ColumnProfiler().profile(u"n"_s, values({u"1"_s, u""_s, u"2"_s})).samples,
                 (QStringList{u"1"_s, u"2"_s}));
        // Only too long values: no samples to draw from, so lorem ipsum.
        ProfileOptions options;
        options.maxSampleLength = 3;
        const ColumnProfile longText =
            ColumnProfiler(options).profile(u"c"_s, values({u"abcd"_s, u"efghi"_s}));
        QCOMPARE(longText.fabricaType, u"lorem_paragraph"_s);
        QVERIFY(longText.samples.isEmpty());
        QCOMPARE(longText.reason,
                 u"text of 4..5 characters, too long to keep as samples: lorem ipsum paragraphs"_s);
    }

    void distinctness()
    {
        const ColumnProfiler profiler;
        QVERIFY(profiler.profile(u"c"_s, values({u"1"_s, u"\\N"_s, u"2"_s})).allDistinct);
        QVERIFY(!profiler.profile(u"c"_s, values({u"1"_s, u"1"_s})).allDistinct);
        QVERIFY(!profiler.profile(u"c"_s, values({u"1"_s})).allDistinct);
        // In a typed column empty strings are NULLs, so they don't repeat.
        QVERIFY(profiler.profile(u"c"_s, values({u"1"_s, u""_s, u""_s, u"2"_s})).allDistinct);
        QVERIFY(!profiler.profile(u"c"_s, values({u"a"_s, u""_s, u""_s, u"b"_s})).allDistinct);
    }

    void shortRowsCountAsNull()
    {
        const QList<ColumnProfile> profiles =
            ColumnProfiler().profile(QStringList{u"a"_s, u"b"_s}, Rows{{u"1"_s, u"2"_s}, {u"3"_s}});
        QCOMPARE(profiles[1].nullCount, 1);
    }

    // --- whole files ---

    void customers()
    {
        ImportReport report;
        const QList<ColumnProfile> profiles = profileFixture(u"customers.csv"_s, &report);
        const QStringList expected = {
            uR"(id|integer|{"max":40,"min":1}|integers 1..40; all distinct)"_s,
            uR"(first_name|sample|{}|text of 3..6 characters, 15 distinct values: drawn from the samples)"_s,
            uR"(last_name|sample|{}|text of 3..9 characters, 18 distinct values: drawn from the samples)"_s,
            uR"(email|email|{}|email addresses (generated at reserved domains such as example.com, never at the sampled ones); all distinct)"_s,
            uR"(phone|sample|{"nullPercent":20}|text of 15 characters, 32 distinct values: drawn from the samples; 20 % NULL; all distinct)"_s,
            uR"(country|enum|{"values":["US","GB","DE","FR","ES"],"weights":[18,8,6,4,4]}|5 distinct values: US 45 %, GB 20 %, DE 15 %, FR 10 %, ES 10 %)"_s,
            uR"(signup_date|date|{"max":"2024-12-23","min":"2019-03-07"}|dates 2019-03-07..2024-12-23)"_s,
            uR"(is_active|boolean|{"truePercent":72.5}|booleans (0/1), 72.5 % true)"_s,
            uR"(loyalty_points|integer|{"max":9812,"min":0}|integers 0..9812; all distinct)"_s,
            uR"(credit_limit|decimal|{"max":24519.64,"min":35.42,"nullPercent":12.5,"scale":2}|decimals 35.42..24519.64 with up to 2 places; 12.5 % NULL; all distinct)"_s,
            uR"(website|url|{"nullPercent":67.5}|web addresses; 67.5 % NULL; all distinct)"_s,
            uR"(last_login|timestamp|{"max":"2024-12-15T09:38:04","min":"2024-01-19T04:34:06"}|timestamps 2024-01-19T04:34:06..2024-12-15T09:38:04; all distinct)"_s,
            uR"(customer_uuid|uuid|{}|UUIDs; all distinct)"_s,
            uR"(postal_code|sample|{}|numbers with leading zeros such as 02134 are codes, kept as text; text of 5 characters, 40 distinct values: drawn from the samples; all distinct)"_s,
        };
        QStringList actual;
        for (const ColumnProfile &p : profiles)
            actual << p.name + u'|' + p.fabricaType + u'|' + compact(p.constraints) + u'|' + p.reason;
        QCOMPARE(actual, expected);
        QCOMPARE(profiles[0].samples.size(), 40);
        QCOMPARE(profiles[1].samples.size(), 15);
        QCOMPARE(profiles[4].nullCount, 8);
        QCOMPARE(profiles[10].nullPercent, 67.5);
        // One info line, then one guess per column at "table.column".
        QCOMPARE(report.count(ImportReport::Level::Guess), 14);
        QCOMPARE(report.lines()[6].where, (SourceLocation{u"customers.csv"_s, 0, 0, u"customers.country"_s}));
        QCOMPARE(report.toText().section(u'\n', 0, 1),
                 u"customers.csv: info: 40 rows, 14 columns, fields separated by commas\n"
                 "customers.csv: customers.id: guess: type integer: integers 1..40; all distinct"_s);
    }

    void orders()
    {
        ImportReport report;
        const QList<ColumnProfile> profiles = profileFixture(u"orders.csv"_s, &report);
        const QStringList expected = {
            uR"(id|integer|{"max":50,"min":1}|integers 1..50; all distinct)"_s,
            uR"(customer_id|integer|{"max":40,"min":1}|integers 1..40)"_s,
            uR"(status|enum|{"values":["delivered","shipped","pending"],"weights":[35,10,5]}|3 distinct values: delivered 70 %, shipped 20 %, pending 10 %)"_s,
            uR"(amount|decimal|{"max":1250.5,"min":36.02,"scale":2}|decimals 36.02..1250.5 with up to 2 places; all distinct)"_s,
            uR"(ordered_at|timestamptz|{"format":"yyyy-MM-dd'T'HH:mm:ss'Z'","max":"2024-12-11T12:59:47Z","min":"2024-01-04T03:02:32Z"}|timestamps with a time zone 2024-01-04T03:02:32Z..2024-12-11T12:59:47Z; all distinct)"_s,
            uR"(shipped_on|date|{"format":"dd/MM/yyyy","max":"2024-12-25","min":"2024-01-04","nullPercent":10}|dates 2024-01-04..2024-12-25 written dd/MM/yyyy; 10 % NULL)"_s,
            uR"(client_ip|ipv4|{"cidr":"10.1.0.0/16"}|IPv4 addresses in 10.1.0.0/16; all distinct)"_s,
            uR"(attributes|json|{"fields":{"channel":{"constraints":{"values":["web","app"],"weights":[41,9]},"type":"enum"},"gift":{"constraints":{"truePercent":20},"type":"boolean"},"items":{"constraints":{"max":5,"min":1},"type":"integer"}}}|JSON objects with the members channel, gift, items)"_s,
            uR"(pickup_time|time|{"format":"HH:mm","max":"17:30:00","min":"08:00:00"}|times of day 08:00:00..17:30:00)"_s,
        };
        QStringList actual;
        for (const ColumnProfile &p : profiles)
            actual << p.name + u'|' + p.fabricaType + u'|' + compact(p.constraints) + u'|' + p.reason;
        QCOMPARE(actual, expected);
        QCOMPARE(profiles[2].samples, (QStringList{u"delivered"_s, u"shipped"_s, u"pending"_s}));
        QVERIFY(report.toText().contains(
            u"orders.csv: orders.status: guess: type enum: 3 distinct values: delivered 70 %, shipped 20 %, pending 10 %\n"_s));
    }

    void products()
    {
        const QList<ColumnProfile> profiles = profileFixture(u"products.tsv"_s);
        QStringList actual;
        for (const ColumnProfile &p : profiles)
            actual << p.name + u'|' + p.fabricaType + u'|' + compact(p.constraints);
        QCOMPARE(
            actual,
            (QStringList{
                u"sku|sample|{}"_s,
                u"name|sample|{}"_s,
                uR"(price|decimal|{"max":129,"min":7.49,"nullPercent":10,"scale":2})"_s,
                uR"(in_stock|boolean|{"nullPercent":10,"truePercent":66.7})"_s,
                uR"(category|enum|{"values":["tools","garden"],"weights":[5,5]})"_s,
                uR"(weight_kg|double|{"max":3,"min":0.2})"_s,
                uR"(released_at|timestamptz|{"max":"2024-08-30T16:59:59Z","min":"2024-03-01T09:00:00Z"})"_s,
            }));
    }

    // The profiles of every fixture make one schema that Fabrica validates without errors and generates
    // from; generated values are read back as the same kinds.
    void profilesMakeAValidSchemaThatGenerates()
    {
        Schema schema;
        schema.name = u"imported"_s;
        QHash<QString, QList<ColumnProfile>> profiles;
        for (const QString &file :
             {u"customers.csv"_s, u"orders.csv"_s, u"products.tsv"_s, u"quoted.csv"_s, u"broken.csv"_s}) {
            const QString table = file.section(u'.', 0, 0);
            profiles[table] = profileFixture(file);
            schema.tables.append(tableOf(table, profiles[table]));
        }
        const Problems problems = SchemaValidator().validate(schema);
        for (const Problem &problem : problems)
            QVERIFY2(!problem.isError(), qPrintable(problem.path + u": "_s + problem.message));

        auto plan = Plan::compile(schema, Plan::Options{7, {}});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        for (int t = 0; t < int((*plan)->tables().size()); ++t) {
            const TablePlan &table = (*plan)->tables()[std::size_t(t)];
            TableChunk chunk;
            (*plan)->fillChunk(t, 0, int(table.rows), chunk);
            QList<CsvTable::Row> rows(table.rows);
            QStringList header;
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                header << table.columns[c].name;
                const ColumnChunk &cells = chunk.columns[c];
                for (int row = 0; row < cells.size(); ++row)
                    rows[row].append(
                        cells.isNull(row)
                            ? std::optional<QString>()
                            : QString::fromUtf8(cells.value(row).data(), qsizetype(cells.value(row).size())));
            }
            const QList<ColumnProfile> again = ColumnProfiler().profile(header, rows);
            const QList<ColumnProfile> &before = profiles[table.name];
            for (int c = 0; c < again.size(); ++c) {
                QString was = before[c].fabricaType, now = again[c].fabricaType;
                // Generated doubles are written without exponents; a few samples drawn 200 times repeat
                // like an enum's values.
                if (was == u"double"_s && now == u"decimal"_s)
                    continue;
                if (was == u"sample"_s && now == u"enum"_s)
                    continue;
                QVERIFY2(was == now, qPrintable(u"%1.%2: %3 became %4 (%5)"_s.arg(table.name, header[c], was,
                                                                                  now, again[c].reason)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csv_import.moc"
