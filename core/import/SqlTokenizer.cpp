#include "SqlTokenizer.h"

#include <cstring>

namespace fabrica {

namespace {

char asciiLower(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char(c - u'A' + 'a') : char(c);
}

bool isBlank(QChar c)
{
    return c.unicode() < 0x20 || c.isSpace();
}

bool isWordStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_' || (u >= 0x80 && !c.isSpace());
}

bool isWordPart(QChar c)
{
    return isWordStart(c) || (c.unicode() >= u'0' && c.unicode() <= u'9') || c == u'$';
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

void appendCodePoint(QString &out, char32_t codePoint)
{
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = 0xFFFD;
    const char32_t one[1] = {codePoint};
    out += QString::fromUcs4(one, 1);
}

} // namespace

bool SqlToken::isWord(const char *keyword) const
{
    if (kind != Kind::Word || text.size() != qsizetype(std::strlen(keyword)))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (asciiLower(text.at(i).unicode()) != asciiLower(char16_t(keyword[i])))
            return false;
    }
    return true;
}

bool SqlToken::isSymbol(const char *symbol) const
{
    return kind == Kind::Symbol && text == QLatin1String(symbol);
}

SqlTokenizer::SqlTokenizer(const QString &text, SqlDialect dialect)
    : m_text(text)
    , m_dialect(dialect)
{}

void SqlTokenizer::advance(qsizetype count)
{
    for (; count > 0 && m_pos < m_text.size(); --count) {
        const QChar c = m_text.at(m_pos++);
        if (c == u'\n') {
            ++m_line;
            m_column = 1;
            m_lineStart = true;
            continue;
        }
        if (!c.isLowSurrogate())
            ++m_column;
        if (!isBlank(c))
            m_lineStart = false;
    }
}

bool SqlTokenizer::startsWith(const char *ascii) const
{
    for (qsizetype i = 0; ascii[i] != 0; ++i) {
        if (asciiLower(at(m_pos + i).unicode()) != asciiLower(char16_t(ascii[i])))
            return false;
    }
    return true;
}

SqlToken SqlTokenizer::start(SqlToken::Kind kind) const
{
    SqlToken token;
    token.kind = kind;
    token.begin = m_pos;
    token.end = m_pos;
    token.line = m_line;
    token.column = m_column;
    return token;
}

SqlToken SqlTokenizer::finish(SqlToken token) const
{
    token.end = m_pos;
    return token;
}

SqlToken SqlTokenizer::invalid(SqlToken token, const QString &message)
{
    // The literal runs to the end of the text: nothing after it can be read reliably.
    advance(m_text.size() - m_pos);
    m_failed = true;
    token.kind = SqlToken::Kind::Invalid;
    token.text = message;
    token.end = m_pos;
    return token;
}

bool SqlTokenizer::skipBlockComment()
{
    // PostgreSQL nests block comments; MySQL and SQLite end at the first "*/".
    const bool nests = m_dialect == SqlDialect::PostgreSQL;
    int depth = 0;
    while (m_pos < m_text.size()) {
        if (current() == u'/' && at(m_pos + 1) == u'*' && (depth == 0 || nests)) {
            ++depth;
            advance(2);
        } else if (current() == u'*' && at(m_pos + 1) == u'/') {
            advance(2);
            if (--depth == 0)
                return true;
        } else {
            advance();
        }
    }
    return false;
}

