#include "FormulaSyntax.h"

namespace fabrica {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// A recursive-descent parser over the grammar
//   sum := product (('+' | '-') product)*; product := unary (('*' | '/') unary)*;
//   unary := '-' unary | '(' sum ')' | name | number
// that appends tokens in reverse Polish order as it reduces.
class Parser
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::FormulaSyntax)

public:
    Parser(const QString &text, QList<FormulaSyntax::Token> *rpn)
        : m_text(text)
        , m_rpn(rpn)
    {}

    std::optional<FormulaSyntax::ParseError> run()
    {
        skipSpaces();
        if (m_at >= m_text.size())
            return FormulaSyntax::ParseError{
                0, tr("the formula is empty; write e.g. \"quantity * unit_price\"")};
        if (!sum())
            return m_error;
        skipSpaces();
        if (m_at < m_text.size())
            return FormulaSyntax::ParseError{
                int(m_at), m_text.at(m_at) == QLatin1Char(')')
                               ? tr("\")\" at position %1 closes no \"(\"").arg(m_at + 1)
                               : tr("unexpected \"%1\" at position %2; expected an operator + - * /")
                                     .arg(m_text.at(m_at))
                                     .arg(m_at + 1)};
        return std::nullopt;
    }

private:
    using Kind = FormulaSyntax::Token::Kind;

    void skipSpaces()
    {
        while (m_at < m_text.size() && m_text.at(m_at).isSpace())
            ++m_at;
    }
    bool fail(qsizetype at, const QString &message)
    {
        m_error = FormulaSyntax::ParseError{int(at), message};
        return false;
    }
    bool sum()
    {
        if (!product())
            return false;
        for (;;) {
            skipSpaces();
            if (m_at >= m_text.size())
                return true;
            const QChar op = m_text.at(m_at);
            if (op != QLatin1Char('+') && op != QLatin1Char('-'))
                return true;
            const qsizetype at = m_at++;
            if (!product())
                return false;
            m_rpn->append({op == QLatin1Char('+') ? Kind::Add : Kind::Subtract, QString(op), int(at)});
        }
    }
    bool product()
    {
        if (!unary())
            return false;
        for (;;) {
            skipSpaces();
            if (m_at >= m_text.size())
                return true;
            const QChar op = m_text.at(m_at);
            if (op != QLatin1Char('*') && op != QLatin1Char('/'))
                return true;
            const qsizetype at = m_at++;
            if (!unary())
                return false;
            m_rpn->append({op == QLatin1Char('*') ? Kind::Multiply : Kind::Divide, QString(op), int(at)});
        }
    }
    bool unary()
    {
        skipSpaces();
        if (m_at >= m_text.size())
            return fail(m_at, tr("the formula ends after an operator at position %1; a column name or a "
                                 "number must follow")
                                  .arg(m_at));
        const qsizetype start = m_at;
        const QChar c = m_text.at(m_at);
        if (c == QLatin1Char('-')) {
            ++m_at;
            if (!unary())
                return false;
            m_rpn->append({Kind::Negate, QStringLiteral("-"), int(start)});
            return true;
        }
        if (c == QLatin1Char('(')) {
            ++m_at;
            if (!sum())
                return false;
            skipSpaces();
            if (m_at >= m_text.size() || m_text.at(m_at) != QLatin1Char(')'))
                return fail(start, tr("\"(\" at position %1 is never closed").arg(start + 1));
            ++m_at;
            return true;
        }
        if (isNameStart(c)) {
            while (m_at < m_text.size() && isNamePart(m_text.at(m_at)))
                ++m_at;
            m_rpn->append({Kind::Column, m_text.mid(start, m_at - start), int(start)});
            return true;
        }
        if (c.isDigit() || c == QLatin1Char('.')) {
            bool point = false;
            int digits = 0;
            while (m_at < m_text.size() &&
                   (m_text.at(m_at).isDigit() || (!point && m_text.at(m_at) == QLatin1Char('.')))) {
                point = point || m_text.at(m_at) == QLatin1Char('.');
                digits += m_text.at(m_at).isDigit() ? 1 : 0;
                ++m_at;
            }
            if (digits == 0 || digits > 30)
                return fail(start, tr("\"%1\" at position %2 is not a number Fabrica can compute with (at "
                                      "most 30 digits)")
                                       .arg(m_text.mid(start, m_at - start))
                                       .arg(start + 1));
            m_rpn->append({Kind::Number, m_text.mid(start, m_at - start), int(start)});
            return true;
        }
        return fail(start, tr("unexpected \"%1\" at position %2; expected a column name, a number, \"-\" or "
                              "\"(\"")
                               .arg(c)
                               .arg(start + 1));
    }

    const QString &m_text;
    QList<FormulaSyntax::Token> *m_rpn;
    qsizetype m_at = 0;
    FormulaSyntax::ParseError m_error{0, {}};
};

} // namespace

std::optional<FormulaSyntax::ParseError> FormulaSyntax::parse(const QString &text, QList<Token> *rpn)
{
    QList<Token> tokens;
    Parser parser(text, &tokens);
    if (auto error = parser.run())
        return error;
    if (rpn)
        *rpn = tokens;
    return std::nullopt;
}

QStringList FormulaSyntax::columns(const QString &text)
{
    QList<Token> rpn;
    QStringList names;
    if (parse(text, &rpn))
        return names;
    for (const Token &token : rpn) {
        if (token.kind == Token::Kind::Column && !names.contains(token.text))
            names.append(token.text);
    }
    return names;
}

} // namespace fabrica
