// Delimited rows (CSV, TSV, PostgreSQL's COPY text): the fast path decides per column chunk whether a text
// column needs escaping (one scan of its bytes, ByteSet) and copies short values in fixed 16-byte steps.
// Every case is held against a plain reference written value by value, as RFC 4180 and COPY describe it.
#include "SchemaBuilding.h"
#include "export/DelimitedRows.h"
#include "export/ExportFormat.h"
#include "export/Sink.h"
#include "generate/ByteSet.h"
#include "generate/Plan.h"
#include "storage/CopyText.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace fabrica;
using fabrica::test::column;
using namespace Qt::StringLiterals;

namespace {

// RFC 4180 as ExportOptions describe it, one value at a time.
std::string csvReference(const ColumnChunk &column, int row, bool text, const ExportOptions &options)
{
    if (column.isNull(row))
        return options.nullText.toStdString();
    const std::string_view value = column.value(row);
    if (!text)
        return std::string(value);
    const bool guard = options.formulaGuard && !value.empty() &&
                       std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos;
    const bool quote = (value.empty() && options.nullText.isEmpty()) ||
                       value.find_first_of(std::string{options.delimiter, options.quote, '\r', '\n'}) !=
                           std::string_view::npos;
    std::string out;
    if (quote)
        out.push_back(options.quote);
    if (guard)
        out.push_back('\'');
    for (const char c : value) {
        if (quote && c == options.quote)
            out.push_back(c);
        out.push_back(c);
    }
    if (quote)
        out.push_back(options.quote);
    return out;
}

std::string copyReference(std::string_view value)
{
    std::string out;
    for (const char c : value) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\0':
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

bool hasEmpty(const ColumnChunk &column)
{
    for (int row = 0; row < column.size(); ++row) {
        if (!column.isNull(row) && column.value(row).empty())
            return true;
    }
    return false;
}

ColumnChunk chunkOf(const std::vector<std::optional<std::string>> &values)
{
    ColumnChunk chunk;
    chunk.reset(int(values.size()));
    for (const auto &value : values) {
        if (value)
            chunk.append(*value);
        else
            chunk.appendNull();
    }
    return chunk;
}

// A schema whose text columns are mostly harmless and now and then hold every byte CSV must quote, so
// that some chunks are copied as they are and others go value by value.
Schema mixedSchema(qint64 rows)
{
    // Escaped by hand: moc's reader loses its way in raw strings holding quotes.
    const QByteArray rare =
        "{\"values\": [\"plain\", \"a,b\", \"\", \"say \\\"hi\\\"\", \"two\\nlines\", \"cr\\rhere\", "
        "\"=1+1\", \"-3\", "
        "\"@x\", \"ünïcödé\", \"a value of well over thirty-two bytes, with a comma\", "
        "\"another value longer than sixty-four bytes but without any special byte at all here\"], "
        "\"weights\": [3000, 1, 1, 1, 1, 1, 1, 1, 1, 20, 1, 20], \"nullPercent\": 5}";
    return fabrica::test::oneTable(
        u"mixed"_s, rows,
        {column(u"rare"_s, u"enum"_s, rare), column(u"name"_s, u"full_name"_s),
         column(u"note"_s, u"lorem_sentence"_s, R"({"nullPercent": 30})"),
         column(u"agent"_s, u"user_agent"_s),
         column(u"doc"_s, u"json"_s, R"({"fields": {"n": {"type": "integer"}, "city": {"type": "city"}}})"),
         column(u"amount"_s, u"decimal"_s, R"({"min": -50, "max": 50, "scale": 2})"),
         column(u"always_empty"_s, u"enum"_s, R"({"values": [""]})")});
}

} // namespace

class TestDelimitedRows : public QObject
{
    Q_OBJECT

private slots:
    void byteSetFindsEveryPosition();
    void byteSetLimits();
    void rowsAgainstReference_data();
    void rowsAgainstReference();
    void columnWithoutBytes();
    void csvSinkAgainstReference_data();
    void csvSinkAgainstReference();
};

void TestDelimitedRows::byteSetFindsEveryPosition()
{
    const ByteSet set{',', '"', '\r', '\n'};
    for (std::size_t length = 0; length <= 70; ++length) {
        const std::string clean(length, 'x');
        QVERIFY2(!set.foundIn(clean), qPrintable(QString::number(length)));
        for (std::size_t at = 0; at < length; ++at) {
            for (const char special : {',', '"', '\r', '\n'}) {
                std::string text = clean;
                text[at] = special;
                QVERIFY2(set.foundIn(text), qPrintable(u"length %1, at %2"_s.arg(length).arg(at)));
            }
        }
    }
    // Bytes next to the specials, and the high half of the byte range, are not in it.
    std::string near;
    for (int b = 0; b < 256; ++b) {
        if (!set.contains(char(b)))
            near.push_back(char(b));
    }
    QVERIFY(!set.foundIn(near));
    QVERIFY(copytext::specialBytes().foundIn(std::string_view("abc\0def", 7)));
    QVERIFY(!copytext::specialBytes().foundIn("no special byte here, even with \"quotes\" and commas"));
}

void TestDelimitedRows::byteSetLimits()
{
    ByteSet set;
    for (int b = 0; b < int(ByteSet::maxBytes) + 5; ++b)
        set.add(char('a' + b));
    set.add('a'); // a repeat takes no room
    int members = 0;
    for (int b = 0; b < 256; ++b)
        members += set.contains(char(b)) ? 1 : 0;
    QCOMPARE(members, int(ByteSet::maxBytes));
    QVERIFY(set.foundIn("xyz-a"));
    QVERIFY(!set.foundIn("xyz-zzzzzzzzzzzzzzzzzz"));
}

void TestDelimitedRows::rowsAgainstReference_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<bool>("copyText");
    for (int seed = 1; seed <= 6; ++seed) {
        QTest::addRow("csv %d", seed) << seed << false;
        QTest::addRow("copy %d", seed) << seed << true;
    }
}