bool SqlTokenizer::skipSpaceAndComments(SqlToken &invalidToken)
{
    const bool mysql = m_dialect == SqlDialect::MySQL;
    while (m_pos < m_text.size()) {
        const QChar c = current();
        if (isBlank(c)) {
            advance();
        } else if (c == u'-' && at(m_pos + 1) == u'-' &&
                   (!mysql || m_pos + 2 >= m_text.size() || isBlank(at(m_pos + 2)))) {
            // MySQL wants a blank after "--", so that 1--1 stays arithmetic.
            while (m_pos < m_text.size() && current() != u'\n')
                advance();
        } else if (c == u'#' && mysql) {
            while (m_pos < m_text.size() && current() != u'\n')
                advance();
        } else if (c == u'/' && at(m_pos + 1) == u'*') {
            if (mysql && !m_inConditional &&
                (at(m_pos + 2) == u'!' || (at(m_pos + 2) == u'M' && at(m_pos + 3) == u'!'))) {
                // /*!50003 CREATE*/: MySQL runs what is inside, so it is read as code.
                advance(at(m_pos + 2) == u'!' ? 3 : 4);
                while (isDigit(current()))
                    advance();
                m_inConditional = true;
                continue;
            }
            SqlToken token = start(SqlToken::Kind::Invalid);
            if (!skipBlockComment()) {
                invalidToken = invalid(token, tr("unterminated comment: '/*' without '*/'"));
                return false;
            }
        } else if (c == u'*' && at(m_pos + 1) == u'/' && m_inConditional) {
            advance(2);
            m_inConditional = false;
        } else {
            return true;
        }
    }
    return true;
}

bool SqlTokenizer::readMysqlDelimiterCommand()
{
    if (!startsWith("delimiter") || !isBlank(at(m_pos + 9)) || at(m_pos + 9) == u'\n')
        return false;
    advance(9);
    while (m_pos < m_text.size() && current() != u'\n' && isBlank(current()))
        advance();
    const qsizetype begin = m_pos;
    while (m_pos < m_text.size() && !isBlank(current()))
        advance();
    const QString delimiter = m_text.mid(begin, m_pos - begin);
    while (m_pos < m_text.size() && current() != u'\n')
        advance();
    if (!delimiter.isEmpty())
        m_delimiter = delimiter;
    return true;
}

SqlToken SqlTokenizer::next()
{
    const SqlToken token = readToken();
    if (token.kind != SqlToken::Kind::MetaCommand)
        m_statementStart = token.kind == SqlToken::Kind::Terminator;
    return token;
}

SqlToken SqlTokenizer::readToken()
{
    for (;;) {
        if (m_failed)
            return start(SqlToken::Kind::End);
        SqlToken invalidToken;
        if (!skipSpaceAndComments(invalidToken))
            return invalidToken;
        if (m_pos >= m_text.size())
            return start(SqlToken::Kind::End);

        const QChar c = current();
        const QChar c1 = at(m_pos + 1);
        if (m_lineStart && c == u'\\' && m_dialect == SqlDialect::PostgreSQL)
            return readMetaCommand();
        if (m_lineStart && m_statementStart && m_dialect == SqlDialect::MySQL && (c == u'd' || c == u'D') &&
            readMysqlDelimiterCommand())
            continue;
        if (m_delimiter != QLatin1String(";") && QStringView(m_text).mid(m_pos).startsWith(m_delimiter)) {
            SqlToken token = start(SqlToken::Kind::Terminator);
            token.text = m_delimiter;
            advance(m_delimiter.size());
            return finish(token);
        }
        if (c == u';') {
            SqlToken token = start(m_delimiter == QLatin1String(";") ? SqlToken::Kind::Terminator
                                                                     : SqlToken::Kind::Symbol);
            token.text = QStringLiteral(";");
            advance();
            return finish(token);
        }
        if (c == u'\'')
            return readString(u'\'', m_dialect == SqlDialect::MySQL);
        if (c == u'"')
            return m_dialect == SqlDialect::MySQL ? readString(u'"', true) : readQuotedName(u'"');
        if (c == u'`')
            return readQuotedName(u'`');
        if (c == u'[' && m_dialect == SqlDialect::SQLite)
            return readQuotedName(u']');
        if (c1 == u'\'') {
            const char lower = asciiLower(c.unicode());
            if (lower == 'e' && m_dialect == SqlDialect::PostgreSQL)
                return readString(u'E', true);
            if (lower == 'n')
                return readString(u'N', m_dialect == SqlDialect::MySQL);
            if (lower == 'x' || lower == 'b')
                return readString(QChar(lower == 'x' ? u'X' : u'B'), false);
        }
        if (c == u'$' && m_dialect == SqlDialect::PostgreSQL) {
            if (const qsizetype tagLength = dollarTagLength())
                return readDollarString(tagLength);
        }
        if (isDigit(c) || (c == u'.' && isDigit(c1)))
            return readNumber();
        if (isWordStart(c))
            return readWord();
        return readSymbol();
    }
}

