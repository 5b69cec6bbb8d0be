#include "DistributionEditor.h"

#include "format/CanonicalJson.h"
#include "types/ValueKinds.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace fabrica {

namespace {

const QString kName = QStringLiteral("name");

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double value = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

DistributionEditor::DistributionEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QComboBox(this))
    , m_parameterLayout(new QHBoxLayout)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_name->setObjectName(QStringLiteral("distributionName"));
    m_name->setAccessibleName(tr("Distribution"));
    m_name->addItems(distributionNames());
    layout->addWidget(m_name);
    m_parameterLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_parameterLayout, 1);
    connect(m_name, &QComboBox::currentIndexChanged, this, &DistributionEditor::nameChosen);
    rebuildParameters({});
}

void DistributionEditor::setValue(const QJsonObject &distribution)
{
    if (distribution == value() && !distribution.isEmpty())
        return;
    m_updating = true;
    const QString name = distribution.value(kName).toString(QStringLiteral("uniform"));
    int index = m_name->findText(name);
    if (index < 0) { // an unknown name: shown as written; validation explains
        m_name->addItem(name);
        index = m_name->count() - 1;
    }
    m_name->setCurrentIndex(index);
    rebuildParameters(distribution);
    m_updating = false;
}

QJsonObject DistributionEditor::value() const
{
    QJsonObject result{{kName, m_name->currentText()}};
    for (auto it = m_parameters.begin(); it != m_parameters.end(); ++it) {
        if (const auto parameter = number(it.value()->text()))
            result.insert(it.key(), *parameter);
    }
    return result;
}

void DistributionEditor::rebuildParameters(const QJsonObject &values)
{
    while (QLayoutItem *item = m_parameterLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_parameters.clear();
    for (const QString &parameter : distributionParameters(m_name->currentText())) {
        auto *label = new QLabel(parameter, this);
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("param_") + parameter);
        edit->setAccessibleName(parameter);
        edit->setPlaceholderText(tr("auto"));
        edit->setToolTip(isPositiveDistributionParameter(parameter)
                             ? tr("A number greater than 0; empty derives it from the column's range.")
                             : tr("A number; empty derives it from the column's range."));
        auto *validator = new QDoubleValidator(edit);
        validator->setLocale(QLocale::c());
        if (isPositiveDistributionParameter(parameter))
            validator->setBottom(0);
        edit->setValidator(validator);
        const QJsonValue value = values.value(parameter);
        if (value.isDouble())
            edit->setText(QString::fromUtf8(CanonicalJson::number(value.toDouble())));
        label->setBuddy(edit);
        m_parameterLayout->addWidget(label);
        m_parameterLayout->addWidget(edit, 1);
        m_parameters.insert(parameter, edit);
        connect(edit, &QLineEdit::textEdited, this, &DistributionEditor::parameterEdited);
    }
    if (m_parameters.isEmpty())
        m_parameterLayout->addStretch(1);
}

void DistributionEditor::nameChosen()
{
    if (m_updating)
        return;
    // Parameters the new distribution shares with the old one (poisson and exponential: lambda) stay.
    const QJsonObject before = value();
    rebuildParameters(before);
    emit edited(value());
}

void DistributionEditor::parameterEdited()
{
    auto *edit = qobject_cast<QLineEdit *>(sender());
    if (!edit)
        return;
    const QString text = edit->text().trimmed();
    const auto parameter = number(text);
    const bool positive = isPositiveDistributionParameter(m_parameters.key(edit));
    const bool valid = text.isEmpty() || (parameter && (!positive || *parameter > 0));
    QPalette palette = this->palette();
    if (!valid)
        palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
    edit->setPalette(palette);
    if (valid)
        emit edited(value());
}

} // namespace fabrica
