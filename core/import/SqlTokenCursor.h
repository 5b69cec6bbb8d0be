#pragma once

#include "SqlTokenizer.h"

#include <QList>

#include <functional>
#include <initializer_list>

namespace fabrica {

// Reads the tokens of one statement at a time with lookahead. Lookahead never passes the end of the
// current statement, so whatever follows it (a COPY data block, a DELIMITER change) is read only after
// the statement is done. psql commands and unterminated literals go to the listeners as they come.
class SqlTokenCursor
{
public:
    explicit SqlTokenCursor(SqlTokenizer &tokenizer);

    // Called for every psql command line and for the one token that ends the text with a lexical error.
    void setMetaCommandListener(std::function<void(const SqlToken &)> listener);
    void setInvalidListener(std::function<void(const SqlToken &)> listener);

    // The token ahead tokens on; the statement's Terminator (or End) when that lies further.
    const SqlToken &peek(int ahead = 0);
    // Takes the current token; at the end of a statement it stays there (see finishStatement).
    SqlToken take();
    const SqlToken &previous() const { return m_previous; }
    bool atStatementEnd() { return peek().isStatementEnd(); }
    bool atEnd() { return peek().kind == SqlToken::Kind::End; }
    bool hadLexicalError() const { return m_lexicalError; }

    bool peekWord(const char *keyword, int ahead = 0) { return peek(ahead).isWord(keyword); }
    bool peekSymbol(const char *symbol, int ahead = 0) { return peek(ahead).isSymbol(symbol); }
    bool acceptWord(const char *keyword);
    // Takes the words only when all of them follow in this order.
    bool acceptWords(std::initializer_list<const char *> keywords);
    bool acceptSymbol(const char *symbol);
    // At "(" or "[": steps over the group up to its matching bracket; stops at the end of the statement.
    void skipGroup();
    // Steps over the current token, or the whole group when it opens one.
    void skipItem();
    // Steps over tokens up to, not including, a "," or ")" outside brackets or the end of the statement.
    void skipToListSeparator();
    void skipToStatementEnd();
    // Takes the statement's terminator, so the next statement can be read.
    void finishStatement();
    // After "COPY … FROM stdin;" has been finished: steps over its data lines.
    void skipCopyData();

    // The source text from the start of first to the end of last.
    QString text(const SqlToken &first, const SqlToken &last) const;

private:
    void fill(int count);

    SqlTokenizer &m_tokenizer;
    QList<SqlToken> m_ahead;
    qsizetype m_head = 0; // m_ahead[m_head] is the current token
    SqlToken m_previous;
    bool m_lexicalError = false;
    std::function<void(const SqlToken &)> m_onMetaCommand;
    std::function<void(const SqlToken &)> m_onInvalid;
};

} // namespace fabrica
