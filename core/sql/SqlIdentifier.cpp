#include "SqlIdentifier.h"

#include "SqlKeywords.h"

#include <QCoreApplication>

#include <algorithm>
#include <string_view>

namespace fabrica {

// Every message fills its placeholders in one multi-argument arg() call: chained arg() calls would also
// replace a "%2" that is part of the user's name.

namespace {

QChar quoteChar(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
    case SqlDialect::SQLite:
        return QLatin1Char('"');
    case SqlDialect::MySQL:
        return QLatin1Char('`');
    }
    return QLatin1Char('"');
}

bool isControl(QChar c)
{
    return c.category() == QChar::Other_Control;
}

// The name as shown inside a message: control characters would garble the text (a NUL even ends it in
// some widgets), so they appear as U+FFFD; the message says which character it was.
QString displayName(const QString &name)
{
    QString shown = name;
    for (QChar &c : shown) {
        if (isControl(c))
            c = QChar(QChar::ReplacementCharacter);
    }
    return shown;
}

QString codePointLabel(char32_t code)
{
    return QStringLiteral("U+%1").arg(uint(code), 4, 16, QLatin1Char('0')).toUpper();
}

// "A", "A and B", "A, B and C": dialect names for the reserved-word warning.
QString joinDialectNames(const QList<SqlDialect> &dialects)
{
    QString joined;
    for (qsizetype i = 0; i < dialects.size(); ++i) {
        const QString name = sqlDialectName(dialects.at(i));
        if (i == 0)
            joined = name;
        else if (i == dialects.size() - 1)
            joined = QCoreApplication::translate("fabrica::SqlIdentifier", "%1 and %2").arg(joined, name);
        else
            joined = QCoreApplication::translate("fabrica::SqlIdentifier", "%1, %2").arg(joined, name);
    }
    return joined;
}

// SQLite compares the prefix with ASCII case folding only (sqlite3_strnicmp), so "ſqlite_x" is allowed.
bool hasSqlitePrefix(const QString &name)
{
    constexpr std::string_view prefix = "sqlite_";
    if (name.size() < qsizetype(prefix.size()))
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char16_t c = name.at(qsizetype(i)).unicode();
        if (c >= u'A' && c <= u'Z')
            c += u'a' - u'A';
        if (c != char16_t(prefix[i]))
            return false;
    }
    return true;
}

} // namespace

QString SqlIdentifier::quote(SqlDialect dialect, const QString &name)
{
    const QChar q = quoteChar(dialect);
    QString quoted;
    quoted.reserve(name.size() + 2);
    quoted += q;
    for (const QChar c : name) {
        // A NUL ends the statement in the C client libraries, so whatever follows it would be lost.
        if (c.isNull())
            continue;
        if (c == q)
            quoted += q;
        quoted += c;
    }
    quoted += q;
    return quoted;
}