SqlToken SqlTokenizer::readWord()
{
    SqlToken token = start(SqlToken::Kind::Word);
    while (m_pos < m_text.size() && isWordPart(current()))
        advance();
    token.text = m_text.mid(token.begin, m_pos - token.begin);
    return finish(token);
}

SqlToken SqlTokenizer::readNumber()
{
    SqlToken token = start(SqlToken::Kind::Number);
    if (current() == u'0' && (at(m_pos + 1) == u'x' || at(m_pos + 1) == u'X') &&
        hexValue(at(m_pos + 2)) >= 0) {
        advance(2);
        while (hexValue(current()) >= 0)
            advance();
    } else {
        while (isDigit(current()))
            advance();
        if (current() == u'.' && at(m_pos + 1) != u'.') {
            advance();
            while (isDigit(current()))
                advance();
        }
        const QChar e = current();
        const QChar sign = at(m_pos + 1);
        if ((e == u'e' || e == u'E') &&
            (isDigit(sign) || ((sign == u'+' || sign == u'-') && isDigit(at(m_pos + 2))))) {
            advance(2);
            while (isDigit(current()))
                advance();
        }
    }
    token.text = m_text.mid(token.begin, m_pos - token.begin);
    return finish(token);
}

SqlToken SqlTokenizer::readQuotedName(QChar close)
{
    SqlToken token = start(SqlToken::Kind::QuotedName);
    token.quote = current();
    advance();
    for (;;) {
        if (m_pos >= m_text.size())
            return invalid(token,
                           tr("unterminated quoted name: %1 without a closing %2").arg(token.quote, close));
        const QChar c = current();
        if (c == close) {
            // A doubled quote stands for itself; SQLite's [names] have no escape.
            if (close != u']' && at(m_pos + 1) == close) {
                token.text += c;
                advance(2);
                continue;
            }
            advance();
            return finish(token);
        }
        token.text += c;
        advance();
    }
}

SqlToken SqlTokenizer::readString(QChar prefix, bool backslashEscapes)
{
    SqlToken token = start(SqlToken::Kind::String);
    token.quote = prefix;
    if (prefix != u'\'' && prefix != u'"')
        advance(); // the E, N, X or B before the quote
    const QChar quote = current();
    advance();
    const bool mysql = m_dialect == SqlDialect::MySQL;
    for (;;) {
        if (m_pos >= m_text.size())
            return invalid(token, tr("unterminated string: %1 without a closing %1").arg(quote));
        const QChar c = current();
        if (c == quote) {
            if (at(m_pos + 1) == quote) {
                token.text += c;
                advance(2);
                continue;
            }
            advance();
            return finish(token);
        }
        if (c != u'\\' || !backslashEscapes) {
            token.text += c;
            advance();
            continue;
        }
        if (m_pos + 1 >= m_text.size())
            return invalid(token, tr("unterminated string: %1 without a closing %1").arg(quote));
        const QChar e = at(m_pos + 1);
        advance(2);
        switch (e.unicode()) {
        case u'b':
            token.text += QChar(u'\b');
            break;
        case u'f':
            token.text += mysql ? e : QChar(u'\f');
            break;
        case u'n':
            token.text += QChar(u'\n');
            break;
        case u'r':
            token.text += QChar(u'\r');
            break;
        case u't':
            token.text += QChar(u'\t');
            break;
        case u'Z':
            token.text += mysql ? QChar(0x1a) : e;
            break;
        case u'%':
        case u'_':
            // MySQL keeps these two escaped, for LIKE patterns.
            if (mysql)
                token.text += QLatin1Char('\\');
            token.text += e;
            break;
        default:
            if (mysql) {
                token.text += e == u'0' ? QChar(0) : e;
            } else if (e.unicode() >= u'0' && e.unicode() <= u'7') {
                // PostgreSQL's \ooo, \xhh, \uXXXX and \UXXXXXXXX.
                char32_t value = e.unicode() - u'0';
                for (int i = 0; i < 2 && current().unicode() >= u'0' && current().unicode() <= u'7'; ++i) {
                    value = value * 8 + (current().unicode() - u'0');
                    advance();
                }
                appendCodePoint(token.text, value);
            } else if (e == u'x' || e == u'u' || e == u'U') {
                const int digits = e == u'x' ? 2 : e == u'u' ? 4 : 8;
                char32_t value = 0;
                int read = 0;
                for (; read < digits && hexValue(current()) >= 0; ++read) {
                    value = value * 16 + char32_t(hexValue(current()));
                    advance();
                }
                if (read == 0)
                    token.text += e;
                else
                    appendCodePoint(token.text, value);
            } else {
                token.text += e;
            }
        }
    }
}

