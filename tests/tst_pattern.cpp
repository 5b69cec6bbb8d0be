// The pattern generator: every value it makes (randomly or by index) must match the same pattern under
// QRegularExpression, stay within minLength..maxLength, and come back identical for the same seed; domain
// sizes are exact where the tree is unambiguous; nth() is a bijection; every rejected construct says
// exactly what is wrong and where.
#include "generate/Pattern.h"
#include "generate/Random.h"

#include <QRegularExpression>
#include <QtTest>

#include <limits>
#include <set>
#include <string>

using namespace fabrica;

namespace {

constexpr quint64 kHuge = std::numeric_limits<quint64>::max();

// PCRE2 (behind QRegularExpression) spells \uXXXX as \x{XXXX}; everything else we accept it reads alike.
QString toPcre(const QString &pattern)
{
    QString result;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern.at(i) != QLatin1Char('\\') || i + 1 >= pattern.size()) {
            result += pattern.at(i);
            continue;
        }
        if (pattern.at(i + 1) == QLatin1Char('u') && i + 5 < pattern.size()) {
            result += QStringLiteral("\\x{") + pattern.mid(i + 2, 4) + QLatin1Char('}');
            i += 5;
            continue;
        }
        result += pattern.mid(i, 2);
        ++i;
    }
    return result;
}

QRegularExpression anchored(const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(toPcre(pattern)));
}

Pattern compiled(const QString &pattern)
{
    const Result<Pattern> result = Pattern::compile(pattern);
    if (!result)
        qFatal("%s does not compile: %s", qPrintable(pattern), qPrintable(result.error().message));
    return result.value();
}

// Empty when value is a well-formed match of the right length, otherwise what is wrong with it.
QString problem(const Pattern &pattern, const QRegularExpression &regex, const std::string &value)
{
    const QString text = QString::fromUtf8(value.data(), qsizetype(value.size()));
    if (text.toStdString() != value)
        return QStringLiteral("not UTF-8");
    if (!regex.match(text).hasMatch())
        return QStringLiteral("\"%1\" does not match").arg(text);
    const qsizetype length = text.toUcs4().size();
    if (length < pattern.minLength() || length > pattern.maxLength())
        return QStringLiteral("\"%1\" has %2 characters, outside %3..%4")
            .arg(text)
            .arg(length)
            .arg(pattern.minLength())
            .arg(pattern.maxLength());
    return {};
}

QString rejection(const QString &pattern)
{
    const Result<Pattern> result = Pattern::compile(pattern);
    if (result)
        return QStringLiteral("(accepted)");
    if (result.error().code != ErrorCode::Validation)
        return QStringLiteral("(not a validation error)");
    return result.error().message;
}

} // namespace

class TestPattern : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void lengths_data();
    void lengths();
    void domainSize_data();
    void domainSize();
    void nthEnumeratesSmallDomains_data();
    void nthEnumeratesSmallDomains();
    void nthLargeDomains();
    void nthHugeDomain();
    void coversSmallDomains();
    void sameSeedSameValues();
    void appendsToOut();
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void benchmarkGenerate();
    void benchmarkNth();
};

