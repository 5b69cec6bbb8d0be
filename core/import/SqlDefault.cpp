#include "SqlDefault.h"

#include <QRegularExpression>

#include <cmath>

namespace fabrica {

namespace {

// Strips what pg_dump and people wrap a literal in: outer parentheses, "::type" casts, quotes.
QString unwrapped(QString text)
{
    static const QRegularExpression cast(
        QStringLiteral("::\\s*[A-Za-z_][A-Za-z0-9_ .\"]*(\\([0-9, ]*\\))?(\\[\\])?\\s*$"));
    for (;;) {
        const QString before = text;
        text = text.trimmed();
        text.remove(cast);
        text = text.trimmed();
        if (text.size() >= 2 && text.front() == QLatin1Char('(') && text.back() == QLatin1Char(')')) {
            // Only when the parentheses pair with each other: "(a) + (b)" stays.
            int depth = 0;
            bool outer = true;
            for (qsizetype i = 0; i < text.size() - 1 && outer; ++i) {
                depth += text[i] == QLatin1Char('(') ? 1 : text[i] == QLatin1Char(')') ? -1 : 0;
                outer = depth > 0;
            }
            if (outer)
                text = text.mid(1, text.size() - 2);
        }
        if (text.size() >= 2 && text.front() == QLatin1Char('\'') && text.back() == QLatin1Char('\'') &&
            !text.mid(1, text.size() - 2).contains(QLatin1Char('\'')))
            text = text.mid(1, text.size() - 2);
        if (text == before)
            return text;
    }
}

} // namespace

std::optional<double> SqlDefault::number(const QString &expression)
{
    const QString text = unwrapped(expression);
    static const QRegularExpression literal(
        QStringLiteral("^[+-]?\\s*(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    if (!literal.match(text).hasMatch())
        return std::nullopt;
    QString compact = text;
    compact.remove(QLatin1Char(' '));
    bool ok = false;
    const double value = compact.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool SqlDefault::isCurrentMoment(const QString &expression)
{
    // The whole expression, so "now() + interval '1 day'" (a future moment) is not taken.
    static const QRegularExpression moment(
        QStringLiteral("^(now|current_timestamp|current_date|localtimestamp|localtime|current_time|sysdate|"
                       "systimestamp|getdate|getutcdate|sysdatetime|utc_timestamp|statement_timestamp|"
                       "transaction_timestamp|clock_timestamp)(\\s*\\(\\s*\\d*\\s*\\))?"
                       "(\\s+at\\s+time\\s+zone\\s+'[^']*')?$|^(datetime|date)\\s*\\(\\s*'now'[^)]*\\)$"),
        QRegularExpression::CaseInsensitiveOption);
    return moment.match(unwrapped(expression)).hasMatch();
}

} // namespace fabrica
