#include "ImportReport.h"

namespace fabrica {

void ImportReport::add(Level level, const SourceLocation &where, const QString &message)
{
    m_lines.append(Line{level, where, message});
}

bool ImportReport::hasErrors() const
{
    return count(Level::Error) > 0;
}

int ImportReport::count(Level level) const
{
    int n = 0;
    for (const Line &line : m_lines)
        n += line.level == level ? 1 : 0;
    return n;
}

QString ImportReport::levelName(Level level)
{
    switch (level) {
    case Level::Info:
        return tr("info");
    case Level::Guess:
        return tr("guess");
    case Level::Skipped:
        return tr("skipped");
    case Level::Warning:
        return tr("warning");
    case Level::Refused:
        return tr("refused");
    case Level::Error:
        return tr("error");
    }
    return {};
}

QString ImportReport::toText() const
{
    QString text;
    for (const Line &line : m_lines) {
        const QString where = line.where.toString();
        if (!where.isEmpty())
            text += where + QLatin1String(": ");
        if (!line.where.path.isEmpty())
            text += line.where.path + QLatin1String(": ");
        text += levelName(line.level) + QLatin1String(": ") + line.message + QLatin1Char('\n');
    }
    return text;
}

} // namespace fabrica
