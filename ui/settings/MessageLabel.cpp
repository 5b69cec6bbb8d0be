#include "MessageLabel.h"

#include <QEvent>

namespace fabrica {

MessageLabel::MessageLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void MessageLabel::setMessage(const QString &text, Kind kind)
{
    m_kind = kind;
    setText(text);
    recolor();
    setVisible(!text.isEmpty());
}

void MessageLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_recoloring)
        recolor();
}

void MessageLabel::recolor()
{
    m_recoloring = true;
    QPalette colours = parentWidget() ? parentWidget()->palette() : QPalette();
    // Only the text colour is ours; everything else keeps following the application palette.
    colours.setResolveMask(0);
    if (m_kind != Kind::Plain) {
        const bool dark = colours.color(QPalette::Window).lightness() < 128;
        QColor colour;
        if (m_kind == Kind::Error)
            colour = dark ? QColor(255, 138, 128) : QColor(176, 0, 32);
        else
            colour = dark ? QColor(129, 199, 132) : QColor(27, 94, 32);
        colours.setColor(QPalette::WindowText, colour);
    }
    setPalette(colours);
    m_recoloring = false;
}

} // namespace fabrica