void TestPattern::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<quint64>("seed");
    const QString patterns[] = {
        QStringLiteral("[A-Z]{3}-\\d{4}"),
        QStringLiteral("SKU-[0-9]{6}"),
        QStringLiteral("(foo|bar)+baz?"),
        QStringLiteral("[^a-z]{2,5}"),
        QStringLiteral("\\w+@\\w+\\.(com|org)"),
        QStringLiteral("^\\+49 \\d{3} \\d{7}$"),
        QStringLiteral("[À-ÿ]{3,6}"),
        QStringLiteral("[а-яё]+"),
        QStringLiteral("\\u00C9t\\u00E9 \\d{2}"),
        QStringLiteral("[\\u0410-\\u042F]{3}"),
        QStringLiteral("[A-Z]{2}\\d{6}"),
        QStringLiteral("[A-HJ-NP-Z]{2}-\\d{1,4}-[A-Z]{1,2}"),
        QStringLiteral("\\(\\d{3}\\) \\d{3}-\\d{4}"),
        QStringLiteral(".{5,10}"),
        QStringLiteral("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}"),
        QStringLiteral("[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}"),
        QStringLiteral("(?:ab|cd)*e"),
        QStringLiteral("a|b|c"),
        QStringLiteral("(a|b|c)d?"),
        QStringLiteral("\\D\\W\\S"),
        QStringLiteral("[\\d\\-_.]{4}"),
        QStringLiteral("x*y+z?"),
        QStringLiteral("[^\\s]{3}"),
        QStringLiteral("\\t\\n\\\\\\/\\r\\f\\v\\a\\e"),
        QStringLiteral("\\x41\\x{20AC}\\x{1F600}"),
        QStringLiteral("[[:upper:]][[:digit:]]{2}[[:alpha:]][[:^alnum:]][[:punct:]]"),
        QStringLiteral("(((a|b)c)+d){1,3}"),
        QStringLiteral("(0[1-9]|1[0-2])/(0[1-9]|[12]\\d|3[01])/(19|20)\\d{2}"),
        QStringLiteral("[😀-😂]{2}x"),
        QStringLiteral("ISBN 97[89]-\\d{10}"),
        QStringLiteral("#[0-9A-Fa-f]{6}"),
        QStringLiteral("[a-z]+(-[a-z]+)*"),
        QStringLiteral("v\\d+\\.\\d+\\.\\d+(-(alpha|beta|rc)\\.\\d)?"),
        QStringLiteral("(ab){2,}"),
        QStringLiteral("[]a]{2}[-a-c][a-c-]"),
        QStringLiteral("a{2}?b+?c??"),
        QStringLiteral("^(abc)?$"),
        QStringLiteral("\\{[a-z]{2}\\}|{x}"),
        QStringLiteral("(?:(?:a|b)(?:c|d)){3}"),
        QStringLiteral("\\+?[1-9]\\d{1,14}"),
        QStringLiteral("[A-Z][a-z]{2,9} [A-Z][a-z]{2,9}"),
        QStringLiteral("(a|)b"),
        QStringLiteral("(^ab|^cd)e(f$|g$)"),
        QStringLiteral("[\\x{100}-\\x{7FF}\\x{4E00}-\\x{4E0F}]{2}"),
        QStringLiteral("[\\uD7F0-\\uE010]"),
        QStringLiteral("[^\\W_]+"),
        QStringLiteral(""),
    };
    quint64 seed = 1;
    for (const QString &pattern : patterns)
        QTest::newRow(qPrintable(pattern)) << pattern << seed++ * 7919;
}

void TestPattern::matches()
{
    QFETCH(QString, pattern);
    QFETCH(quint64, seed);
    const QRegularExpression regex = anchored(pattern);
    QVERIFY2(regex.isValid(), qPrintable(regex.errorString()));
    const Pattern compiledPattern = compiled(pattern);
    Random random(seed);
    std::string value;
    for (int i = 0; i < 2000; ++i) {
        value.clear();
        compiledPattern.generate(random, value);
        const QString wrong = problem(compiledPattern, regex, value);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }
    // Values by index match too, across the whole domain.
    const quint64 domain = compiledPattern.domainSize();
    QVERIFY(domain > 0);
    for (int i = 0; i < 500; ++i) {
        const quint64 index = i < 250 ? quint64(i) % domain : random.below(domain);
        value.clear();
        compiledPattern.nth(index, value);
        const QString wrong = problem(compiledPattern, regex, value);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }
}

void TestPattern::lengths_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::newRow("fixed") << QStringLiteral("[A-Z]{3}-\\d{4}") << 8 << 8;
    QTest::newRow("star") << QStringLiteral("x*") << 0 << 8;
    QTest::newRow("plus") << QStringLiteral("a+") << 1 << 9;
    QTest::newRow("open count") << QStringLiteral("a{2,}") << 2 << 10;
    QTest::newRow("alternation") << QStringLiteral("(foo|bar)+baz?") << 5 << 30;
    QTest::newRow("unicode") << QStringLiteral("[À-ÿ]{3,6}😀") << 4 << 7;
    QTest::newRow("empty") << QString() << 0 << 0;
    QTest::newRow("anchors") << QStringLiteral("^$") << 0 << 0;
    QTest::newRow("nested") << QStringLiteral("(a(bc)?){2,3}") << 2 << 9;
}

void TestPattern::lengths()
{
    QFETCH(QString, pattern);
    QFETCH(int, min);
    QFETCH(int, max);
    const Pattern compiledPattern = compiled(pattern);
    QCOMPARE(compiledPattern.minLength(), min);
    QCOMPARE(compiledPattern.maxLength(), max);
}

