#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fabrica {

// The arithmetic of the "formula" relation: column names, numeric literals, + - * /, unary minus and
// parentheses, e.g. "quantity * unit_price". Parsed once into reverse Polish notation, so the engine
// evaluates a row with one pass over a small stack.
class FormulaSyntax
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::FormulaSyntax)

public:
    struct Token
    {
        enum class Kind { Column, Number, Add, Subtract, Multiply, Divide, Negate };
        Kind kind;
        QString text; // the column name or the literal as written
        int offset;   // 0-based character offset in the formula
    };
    struct ParseError
    {
        int offset; // 0-based character offset in the formula
        QString message;
    };

    // The formula in reverse Polish notation, or what is wrong and where.
    static std::optional<ParseError> parse(const QString &text, QList<Token> *rpn);
    // The column names the formula reads, each once, in order of appearance; empty when it does not parse.
    static QStringList columns(const QString &text);
};

} // namespace fabrica