QList<SqlIdentifier::Finding> SqlIdentifier::check(const QString &name, Kind kind)
{
    QList<Finding> findings;
    const auto error = [&findings](const QString &message) { findings.append({Severity::Error, message}); };

    if (name.isEmpty()) {
        error(kind == Kind::Table
                  ? QCoreApplication::translate("fabrica::SqlIdentifier", "table name is empty")
                  : QCoreApplication::translate("fabrica::SqlIdentifier", "column name is empty"));
        return findings;
    }
    // Made when a message needs it: most names have nothing to report.
    QString shownName;
    const auto shown = [&]() -> const QString & {
        if (shownName.isEmpty())
            shownName = displayName(name);
        return shownName;
    };

    // One finding per distinct control character, at its first position (counted in characters, from 1).
    QList<char32_t> reported;
    qsizetype position = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (!c.isLowSurrogate() || i == 0 || !name.at(i - 1).isHighSurrogate())
            ++position;
        if (!isControl(c) || reported.contains(c.unicode()))
            continue;
        reported.append(c.unicode());
        error(QCoreApplication::translate("fabrica::SqlIdentifier",
                                          "name \"%1\" contains the control character %2 at position %3")
                  .arg(shown(), codePointLabel(c.unicode()), QString::number(position)));
    }

    // A tab or newline at either end was reported above as a control character already.
    if (name.front().isSpace() && !isControl(name.front()))
        error(QCoreApplication::translate("fabrica::SqlIdentifier", "name \"%1\" starts with white space")
                  .arg(shown()));
    if (name.back().isSpace() && !isControl(name.back()))
        error(QCoreApplication::translate("fabrica::SqlIdentifier", "name \"%1\" ends with white space")
                  .arg(shown()));

    if (name.contains(QLatin1Char('"')))
        error(QCoreApplication::translate("fabrica::SqlIdentifier", "name \"%1\" contains a double quote")
                  .arg(shown()));
    if (name.contains(QLatin1Char('`')))
        error(QCoreApplication::translate("fabrica::SqlIdentifier", "name \"%1\" contains a backtick")
                  .arg(shown()));
    if (name.contains(QLatin1Char('.')))
        error(QCoreApplication::translate(
                  "fabrica::SqlIdentifier",
                  "name \"%1\" contains '.', which SQL tools read as a schema qualifier")
                  .arg(shown()));
    if (kind == Kind::Table && hasSqlitePrefix(name))
        error(QCoreApplication::translate(
                  "fabrica::SqlIdentifier",
                  "table name \"%1\" starts with \"sqlite_\", which SQLite reserves for its own tables")
                  .arg(shown()));

    qsizetype bytes = 0; // the name's length in UTF-8, without making the bytes
    for (const QChar c : name)
        bytes += c.unicode() < 0x80 ? 1 : c.unicode() < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    if (bytes > kPostgresMaxBytes) {
        findings.append(
            {Severity::Warning,
             QCoreApplication::translate(
                 "fabrica::SqlIdentifier",
                 "name \"%1\" is %2 bytes long in UTF-8; PostgreSQL keeps only the first 63 bytes: \"%3\"")
                 .arg(shown(), QString::number(bytes), displayName(postgresTruncated(name)))});
    }

    const QList<SqlDialect> reservedDialects = reservedIn(name);
    if (!reservedDialects.isEmpty()) {
        findings.append({Severity::Warning, QCoreApplication::translate(
                                                "fabrica::SqlIdentifier",
                                                "\"%1\" is a reserved word in %2; Fabrica quotes it, but "
                                                "hand-written SQL must too")
                                                .arg(shown(), joinDialectNames(reservedDialects))});
    }
    return findings;
}

bool SqlIdentifier::isReserved(SqlDialect dialect, const QString &word)
{
    // The servers fold only ASCII letters when they match keywords, so "İN" or "ſelect" are plain names.
    if (word.isEmpty())
        return false;
    for (const QChar c : word) {
        if (c.unicode() > 0x7f)
            return false;
    }
    // Keywords are short: a longer name is none, and a short one is folded on the stack.
    char lower[32];
    if (word.size() > qsizetype(sizeof lower))
        return false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char c = char(word.at(i).unicode());
        lower[i] = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    const std::span<const std::string_view> words = sqlReservedWords(dialect);
    return std::binary_search(words.begin(), words.end(), std::string_view(lower, std::size_t(word.size())));
}

QList<SqlDialect> SqlIdentifier::reservedIn(const QString &word)
{
    static const QList<SqlDialect> all = allSqlDialects();
    QList<SqlDialect> dialects;
    for (const SqlDialect dialect : all) {
        if (isReserved(dialect, word))
            dialects.append(dialect);
    }
    return dialects;
}

QString SqlIdentifier::postgresTruncated(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    if (utf8.size() <= kPostgresMaxBytes)
        return name;
    // Back up over continuation bytes (10xxxxxx) so the cut falls before a character's first byte,
    // as the server's pg_mbcliplen() does.
    qsizetype cut = kPostgresMaxBytes;
    while (cut > 0 && (uchar(utf8.at(cut)) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(utf8.constData(), cut);
}

} // namespace fabrica