void TestPattern::domainSize_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<bool>("exact");
    QTest::newRow("[ab]{2}") << QStringLiteral("[ab]{2}") << quint64(4) << true;
    QTest::newRow("(a|b|c)d?") << QStringLiteral("(a|b|c)d?") << quint64(6) << true;
    QTest::newRow("\\d{3}") << QStringLiteral("\\d{3}") << quint64(1000) << true;
    QTest::newRow("a|a") << QStringLiteral("a|a") << quint64(1) << true;
    QTest::newRow("[aa]") << QStringLiteral("[aa]") << quint64(1) << true;
    QTest::newRow("[a-cb-d]") << QStringLiteral("[a-cb-d]") << quint64(4) << true;
    QTest::newRow("(ab|ab|c)") << QStringLiteral("(ab|ab|c)") << quint64(2) << true;
    QTest::newRow("(ab|cd|ab)") << QStringLiteral("(ab|cd|ab)") << quint64(2) << true;
    QTest::newRow("(a|[ab])") << QStringLiteral("(a|[ab])") << quint64(2) << true;
    QTest::newRow("(a|(b|a))") << QStringLiteral("(a|(b|a))") << quint64(2) << true;
    QTest::newRow("[a-c][b-d]") << QStringLiteral("[a-c][b-d]") << quint64(9) << true;
    QTest::newRow("x?") << QStringLiteral("x?") << quint64(2) << true;
    QTest::newRow("a{2,4}") << QStringLiteral("a{2,4}") << quint64(3) << true;
    QTest::newRow("[ab]{0,2}") << QStringLiteral("[ab]{0,2}") << quint64(7) << true;
    QTest::newRow("x*") << QStringLiteral("x*") << quint64(9) << true;
    QTest::newRow("\\d+") << QStringLiteral("\\d+") << quint64(1111111110) << true;
    QTest::newRow(".") << QStringLiteral(".") << quint64(95) << true;
    QTest::newRow("[^a-z]") << QStringLiteral("[^a-z]") << quint64(69) << true;
    QTest::newRow("\\w") << QStringLiteral("\\w") << quint64(63) << true;
    QTest::newRow("\\W") << QStringLiteral("\\W") << quint64(32) << true;
    QTest::newRow("\\s") << QStringLiteral("\\s") << quint64(1) << true;
    QTest::newRow("\\S") << QStringLiteral("\\S") << quint64(94) << true;
    QTest::newRow("\\D") << QStringLiteral("\\D") << quint64(85) << true;
    QTest::newRow("[\\d0-4x]") << QStringLiteral("[\\d0-4x]") << quint64(11) << true;
    QTest::newRow("abc") << QStringLiteral("abc") << quint64(1) << true;
    QTest::newRow("empty") << QString() << quint64(1) << true;
    QTest::newRow("(|a)") << QStringLiteral("(|a)") << quint64(2) << true;
    QTest::newRow("()*") << QStringLiteral("()*") << quint64(1) << true;
    QTest::newRow("[À-ÿ]") << QStringLiteral("[À-ÿ]") << quint64(64) << true;
    QTest::newRow("[а-яё]") << QStringLiteral("[а-яё]") << quint64(33) << true;
    QTest::newRow("surrogates skipped") << QStringLiteral("[\\uD7F0-\\uE010]") << quint64(33) << true;
    QTest::newRow("(foo|bar)+") << QStringLiteral("(foo|bar)+") << quint64(1022) << true;
    QTest::newRow("(0[1-9]|1[0-2])") << QStringLiteral("(0[1-9]|1[0-2])") << quint64(12) << true;
    QTest::newRow("[A-Z]{2,4}\\d{3}") << QStringLiteral("[A-Z]{2,4}\\d{3}")
                                      << quint64(26 * 26 + 26 * 26 * 26 + 26 * 26 * 26 * 26) * 1000 << true;
    QTest::newRow("[a-z]{13}") << QStringLiteral("[a-z]{13}") << quint64(2481152873203736576ull) << true;
    QTest::newRow("(a|b){63}") << QStringLiteral("(a|b){63}") << (quint64(1) << 63) << true;
    QTest::newRow("(a|b){64}") << QStringLiteral("(a|b){64}") << kHuge << true;
    QTest::newRow(".{20}") << QStringLiteral(".{20}") << kHuge << true;
    QTest::newRow("email") << QStringLiteral("\\w+@\\w+\\.(com|org)") << kHuge << true;
    // Upper bounds: different ways of generating can make the same string.
    QTest::newRow("a?a?") << QStringLiteral("a?a?") << quint64(4) << false;
    QTest::newRow("(a|ab)(b|)") << QStringLiteral("(a|ab)(b|)") << quint64(4) << false;
    QTest::newRow("(foo|bar)+baz?") << QStringLiteral("(foo|bar)+baz?") << quint64(2044) << false;
}

