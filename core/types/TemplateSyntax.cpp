#include "TemplateSyntax.h"

#include <QCoreApplication>

namespace fabrica {

QStringList TemplateSyntax::filterNames()
{
    return {QStringLiteral("lower"), QStringLiteral("upper"), QStringLiteral("title"), QStringLiteral("slug"),
            QStringLiteral("ascii")};
}

std::optional<TemplateSyntax::ParseError> TemplateSyntax::parse(const QString &text, QList<Part> *parts)
{
    QList<Part> result;
    QString literal;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('}')) {
            if (i + 1 < n && text.at(i + 1) == QLatin1Char('}')) {
                literal += c;
                ++i;
                continue;
            }
            return ParseError{int(i), tr("a '}' without its '{' (write \"}}\" for a literal brace)")};
        }
        if (c != QLatin1Char('{')) {
            literal += c;
            continue;
        }
        if (i + 1 < n && text.at(i + 1) == QLatin1Char('{')) {
            literal += c;
            ++i;
            continue;
        }
        const qsizetype close = text.indexOf(QLatin1Char('}'), i + 1);
        const qsizetype nested = text.indexOf(QLatin1Char('{'), i + 1);
        if (close < 0 || (nested >= 0 && nested < close))
            return ParseError{int(i), tr("a '{' without its '}' (write \"{{\" for a literal brace)")};
        QStringList pieces = text.mid(i + 1, close - i - 1).split(QLatin1Char('|'));
        for (QString &piece : pieces)
            piece = piece.trimmed();
        if (pieces.first().isEmpty())
            return ParseError{int(i), tr("an empty placeholder \"{}\": name a column or a data type")};
        for (qsizetype f = 1; f < pieces.size(); ++f) {
            if (!filterNames().contains(pieces.at(f)))
                return ParseError{int(i), tr("unknown filter \"%1\" (filters: %2)")
                                              .arg(pieces.at(f), filterNames().join(QLatin1String(", ")))};
        }
        if (!literal.isEmpty()) {
            result.append(Part{literal, {}, {}});
            literal.clear();
        }
        result.append(Part{{}, pieces.first(), pieces.mid(1)});
        i = close;
    }
    if (!literal.isEmpty())
        result.append(Part{literal, {}, {}});
    if (parts)
        *parts = std::move(result);
    return std::nullopt;
}

} // namespace fabrica