void TestDelimitedRows::rowsAgainstReference()
{
    QFETCH(int, seed);
    QFETCH(bool, copyText);
    // Random values of 0..100 bytes: most columns clean, some with a special byte in a few rows, lengths
    // around the 16/32/64-byte steps of the copies.
    std::mt19937 random(seed);
    const std::string specials = copyText ? std::string("\\\t\n\r", 4) + '\0' : std::string(",\"\r\n");
    const int rows = 1 + int(random() % 300);
    TableChunk chunk;
    chunk.rows = rows;
    std::vector<char> plain;
    for (int c = 0; c < 9; ++c) {
        const bool dirty = c % 3 == 1;
        std::vector<std::optional<std::string>> values;
        for (int r = 0; r < rows; ++r) {
            if (random() % 10 == 0) {
                values.emplace_back(std::nullopt);
                continue;
            }
            std::string value(random() % 101, 'a');
            for (char &b : value)
                b = char(' ' + random() % 60 + (random() % 7 == 0 ? 100 : 0)); // some bytes above 0x7f
            if (dirty && !value.empty() && random() % 20 == 0)
                value[random() % value.size()] = specials[random() % specials.size()];
            values.emplace_back(std::move(value));
        }
        chunk.columns.push_back(chunkOf(values));
        plain.push_back(c == 8); // a column the caller declares plain is copied whatever it holds
    }

    ExportOptions options; // CSV defaults: comma, double quote, empty NULL
    const std::string null = copyText ? "\\N" : "";
    const DelimitedEscaping escaping = copyText ? DelimitedEscaping{copytext::specialBytes(), false}
                                                : DelimitedEscaping{ByteSet{',', '"', '\r', '\n'}, true};
    const char delimiter = copyText ? '\t' : ',';
    ByteBuffer out;
    out.append("prefix;");
    appendDelimitedRows(
        chunk, delimiter, null, "\n", plain, escaping,
        [&](std::string_view value, char *at) {
            if (copyText)
                return copytext::write(value, at);
            // CSV: quote what the reference quotes (the sink's own escape is tested below).
            ColumnChunk one = chunkOf({std::string(value)});
            const std::string written = csvReference(one, 0, true, options);
            return ByteBuffer::copy(at, written.data(), written.size());
        },
        out);

    std::string expected = "prefix;";
    for (int r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
            if (c > 0)
                expected.push_back(delimiter);
            const ColumnChunk &column = chunk.columns[c];
            if (column.isNull(r))
                expected += null;
            else if (plain[c] && !(copyText ? false : hasEmpty(column)))
                expected +=
                    std::string(column.value(r)); // a CSV column with an empty value is escaped even so
            else
                expected +=
                    copyText ? copyReference(column.value(r)) : csvReference(column, r, true, options);
        }
        expected.push_back('\n');
    }
    QCOMPARE(out.size(), expected.size());
    QVERIFY(out.view() == expected);
}