void TestPattern::domainSize()
{
    QFETCH(QString, pattern);
    QFETCH(quint64, size);
    QFETCH(bool, exact);
    const Pattern compiledPattern = compiled(pattern);
    QCOMPARE(compiledPattern.domainSize(), size);
    QCOMPARE(compiledPattern.domainIsExact(), exact);
}

void TestPattern::nthEnumeratesSmallDomains_data()
{
    QTest::addColumn<QString>("pattern");
    const QString patterns[] = {
        QStringLiteral("[ab]{2}"),
        QStringLiteral("(a|b|c)d?"),
        QStringLiteral("\\d{3}"),
        QStringLiteral("[ab]{0,2}"),
        QStringLiteral("(foo|bar)+"),
        QStringLiteral("(0[1-9]|1[0-2])/(0[1-9]|[12]\\d|3[01])"),
        QStringLiteral("[A-C]{1,3}-[xy]"),
        QStringLiteral("\\d{1,3}-\\d{2}"),
        QStringLiteral("x*"),
        QStringLiteral("[À-Å]{2}"),
        QStringLiteral("(|a|bc)d"),
        QStringLiteral("[a-f]{2,3}q?"),
        QStringLiteral("[A-Z]{1,2}\\d{1,2}"),
        QStringLiteral("(ab|cd|ef){1,3}"),
        QStringLiteral("[😀-😂][\\u0100-\\u0500]"),
    };
    for (const QString &pattern : patterns)
        QTest::newRow(qPrintable(pattern)) << pattern;
}

void TestPattern::nthEnumeratesSmallDomains()
{
    QFETCH(QString, pattern);
    const Pattern compiledPattern = compiled(pattern);
    const QRegularExpression regex = anchored(pattern);
    QVERIFY(compiledPattern.domainIsExact());
    const quint64 domain = compiledPattern.domainSize();
    QVERIFY(domain <= 200000);
    std::set<std::string> seen;
    std::string value;
    for (quint64 i = 0; i < domain; ++i) {
        value.clear();
        compiledPattern.nth(i, value);
        const QString wrong = problem(compiledPattern, regex, value);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        seen.insert(value);
    }
    QCOMPARE(quint64(seen.size()), domain);
}

void TestPattern::nthLargeDomains()
{
    const QString pattern = QStringLiteral("[A-Z]{2}\\d{6}");
    const Pattern compiledPattern = compiled(pattern);
    const QRegularExpression regex = anchored(pattern);
    QCOMPARE(compiledPattern.domainSize(), quint64(676000000));
    std::set<std::string> seen;
    std::string value;
    for (quint64 i = 0; i < 100000; ++i) {
        value.clear();
        compiledPattern.nth(i, value);
        const QString wrong = problem(compiledPattern, regex, value);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        seen.insert(value);
    }
    QCOMPARE(seen.size(), size_t(100000));
    // Counting order: the last position varies fastest.
    const auto at = [&compiledPattern](quint64 index) {
        std::string text;
        compiledPattern.nth(index, text);
        return text;
    };
    QCOMPARE(at(0), std::string("AA000000"));
    QCOMPARE(at(1), std::string("AA000001"));
    QCOMPARE(at(1000000), std::string("AB000000"));
    QCOMPARE(at(676000000 - 1), std::string("ZZ999999"));
    // Shorter repetitions come first.
    const Pattern digits = compiled(QStringLiteral("\\d{1,3}"));
    std::string text;
    digits.nth(0, text);
    digits.nth(9, text);
    digits.nth(10, text);
    digits.nth(109, text);
    digits.nth(110, text);
    digits.nth(1109, text);
    QCOMPARE(text, std::string("09"
                               "0099"
                               "000999"));
}

