#include "Theme.h"

#include "UiLogging.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QToolTip>

namespace fabrica {

namespace {

// What the application looked like before the first apply(), so that System can go back to it.
struct Original
{
    bool captured = false;
    QString style;
    QPalette toolTips;
};

Original &original()
{
    static Original state;
    return state;
}

AppSettings::Theme &currentTheme()
{
    static AppSettings::Theme theme = AppSettings::Theme::System;
    return theme;
}

void capture()
{
    Original &state = original();
    if (state.captured)
        return;
    state.captured = true;
    state.style = QApplication::style()->name();
    state.toolTips = QToolTip::palette();
}

void useStyle(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (!QApplication::setStyle(name))
        qCWarning(lcUi) << "no style" << name << "; keeping" << QApplication::style()->name();
}

// Active and Inactive alike, so that a window in the background keeps its colours.
void setNormal(QPalette &palette, QPalette::ColorRole role, const QColor &color)
{
    palette.setColor(QPalette::Active, role, color);
    palette.setColor(QPalette::Inactive, role, color);
}

} // namespace

void Theme::apply(AppSettings::Theme theme)
{
    capture();
    currentTheme() = theme;
    if (theme == AppSettings::Theme::System) {
        useStyle(original().style);
        // A palette without resolved roles hands the application back to the platform theme (and clears the
        // explicitly-set flag, so per-widget-class theme palettes come back too).
        QApplication::setPalette(QPalette());
        QToolTip::setPalette(original().toolTips);
        return;
    }
    const QPalette palette = theme == AppSettings::Theme::Dark ? darkPalette() : lightPalette();
    useStyle(QStringLiteral("Fusion"));
    // Without a class name this also drops the platform's per-class palettes (menus, line edits, …), which
    // would otherwise keep their light colours in the dark.
    QApplication::setPalette(palette);
    // Tooltips keep a palette of their own, taken from the platform theme.
    QToolTip::setPalette(palette);
}

AppSettings::Theme Theme::current()
{
    return currentTheme();
}

QPalette Theme::lightPalette()
{
    // Fusion's familiar light grey; QPalette derives the bevel shades and the disabled group from it.
    QPalette palette(QColor(239, 239, 239));
    setNormal(palette, QPalette::Window, QColor(239, 239, 239));
    setNormal(palette, QPalette::WindowText, QColor(0, 0, 0));
    setNormal(palette, QPalette::Base, QColor(255, 255, 255));
    setNormal(palette, QPalette::AlternateBase, QColor(245, 245, 245));
    setNormal(palette, QPalette::Text, QColor(0, 0, 0));
    setNormal(palette, QPalette::ButtonText, QColor(0, 0, 0));
    setNormal(palette, QPalette::PlaceholderText, QColor(0, 0, 0, 128));
    setNormal(palette, QPalette::ToolTipBase, QColor(255, 255, 220));
    setNormal(palette, QPalette::ToolTipText, QColor(0, 0, 0));
    setNormal(palette, QPalette::Highlight, QColor(48, 140, 198));
    setNormal(palette, QPalette::HighlightedText, QColor(255, 255, 255));
    setNormal(palette, QPalette::Link, QColor(0, 90, 180));
    setNormal(palette, QPalette::LinkVisited, QColor(110, 50, 160));
    setNormal(palette, QPalette::BrightText, QColor(255, 255, 255));

    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::Base, QColor(239, 239, 239));
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(145, 145, 145));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, QColor(255, 255, 255));
    palette.setColor(QPalette::Disabled, QPalette::PlaceholderText, QColor(0, 0, 0, 80));
    return palette;
}

QPalette Theme::darkPalette()
{
    // Every role in every group, then the disabled ones: a palette derived from one dark colour would make
    // disabled text darker than its background.
    QPalette palette;
    const QColor window(50, 50, 50);
    const QColor text(230, 230, 230);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, QColor(32, 32, 32));
    palette.setColor(QPalette::AlternateBase, QColor(42, 42, 42));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(58, 58, 58));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 110, 110));
    palette.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    // Fusion draws frames and bevels from these.
    palette.setColor(QPalette::Light, QColor(80, 80, 80));
    palette.setColor(QPalette::Midlight, QColor(66, 66, 66));
    palette.setColor(QPalette::Mid, QColor(40, 40, 40));
    palette.setColor(QPalette::Dark, QColor(30, 30, 30));
    palette.setColor(QPalette::Shadow, QColor(15, 15, 15));
    palette.setColor(QPalette::ToolTipBase, QColor(64, 64, 64));
    palette.setColor(QPalette::ToolTipText, QColor(240, 240, 240));
    palette.setColor(QPalette::Highlight, QColor(42, 110, 200));
    palette.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
    palette.setColor(QPalette::Link, QColor(110, 175, 255));
    palette.setColor(QPalette::LinkVisited, QColor(185, 145, 255));
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(60, 90, 130));

    // Disabled: grey enough to read as "off", light enough to read at all; no etched white shadow.
    const QColor disabledText(128, 128, 128);
    palette.setColor(QPalette::Disabled, QPalette::Window, window);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, QColor(40, 40, 40));
    palette.setColor(QPalette::Disabled, QPalette::AlternateBase, QColor(44, 44, 44));
    palette.setColor(QPalette::Disabled, QPalette::Button, QColor(48, 48, 48));
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, QColor(170, 170, 170));
    palette.setColor(QPalette::Disabled, QPalette::PlaceholderText, QColor(100, 100, 100));
    palette.setColor(QPalette::Disabled, QPalette::Light, window);
    palette.setColor(QPalette::Disabled, QPalette::Link, QColor(90, 120, 160));
    palette.setColor(QPalette::Disabled, QPalette::ToolTipText, disabledText);
    return palette;
}

} // namespace fabrica
