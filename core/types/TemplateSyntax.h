#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fabrica {

// The template language of the "template" type: literal text with placeholders "{name|filter|…}".
// name is a column of the same row or a data type id; "{{" and "}}" stand for literal braces.
class TemplateSyntax
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::TemplateSyntax)

public:
    struct Part
    {
        QString literal;     // set for literal text
        QString placeholder; // set for a placeholder: the column or type name
        QStringList filters; // for a placeholder, applied left to right
    };
    struct ParseError
    {
        int offset; // 0-based character offset in the template
        QString message;
    };

    static QStringList filterNames(); // lower, upper, title, slug, ascii
    // Splits text into parts, or says what is wrong and where.
    static std::optional<ParseError> parse(const QString &text, QList<Part> *parts);
};

} // namespace fabrica
