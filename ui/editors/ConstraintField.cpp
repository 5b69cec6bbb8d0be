#include "ConstraintField.h"

#include "Icons.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

namespace fabrica {

ConstraintField::ConstraintField(const ConstraintKey &key, QWidget *parent)
    : QWidget(parent)
    , m_key(key)
    , m_layout(new QGridLayout(this))
    , m_reset(new QToolButton(this))
    , m_problemIcon(new QLabel(this))
{
    setObjectName(QStringLiteral("key_") + key.name);
    m_layout->setContentsMargins(2, 2, 2, 2); // room for the problem frame
    m_layout->setHorizontalSpacing(2);
    m_layout->setColumnStretch(0, 1);

    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setText(QStringLiteral("×"));
    m_reset->setIcon(Icons::get(QStringLiteral("close")));
    m_reset->setAutoRaise(true);
    m_reset->setToolTip(tr("Reset %1 to its default").arg(key.name));
    m_reset->setAccessibleName(tr("Reset %1").arg(key.name));
    QSizePolicy keepRoom = m_reset->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true); // editors line up whether their key is set or not
    m_reset->setSizePolicy(keepRoom);
    m_reset->setVisible(false);
    connect(m_reset, &QToolButton::clicked, this, &ConstraintField::reset);
    m_layout->addWidget(m_reset, 0, 1, Qt::AlignTop);

    m_problemIcon->setObjectName(QStringLiteral("problemIcon"));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    QIcon warning = Icons::get(QStringLiteral("warning"));
    if (warning.isNull())
        warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_problemIcon->setPixmap(warning.pixmap(size, size));
    m_problemIcon->setVisible(false);
    m_layout->addWidget(m_problemIcon, 0, 2, Qt::AlignTop);
    updateChrome();
}

void ConstraintField::setEditor(QWidget *editor, Qt::Alignment alignment)
{
    m_editor = editor;
    m_layout->addWidget(editor, 0, 0, alignment);
    setFocusProxy(editor);
    editor->setToolTip(toolTip());
}

void ConstraintField::setConstraints(const QJsonObject &constraints)
{
    QJsonObject values;
    for (const QString &name : keys()) {
        if (constraints.contains(name))
            values.insert(name, constraints.value(name));
    }
    if (m_displayed && values == m_shown)
        return;
    m_displayed = true;
    m_shown = values;
    m_updating = true;
    display(values);
    m_updating = false;
    updateChrome();
}

void ConstraintField::setProblem(const QString &message)
{
    if (m_problem == message)
        return;
    m_problem = message;
    updateChrome();
    update();
}

void ConstraintField::focusEditor()
{
    if (m_editor)
        m_editor->setFocus(Qt::OtherFocusReason);
}

void ConstraintField::change(const QString &key, const QJsonValue &value)
{
    change(KeyChanges{{key, value}});
}

void ConstraintField::change(const KeyChanges &changes)
{
    if (m_updating)
        return;
    for (const KeyChange &change : changes) {
        if (change.value.isUndefined())
            m_shown.remove(change.key);
        else
            m_shown.insert(change.key, change.value);
    }
    updateChrome();
    emit edited(changes);
}

QJsonValue ConstraintField::effective(const QJsonObject &values) const
{
    return values.contains(m_key.name) ? values.value(m_key.name) : m_key.defaultValue;
}

void ConstraintField::reset()
{
    KeyChanges changes;
    for (const QString &name : keys()) {
        if (m_shown.contains(name))
            changes.append({name, QJsonValue(QJsonValue::Undefined)});
    }
    m_shown = {};
    m_updating = true;
    display({});
    m_updating = false;
    updateChrome();
    if (!changes.isEmpty())
        emit edited(changes);
}

void ConstraintField::updateChrome()
{
    m_reset->setVisible(isSet());
    m_problemIcon->setVisible(!m_problem.isEmpty());
    m_problemIcon->setToolTip(m_problem);
    QString tip = m_key.description;
    if (m_key.required)
        tip += QLatin1Char('\n') + tr("Required.");
    if (!m_problem.isEmpty())
        tip += QStringLiteral("\n\n") + m_problem;
    setToolTip(tip);
    if (m_editor)
        m_editor->setToolTip(tip);
}

void ConstraintField::showAsDefault(QWidget *widget, bool isDefault)
{
    QPalette palette = widget->parentWidget() ? widget->parentWidget()->palette() : QPalette();
    if (isDefault) {
        const QColor grey = palette.color(QPalette::PlaceholderText);
        palette.setColor(QPalette::Text, grey);
        palette.setColor(QPalette::ButtonText, grey);
        palette.setColor(QPalette::WindowText, grey);
    }
    widget->setPalette(palette);
    widget->setProperty("defaulted", isDefault);
}

void ConstraintField::showInvalid(QWidget *widget, bool invalid)
{
    QPalette palette = widget->parentWidget() ? widget->parentWidget()->palette() : QPalette();
    if (invalid)
        palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
    widget->setPalette(palette);
    widget->setProperty("invalid", invalid);
}

void ConstraintField::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (m_problem.isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.75, 0.75, -0.75, -0.75), 3, 3);
}

} // namespace fabrica