void TestPattern::nthHugeDomain()
{
    const QString patterns[] = {QStringLiteral(".{20}"), QStringLiteral("\\w+@\\w+\\.(com|org)"),
                                QStringLiteral("(a|b){64}"), QStringLiteral("[\\x{100}-\\x{FFFF}]{6}")};
    for (const QString &pattern : patterns) {
        const Pattern compiledPattern = compiled(pattern);
        const QRegularExpression regex = anchored(pattern);
        QCOMPARE(compiledPattern.domainSize(), kHuge);
        QVERIFY(compiledPattern.domainIsExact());
        std::set<std::string> seen;
        std::string value;
        for (quint64 offset = 1; offset <= 20000; ++offset) {
            // Both ends of [0, UINT64_MAX) stay distinct, saturated place values included.
            for (const quint64 index : {offset - 1, kHuge - offset}) {
                value.clear();
                compiledPattern.nth(index, value);
                const QString wrong = problem(compiledPattern, regex, value);
                QVERIFY2(wrong.isEmpty(), qPrintable(pattern + QStringLiteral(": ") + wrong));
                seen.insert(value);
            }
        }
        QCOMPARE(seen.size(), size_t(40000));
    }
}

void TestPattern::coversSmallDomains()
{
    // Random generation reaches every value of a small domain: each alternative, count and member.
    const QString patterns[] = {QStringLiteral("(a|b|c)d?"), QStringLiteral("\\d{1,2}"),
                                QStringLiteral("(foo|bar|)x*"), QStringLiteral("[À-Ä]{2}")};
    for (const QString &pattern : patterns) {
        const Pattern compiledPattern = compiled(pattern);
        Random random(99);
        std::set<std::string> seen;
        std::string value;
        for (int i = 0; i < 20000; ++i) {
            value.clear();
            compiledPattern.generate(random, value);
            seen.insert(value);
        }
        QCOMPARE(quint64(seen.size()), compiledPattern.domainSize());
    }
}

void TestPattern::sameSeedSameValues()
{
    const Pattern compiledPattern = compiled(QStringLiteral("[A-Z]{2,4}-(\\d{3}|x+)[а-я]?"));
    const auto draw = [&compiledPattern](quint64 seed) {
        Random random(seed);
        std::string all;
        for (int i = 0; i < 1000; ++i) {
            compiledPattern.generate(random, all);
            all.push_back('\n');
        }
        return all;
    };
    QCOMPARE(draw(42), draw(42));
    QVERIFY(draw(42) != draw(43));
    // A copy generates the same values.
    const Pattern copy = compiledPattern;
    Random a(7), b(7);
    std::string first, second;
    compiledPattern.generate(a, first);
    copy.generate(b, second);
    QCOMPARE(first, second);
}

void TestPattern::appendsToOut()
{
    const Pattern compiledPattern = compiled(QStringLiteral("é\\d"));
    std::string out = "prefix:";
    Random random(1);
    compiledPattern.generate(random, out);
    QCOMPARE(out.size(), size_t(7 + 3));
    QVERIFY(out.rfind("prefix:é", 0) == 0);
    compiledPattern.nth(5, out);
    QCOMPARE(out.substr(10), std::string("é5"));
}

void TestPattern::accepted_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("64 nested groups")
        << QString(QString(64, QLatin1Char('(')) + QLatin1Char('a') + QString(64, QLatin1Char(')')));
    QTest::newRow("4096 characters") << QString(4096, QLatin1Char('a'));
    QTest::newRow("count 1000") << QStringLiteral("a{1000}");
    QTest::newRow("open count from 1000") << QStringLiteral("a{1000,}");
    QTest::newRow("values of 100000 characters") << QStringLiteral("(.{1000}){100}");
    QTest::newRow("optional anchored group") << QStringLiteral("(^a)?b(c$)?");
    QTest::newRow("anchors after empty items") << QStringLiteral("()^a$()");
    QTest::newRow("literal braces") << QStringLiteral("a{x}{,}{");
    QTest::newRow("literal ] and }") << QStringLiteral("a]}");
    QTest::newRow("escaped punctuation in a class") << QStringLiteral("[\\-\\]\\[]");
}

void TestPattern::accepted()
{
    QFETCH(QString, pattern);
    const Result<Pattern> result = Pattern::compile(pattern);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const QRegularExpression regex = anchored(pattern);
    QVERIFY(regex.isValid());
    Random random(5);
    std::string value;
    for (int i = 0; i < 20; ++i) {
        value.clear();
        result->generate(random, value);
        const QString wrong = problem(*result, regex, value);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }
}

