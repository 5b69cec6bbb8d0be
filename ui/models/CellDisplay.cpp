#include "CellDisplay.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace fabrica {

// Line breaks and tabs would break the one-line rows of the view; the tooltip keeps them. Most values need
// nothing, and are returned as they are (shared, not copied).
QString CellDisplay::displayText(const QString &value)
{
    const auto control = [](QChar c) {
        return c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t');
    };
    const QStringView shown = QStringView(value).left(DisplayLength);
    const bool cut = value.size() > DisplayLength;
    if (!cut && std::none_of(shown.begin(), shown.end(), control))
        return value;
    QString text = shown.toString();
    for (QChar &c : text) {
        if (c == QLatin1Char('\t'))
            c = QChar(0x21E5); // ⇥
        else if (control(c))
            c = QChar(0x21B5); // ↵
    }
    if (cut)
        text += QChar(0x2026); // …
    return text;
}

QVariant CellDisplay::rowHeader(qint64 row, int role)
{
    if (role == Qt::DisplayRole)
        return QString::number(row + 1);
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CellDisplay::data(const Cell &cell, int role)
{
    switch (role) {
    case Qt::DisplayRole:
        //: How a NULL value (no value at all, unlike an empty text) shows in the data preview and a run's
        //: rows.
        return cell ? displayText(*cell) : tr("NULL");
    case Qt::ToolTipRole:
        if (!cell)
            return tr("NULL: no value");
        return cell->size() > 4 * DisplayLength ? cell->left(4 * DisplayLength) + QChar(0x2026) : *cell;
    case Qt::FontRole:
        if (!cell) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (!cell)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

} // namespace fabrica
