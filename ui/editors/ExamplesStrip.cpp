#include "ExamplesStrip.h"

#include "Icons.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>

namespace fabrica {

ExamplesStrip::ExamplesStrip(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(tr("Examples:"), this))
    , m_chipBox(new QWidget)
    , m_chips(new QHBoxLayout(m_chipBox))
    , m_scroll(new QScrollArea(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("examplesStrip"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_caption->setToolTip(tr("The first rows of this column as `fabrica generate` writes them"));
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(Icons::get(QStringLiteral("examples")).pixmap(size, size));
    layout->addWidget(icon);
    layout->addWidget(m_caption);

    m_chips->setContentsMargins(0, 0, 0, 0);
    m_chips->setSpacing(4);
    m_chips->addStretch(1);
    m_scroll->setWidget(m_chipBox);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Room for a row of chips and, below it, the scroll bar that long values bring.
    m_scroll->setFixedHeight(fontMetrics().height() + 12 + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    layout->addWidget(m_scroll, 1);

    m_message->setObjectName(QStringLiteral("examplesError"));
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message, 1);
}

void ExamplesStrip::removeChips()
{
    while (m_chips->count() > 1) { // the stretch stays last
        QLayoutItem *item = m_chips->takeAt(0);
        delete item->widget();
        delete item;
    }
}

void ExamplesStrip::showValues(const ColumnPreview::Values &values)
{
    removeChips();
    m_values = values;
    m_error.clear();
    m_message->hide();
    m_scroll->show();
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    int index = 0;
    for (const auto &value : values) {
        auto *chip = new QLabel(m_chipBox);
        chip->setObjectName(QStringLiteral("exampleValue"));
        chip->setFont(mono);
        chip->setTextFormat(Qt::PlainText);
        if (value) {
            QString shown = *value;
            shown.replace(QLatin1Char('\n'), QStringLiteral("↵"));
            if (shown.size() > kMaxChipCharacters)
                shown = shown.left(kMaxChipCharacters - 1) + QStringLiteral("…");
            chip->setText(shown.isEmpty() ? QStringLiteral("\"\"") : shown);
            chip->setToolTip(*value);
            chip->setStyleSheet(
                QStringLiteral("QLabel { background: palette(alternate-base); border: 1px solid "
                               "palette(mid); border-radius: 7px; padding: 1px 7px; }"));
        } else {
            chip->setText(QStringLiteral("NULL"));
            chip->setToolTip(tr("NULL: no value in this row"));
            QFont italic = mono;
            italic.setItalic(true);
            chip->setFont(italic);
            chip->setStyleSheet(
                QStringLiteral("QLabel { color: palette(dark); border: 1px dashed palette(dark); "
                               "border-radius: 7px; padding: 1px 7px; }"));
        }
        chip->setProperty("isNull", !value.has_value());
        m_chips->insertWidget(index++, chip);
    }
    if (values.isEmpty()) {
        auto *none = new QLabel(tr("(the table has no rows)"), m_chipBox);
        none->setObjectName(QStringLiteral("noExamples"));
        none->setEnabled(false);
        m_chips->insertWidget(0, none);
    }
}

void ExamplesStrip::showError(const QString &message)
{
    removeChips();
    m_values.clear();
    m_error = message;
    m_message->setText(message);
    m_message->setToolTip(message);
    m_message->show();
    m_scroll->hide();
}

void ExamplesStrip::clear()
{
    removeChips();
    m_values.clear();
    m_error.clear();
    m_message->hide();
    m_scroll->show();
}

} // namespace fabrica