qsizetype SqlTokenizer::dollarTagLength() const
{
    qsizetype i = m_pos + 1;
    if (at(i) == u'$')
        return 2;
    if (!isWordStart(at(i)))
        return 0;
    while (i < m_text.size() && isWordPart(at(i)) && at(i) != u'$')
        ++i;
    return at(i) == u'$' ? i + 1 - m_pos : 0;
}

SqlToken SqlTokenizer::readDollarString(qsizetype tagLength)
{
    SqlToken token = start(SqlToken::Kind::String);
    token.quote = u'$';
    const QString tag = m_text.mid(m_pos, tagLength);
    advance(tagLength);
    const qsizetype close = m_text.indexOf(tag, m_pos);
    if (close < 0)
        return invalid(token, tr("unterminated dollar-quoted string: %1 without a closing %1").arg(tag));
    token.text = m_text.mid(m_pos, close - m_pos);
    advance(close - m_pos + tagLength);
    return finish(token);
}

SqlToken SqlTokenizer::readMetaCommand()
{
    SqlToken token = start(SqlToken::Kind::MetaCommand);
    while (m_pos < m_text.size() && current() != u'\n')
        advance();
    token.text = m_text.mid(token.begin, m_pos - token.begin).trimmed();
    return finish(token);
}

SqlToken SqlTokenizer::readSymbol()
{
    static const char *const longer[] = {"->>", "::", "<=", ">=", "<>", "!=", "||",
                                         "->",  ":=", "=>", "<<", ">>", "=="};
    SqlToken token = start(SqlToken::Kind::Symbol);
    for (const char *symbol : longer) {
        if (startsWith(symbol)) {
            advance(qsizetype(std::strlen(symbol)));
            token.text = m_text.mid(token.begin, m_pos - token.begin);
            return finish(token);
        }
    }
    advance(current().isHighSurrogate() && at(m_pos + 1).isLowSurrogate() ? 2 : 1);
    token.text = m_text.mid(token.begin, m_pos - token.begin);
    return finish(token);
}

void SqlTokenizer::skipCopyData()
{
    // The data starts on the line after the COPY statement and ends with a line holding only "\.".
    while (m_pos < m_text.size() && current() != u'\n')
        advance();
    advance();
    while (m_pos < m_text.size()) {
        qsizetype lineEnd = m_text.indexOf(u'\n', m_pos);
        if (lineEnd < 0)
            lineEnd = m_text.size();
        const QStringView line = QStringView(m_text).mid(m_pos, lineEnd - m_pos);
        const bool last = line == u"\\." || line == u"\\.\r";
        advance(lineEnd - m_pos + 1);
        if (last)
            return;
    }
}

} // namespace fabrica