void TestPattern::rejected_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    const QString cannotTest = QStringLiteral("Fabrica generates values, it cannot test them");
    const auto row = [](const char *name, const QString &pattern, const QString &message) {
        QTest::newRow(name) << pattern << message;
    };
    row("lookahead", QStringLiteral("\\d{3}-(?=\\d)"),
        QStringLiteral("pattern, character 7: lookahead (?=…) is not supported; ") + cannotTest);
    row("negative lookahead", QStringLiteral("a(?!b)"),
        QStringLiteral("pattern, character 2: lookahead (?!…) is not supported; ") + cannotTest);
    row("lookbehind", QStringLiteral("(?<=x)a"),
        QStringLiteral("pattern, character 1: lookbehind (?<=…) is not supported; ") + cannotTest);
    row("negative lookbehind", QStringLiteral("(?<!x)a"),
        QStringLiteral("pattern, character 1: lookbehind (?<!…) is not supported; ") + cannotTest);
    row("backreference", QStringLiteral("(a)\\1"),
        QStringLiteral("pattern, character 4: backreference \\1 is not supported; write the group out again "
                       "instead"));
    row("backreference 12", QStringLiteral("(a)\\12"),
        QStringLiteral("pattern, character 4: backreference \\12 is not supported; write the group out again "
                       "instead"));
    row("named backreference", QStringLiteral("a\\k<y>"),
        QStringLiteral("pattern, character 2: backreference \\k is not supported; write the group out again "
                       "instead"));
    row("python backreference", QStringLiteral("(?P=n)"),
        QStringLiteral("pattern, character 1: backreference (?P=…) is not supported; write the group out "
                       "again instead"));
    row("named group", QStringLiteral("x(?<year>\\d{4})"),
        QStringLiteral("pattern, character 2: named group (?<year>…) is not supported; write a plain group "
                       "(…) or (?:…)"));
    row("python named group", QStringLiteral("(?P<year>\\d{4})"),
        QStringLiteral("pattern, character 1: named group (?P<year>…) is not supported; write a plain group "
                       "(…) or (?:…)"));
    row("quoted named group", QStringLiteral("(?'n'x)"),
        QStringLiteral("pattern, character 1: named group (?'n'…) is not supported; write a plain group (…) "
                       "or (?:…)"));
    row("possessive ++", QStringLiteral("a++"),
        QStringLiteral("pattern, character 2: possessive quantifier ++ is not supported; drop the last '+'"));
    row("possessive *+", QStringLiteral("a*+"),
        QStringLiteral("pattern, character 2: possessive quantifier *+ is not supported; drop the last '+'"));
    row("possessive ?+", QStringLiteral("a?+"),
        QStringLiteral("pattern, character 2: possessive quantifier ?+ is not supported; drop the last '+'"));
    row("possessive {2}+", QStringLiteral("[ab]{2}+"),
        QStringLiteral("pattern, character 5: possessive quantifier {2}+ is not supported; drop the last "
                       "'+'"));
    row("min above max", QStringLiteral("x{5,3}"),
        QStringLiteral("pattern, character 2: repetition {5,3} has a minimum greater than its maximum"));
    row("unclosed (", QStringLiteral("a(b(c)"),
        QStringLiteral("pattern, character 2: unbalanced parenthesis: this '(' is never closed"));
    row("stray )", QStringLiteral("ab)c"),
        QStringLiteral("pattern, character 3: unbalanced parenthesis: this ')' has no '('"));
    row("unclosed [", QStringLiteral("x[ab"),
        QStringLiteral("pattern, character 2: unbalanced bracket: this '[' is never closed; write \\[ for a "
                       "literal '['"));
    row("empty class", QStringLiteral("x[]"),
        QStringLiteral("pattern, character 2: empty class [] matches nothing; write \\] for a literal ']'"));
    row("empty negated class", QStringLiteral("[^]"),
        QStringLiteral("pattern, character 1: empty class [^] matches nothing; write \\] for a literal ']'"));
    row("class of nothing printable", QStringLiteral("[^ -~]"),
        QStringLiteral("pattern, character 1: class [^ -~] leaves no printable character to generate"));
    row("class of nothing: \\s\\S", QStringLiteral("a[^\\s\\S]"),
        QStringLiteral("pattern, character 2: class [^\\s\\S] leaves no printable character to generate"));
    row("65 nested groups",
        QString(QString(65, QLatin1Char('(')) + QLatin1Char('a') + QString(65, QLatin1Char(')'))),
        QStringLiteral("pattern, character 65: groups are nested more than 64 deep"));
    row("4097 characters", QString(4097, QLatin1Char('a')),
        QStringLiteral("pattern, character 4097: patterns may be at most 4096 characters long"));
    row("count 1001", QStringLiteral("a{1001}"),
        QStringLiteral("pattern, character 3: repetition count 1001 is above the limit of 1000"));
    row("maximum 1001", QStringLiteral("a{2,1001}"),
        QStringLiteral("pattern, character 5: repetition count 1001 is above the limit of 1000"));
    row("count beyond 64 bits", QStringLiteral("a{99999999999999999999}"),
        QStringLiteral("pattern, character 3: repetition count 99999999999999999999 is above the limit of "
                       "1000"));
    row("\\b", QStringLiteral("\\bword"),
        QStringLiteral("pattern, character 1: word boundary \\b is not supported; ") + cannotTest);
    row("\\B", QStringLiteral("a\\B"),
        QStringLiteral("pattern, character 2: word boundary \\B is not supported; ") + cannotTest);
    row("\\b in a class", QStringLiteral("[a\\b]"),
        QStringLiteral("pattern, character 3: escape \\b is not supported"));
    row("nothing to repeat", QStringLiteral("*a"),
        QStringLiteral("pattern, character 1: quantifier * has nothing to repeat"));
    row("count repeats nothing", QStringLiteral("a|{2}"),
        QStringLiteral("pattern, character 3: quantifier {2} has nothing to repeat"));
    row("after a group opens", QStringLiteral("(+a)"),
        QStringLiteral("pattern, character 2: quantifier + has nothing to repeat"));
    row("repeated anchor", QStringLiteral("^*a"),
        QStringLiteral("pattern, character 2: quantifier * has nothing to repeat"));
    row("double quantifier", QStringLiteral("a**"),
        QStringLiteral("pattern, character 3: quantifier * follows another quantifier; put the repeated part "
                       "in a group, as in (a{2}){3}"));
    row("double count", QStringLiteral("a{2}{3}"),
        QStringLiteral("pattern, character 5: quantifier {3} follows another quantifier; put the repeated "
                       "part in a group, as in (a{2}){3}"));
    row("no minimum", QStringLiteral("a{,3}"),
        QStringLiteral("pattern, character 2: repetition {,3} needs a minimum; write {0,3}"));
    row("reversed range", QStringLiteral("[0-9z-a]"),
        QStringLiteral("pattern, character 5: range z-a is out of order; write a-z"));
    row("reversed escaped range", QStringLiteral("[\\x5A-A]"),
        QStringLiteral("pattern, character 2: range \\x5A-A is out of order; write A-\\x5A"));
    row("class starts a range", QStringLiteral("[\\d-z]"),
        QStringLiteral("pattern, character 2: \\d cannot bound a range; write \\- for a literal '-'"));
    row("class ends a range", QStringLiteral("[a-\\w]"),
        QStringLiteral("pattern, character 4: \\w cannot bound a range; write \\- for a literal '-'"));
    row("unicode property", QStringLiteral("\\p{L}+"),
        QStringLiteral("pattern, character 1: unicode property \\p is not supported; write a range instead, "
                       "as in [A-Za-zÀ-ÿ]"));
    row("unknown escape", QStringLiteral("ab\\q"),
        QStringLiteral("pattern, character 3: escape \\q is not supported"));
    row("trailing backslash", QStringLiteral("abc\\"),
        QStringLiteral("pattern, character 4: a '\\' at the end of the pattern escapes nothing"));
    row("short \\u", QStringLiteral("\\u12G"),
        QStringLiteral("pattern, character 1: \\u12 needs four hexadecimal digits, as in \\u00E9"));
    row("short \\x", QStringLiteral("\\x4"),
        QStringLiteral(
            "pattern, character 1: \\x4 needs two hexadecimal digits, as in \\x41, or braces, as in "
            "\\x{20AC}"));
    row("unclosed \\x{", QStringLiteral("\\x{41"),
        QStringLiteral(
            "pattern, character 1: \\x{41 needs two hexadecimal digits, as in \\x41, or braces, as "
            "in \\x{20AC}"));
    row("surrogate", QStringLiteral("\\uD800"),
        QStringLiteral("pattern, character 1: \\uD800 is not a Unicode character"));
    row("beyond U+10FFFF", QStringLiteral("a\\x{110000}"),
        QStringLiteral("pattern, character 2: \\x{110000} is not a Unicode character"));
    row("octal", QStringLiteral("\\0"),
        QStringLiteral("pattern, character 1: octal escape \\0 is not supported; write \\x{…}"));
    row("anchor \\A", QStringLiteral("\\Aabc"),
        QStringLiteral(
            "pattern, character 1: anchor \\A is not supported; use ^ at the start or $ at the end"));
    row("inline option", QStringLiteral("(?i)abc"),
        QStringLiteral(
            "pattern, character 1: inline option (?i) is not supported; spell the variants out, as "
            "in [Aa]"));
    row("scoped inline option", QStringLiteral("(?i:abc)"),
        QStringLiteral("pattern, character 1: inline option (?i:…) is not supported; spell the variants out, "
                       "as in [Aa]"));
    row("atomic group", QStringLiteral("(?>a)"),
        QStringLiteral("pattern, character 1: atomic group (?>…) is not supported; write (?:…)"));
    row("comment group", QStringLiteral("(?#c)"),
        QStringLiteral("pattern, character 1: group (?#…) is not supported; write (…) or (?:…)"));
    row("^ inside", QStringLiteral("a^b"),
        QStringLiteral("pattern, character 2: ^ is only supported at the start of the pattern"));
    row("$ inside", QStringLiteral("a$b"),
        QStringLiteral("pattern, character 2: $ is only supported at the end of the pattern"));
    row("$ inside a group", QStringLiteral("(a$|b)c"),
        QStringLiteral("pattern, character 3: $ is only supported at the end of the pattern"));
    row("repeated ^", QStringLiteral("(^a)+"),
        QStringLiteral("pattern, character 2: ^ is only supported at the start of the pattern"));
    row("repeated $", QStringLiteral("(a$){2}"),
        QStringLiteral("pattern, character 3: $ is only supported at the end of the pattern"));
    row("unknown POSIX class", QStringLiteral("[[:foo:]]"),
        QStringLiteral("pattern, character 2: POSIX class [:foo:] is not supported; use one of alpha, digit, "
                       "alnum, upper, lower, xdigit, word, space, blank, punct, print, graph"));
    row("POSIX class alone", QStringLiteral("x[:digit:]"),
        QStringLiteral("pattern, character 2: POSIX class [:digit:] only works inside a class; write "
                       "[[:digit:]]"));
    row("misspelt POSIX class", QStringLiteral("[a[:al pha:]]"),
        QStringLiteral("pattern, character 3: POSIX class [:al pha:] is not supported; use one of alpha, "
                       "digit, alnum, upper, lower, xdigit, word, space, blank, punct, print, graph"));
    row("values too long by a count", QStringLiteral("(.{1000}){101}"),
        QStringLiteral(
            "pattern, character 10: values of this pattern can be 101000 characters long; the limit "
            "is 100000"));
    row("values too long in a row", QStringLiteral("(.{1000}){60}(.{1000}){41}"),
        QStringLiteral(
            "pattern, character 14: values of this pattern can be 101000 characters long; the limit "
            "is 100000"));
}

void TestPattern::rejected()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QCOMPARE(rejection(pattern), message);
}

void TestPattern::benchmarkGenerate()
{
    const Pattern compiledPattern = compiled(QStringLiteral("[A-Z]{3}-\\d{4}-(foo|bar|baz)[а-я]{2}"));
    Random random(1);
    std::string out;
    out.reserve(1 << 20);
    QBENCHMARK
    {
        for (int i = 0; i < 100000; ++i) {
            out.clear();
            compiledPattern.generate(random, out);
        }
    }
}

void TestPattern::benchmarkNth()
{
    const Pattern compiledPattern = compiled(QStringLiteral("[A-Z]{3}-\\d{4}-(foo|bar|baz)[а-я]{2}"));
    std::string out;
    out.reserve(1 << 20);
    quint64 index = 0;
    QBENCHMARK
    {
        for (int i = 0; i < 100000; ++i) {
            out.clear();
            compiledPattern.nth(index++ % compiledPattern.domainSize(), out);
        }
    }
}

QTEST_GUILESS_MAIN(TestPattern)
#include "tst_pattern.moc"
