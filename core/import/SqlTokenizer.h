#pragma once

#include <initializer_list>

#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QString>

namespace fabrica {

// One lexical unit of an SQL script, with where it sits in the text.
struct SqlToken
{
    enum class Kind {
        Word,        // an unquoted identifier or keyword, as written
        QuotedName,  // "x", `x` or [x]; text holds the name without quotes
        String,      // a string literal; text holds the decoded value
        Number,      // as written: 12, 1.5e3, .5, 0x1F
        Symbol,      // punctuation and operators: ( ) , . :: <= …
        Terminator,  // the end of a statement: ';' or the delimiter set by MySQL's DELIMITER
        MetaCommand, // a psql command line such as \connect db; text holds the line
        Invalid,     // an unterminated string, name or comment; text holds the message
        End,
    };

    Kind kind = Kind::End;
    QString text;
    // For String: '\'' for a plain literal, 'E' (backslash escapes), 'N', 'X' or 'B' for prefixed ones,
    // '$' for a dollar-quoted body and '"' for MySQL's double-quoted strings. For QuotedName: the
    // opening quote.
    QChar quote;
    qsizetype begin = 0; // the token's span in the source text
    qsizetype end = 0;
    int line = 1;   // 1-based
    int column = 1; // 1-based, in characters

    bool isWord(const char *keyword) const; // an unquoted word, ASCII case-insensitive
    bool isAnyWord(std::initializer_list<const char *> keywords) const
    {
        for (const char *keyword : keywords) {
            if (isWord(keyword))
                return true;
        }
        return false;
    }
    bool isSymbol(const char *symbol) const;
    bool isStatementEnd() const { return kind == Kind::Terminator || kind == Kind::End; }
};

// Splits an SQL script into tokens the way the given dialect's own client does: PostgreSQL nests block
// comments and knows E'…' and $tag$…$tag$ strings and psql's backslash commands; MySQL reads backslash
// escapes in strings, `#` comments, the code inside /*! … */ and DELIMITER; SQLite takes [names].
// Tokens come one at a time, so a COPY's data block can be stepped over as raw lines.
class SqlTokenizer
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqlTokenizer)

public:
    SqlTokenizer(const QString &text, SqlDialect dialect);

    SqlToken next();
    // Steps over the data lines that follow "COPY … FROM stdin;", up to and including the line "\.".
    void skipCopyData();

    const QString &text() const { return m_text; }
    SqlDialect dialect() const { return m_dialect; }

private:
    QChar at(qsizetype offset) const { return offset < m_text.size() ? m_text.at(offset) : QChar(); }
    QChar current() const { return at(m_pos); }
    void advance(qsizetype count = 1);
    bool startsWith(const char *ascii) const;
    bool skipSpaceAndComments(SqlToken &invalid);
    bool skipBlockComment();
    bool readMysqlDelimiterCommand();
    SqlToken readToken();

    SqlToken start(SqlToken::Kind kind) const;
    SqlToken finish(SqlToken token) const;
    SqlToken invalid(SqlToken token, const QString &message);
    SqlToken readWord();
    SqlToken readNumber();
    SqlToken readQuotedName(QChar close);
    SqlToken readString(QChar prefix, bool backslashEscapes);
    SqlToken readDollarString(qsizetype tagLength);
    SqlToken readMetaCommand();
    SqlToken readSymbol();
    qsizetype dollarTagLength() const; // length of "$tag$" at the current position, 0 when none

    QString m_text;
    SqlDialect m_dialect;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    bool m_lineStart = true; // only blanks since the last line break: where psql and DELIMITER commands sit
    bool m_statementStart = true; // nothing but comments since the last terminator: where DELIMITER counts
    bool m_inConditional = false; // inside MySQL's /*!NNNNN … */, whose contents are code
    bool m_failed = false;        // an unterminated literal swallowed the rest of the text
    QString m_delimiter = QStringLiteral(";");
};

} // namespace fabrica
