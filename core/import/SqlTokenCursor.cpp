#include "SqlTokenCursor.h"

namespace fabrica {

SqlTokenCursor::SqlTokenCursor(SqlTokenizer &tokenizer)
    : m_tokenizer(tokenizer)
{}

void SqlTokenCursor::setMetaCommandListener(std::function<void(const SqlToken &)> listener)
{
    m_onMetaCommand = std::move(listener);
}

void SqlTokenCursor::setInvalidListener(std::function<void(const SqlToken &)> listener)
{
    m_onInvalid = std::move(listener);
}

void SqlTokenCursor::fill(int count)
{
    while (m_ahead.size() - m_head < count) {
        if (m_ahead.size() > m_head && m_ahead.last().isStatementEnd())
            return;
        SqlToken token = m_tokenizer.next();
        if (token.kind == SqlToken::Kind::MetaCommand) {
            if (m_onMetaCommand)
                m_onMetaCommand(token);
            continue;
        }
        if (token.kind == SqlToken::Kind::Invalid) {
            // Reported once; the parser then meets the end of the text where the literal began.
            m_lexicalError = true;
            if (m_onInvalid)
                m_onInvalid(token);
            token.kind = SqlToken::Kind::End;
            token.text.clear();
        }
        m_ahead.append(token);
    }
}

const SqlToken &SqlTokenCursor::peek(int ahead)
{
    fill(ahead + 1);
    const qsizetype index = m_head + ahead;
    return index < m_ahead.size() ? m_ahead.at(index) : m_ahead.last();
}

SqlToken SqlTokenCursor::take()
{
    const SqlToken token = peek();
    if (token.isStatementEnd())
        return token;
    m_previous = token;
    if (++m_head == m_ahead.size()) {
        m_ahead.clear();
        m_head = 0;
    } else if (m_head > 256) {
        m_ahead.remove(0, m_head);
        m_head = 0;
    }
    return token;
}

bool SqlTokenCursor::acceptWord(const char *keyword)
{
    if (!peekWord(keyword))
        return false;
    take();
    return true;
}

bool SqlTokenCursor::acceptWords(std::initializer_list<const char *> keywords)
{
    int i = 0;
    for (const char *keyword : keywords) {
        if (!peekWord(keyword, i++))
            return false;
    }
    for (i = 0; i < int(keywords.size()); ++i)
        take();
    return true;
}

bool SqlTokenCursor::acceptSymbol(const char *symbol)
{
    if (!peekSymbol(symbol))
        return false;
    take();
    return true;
}

void SqlTokenCursor::skipGroup()
{
    // Iterative, so no input nests deep enough to exhaust the stack.
    qsizetype depth = 0;
    do {
        const SqlToken token = peek();
        if (token.isStatementEnd())
            return;
        if (token.isSymbol("(") || token.isSymbol("["))
            ++depth;
        else if (token.isSymbol(")") || token.isSymbol("]"))
            --depth;
        take();
    } while (depth > 0);
}

void SqlTokenCursor::skipItem()
{
    if (peekSymbol("(") || peekSymbol("["))
        skipGroup();
    else
        take();
}

void SqlTokenCursor::skipToListSeparator()
{
    while (!atStatementEnd() && !peekSymbol(",") && !peekSymbol(")"))
        skipItem();
}

void SqlTokenCursor::skipToStatementEnd()
{
    while (!atStatementEnd())
        take();
}

void SqlTokenCursor::finishStatement()
{
    skipToStatementEnd();
    if (peek().kind != SqlToken::Kind::Terminator)
        return;
    m_previous = m_ahead.at(m_head);
    m_ahead.clear();
    m_head = 0;
}

void SqlTokenCursor::skipCopyData()
{
    // Lookahead stops at a statement's terminator, so nothing of the data has been read yet.
    if (m_head < m_ahead.size())
        return;
    m_tokenizer.skipCopyData();
}

QString SqlTokenCursor::text(const SqlToken &first, const SqlToken &last) const
{
    const qsizetype end = qMax(first.end, last.end);
    return m_tokenizer.text().mid(first.begin, end - first.begin);
}

} // namespace fabrica