void TestDelimitedRows::columnWithoutBytes()
{
    // Only NULLs and empty strings: the column never allocated a byte, and the padded copy must not read
    // through a null pointer.
    TableChunk chunk;
    chunk.rows = 4;
    chunk.columns.push_back(chunkOf({std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
    chunk.columns.push_back(chunkOf({std::string(), std::nullopt, std::string(), std::string()}));
    QCOMPARE(chunk.columns[1].byteSize(), std::size_t(0));
    const std::vector<char> plain{0, 0};
    for (const bool escapeEmpty : {false, true}) {
        ByteBuffer out;
        appendDelimitedRows(
            chunk, ',', "", "\n", plain, DelimitedEscaping{ByteSet{','}, escapeEmpty},
            [](std::string_view value, char *at) {
                *at++ = '<';
                at = ByteBuffer::copy(at, value.data(), value.size());
                *at++ = '>';
                return at;
            },
            out);
        QCOMPARE(out.str(), escapeEmpty ? std::string(",<>\n,\n,<>\n,<>\n") : std::string(",\n,\n,\n,\n"));
    }
}

void TestDelimitedRows::csvSinkAgainstReference_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("nullText");
    QTest::addColumn<bool>("formulaGuard");
    QTest::addColumn<QString>("lineEnding");
    QTest::addColumn<int>("chunkRows");
    QTest::newRow("csv") << u"csv"_s << QString() << false << u"\n"_s << 64;
    QTest::newRow("csv, NULL text") << u"csv"_s << u"NULL"_s << false << u"\n"_s << 500;
    QTest::newRow("csv, formula guard") << u"csv"_s << QString() << true << u"\n"_s << 64;
    QTest::newRow("csv, crlf, one row a chunk") << u"csv"_s << QString() << false << u"\r\n"_s << 1;
    QTest::newRow("tsv") << u"tsv"_s << u"\\N"_s << true << u"\n"_s << 4096;
}

void TestDelimitedRows::csvSinkAgainstReference()
{
    QFETCH(QString, format);
    QFETCH(QString, nullText);
    QFETCH(bool, formulaGuard);
    QFETCH(QString, lineEnding);
    QFETCH(int, chunkRows);
    const qint64 rows = 6000;
    const auto plan = Plan::compile(mixedSchema(rows), Plan::Options{11, {}});
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.path();
    options.nullText = nullText;
    options.formulaGuard = formulaGuard;
    options.lineEnding = lineEnding;
    std::unique_ptr<Sink> sink = ExportFormat::find(format)->create(options);
    QVERIFY(sink->begin(**plan).ok());
    options.delimiter = format == u"tsv"_s ? '\t' : ',';
    const TablePlan &table = (*plan)->tables()[0];

    int cleanChunks = 0, dirtyChunks = 0;
    for (qint64 first = 0; first < rows; first += chunkRows) {
        TableChunk chunk;
        (*plan)->fillChunk(0, first, int(std::min<qint64>(chunkRows, rows - first)), chunk);
        ByteBuffer encoded;
        sink->encode(chunk, encoded);
        std::string expected;
        for (int r = 0; r < chunk.rows; ++r) {
            for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
                if (c > 0)
                    expected.push_back(options.delimiter);
                const ValueClass kind = table.columns[c].generator->valueClass();
                const bool text = kind == ValueClass::Text || kind == ValueClass::Json;
                expected += csvReference(chunk.columns[c], r, text, options);
            }
            expected += lineEnding.toStdString();
        }
        if (encoded.view() != expected) {
            const std::string_view got = encoded.view();
            std::size_t at = 0;
            while (at < got.size() && at < expected.size() && got[at] == expected[at])
                ++at;
            QFAIL(qPrintable(
                u"chunk at row %1 differs at byte %2: \"%3\" against \"%4\""_s.arg(first).arg(at).arg(
                    QString::fromUtf8(got.substr(at > 20 ? at - 20 : 0, 60)),
                    QString::fromUtf8(std::string_view(expected).substr(at > 20 ? at - 20 : 0, 60)))));
        }
        const std::string_view rare = chunk.columns[1].bytes().view(); // after the id
        (rare.find_first_of(",\"\r\n") == std::string_view::npos ? cleanChunks : dirtyChunks) += 1;
    }
    if (chunkRows == 64) { // both kinds of chunk were met, so both paths were compared
        QVERIFY(cleanChunks > 0);
        QVERIFY(dirtyChunks > 0);
    }
}

QTEST_GUILESS_MAIN(TestDelimitedRows)
#include "tst_delimited_rows.moc"
