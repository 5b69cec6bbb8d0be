#include "NumberListField.h"

#include "format/CanonicalJson.h"

#include <QJsonArray>
#include <QLineEdit>

namespace fabrica {

NumberListField::NumberListField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_line(new QLineEdit(this))
{
    m_line->setObjectName(QStringLiteral("editor"));
    m_line->setAccessibleName(key.name);
    m_line->setPlaceholderText(key.defaultValue.isArray() ? format(key.defaultValue.toArray())
                                                          : tr("comma-separated numbers, e.g. 70, 15, 10"));
    setEditor(m_line);
    connect(m_line, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            showInvalid(m_line, false);
            change(this->key().name, QJsonValue(QJsonValue::Undefined));
            return;
        }
        const std::optional<QJsonArray> numbers = parse(text);
        showInvalid(m_line, !numbers);
        if (numbers)
            change(this->key().name, *numbers);
    });
}

std::optional<QJsonArray> NumberListField::parse(const QString &text)
{
    QJsonArray numbers;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        bool ok = false;
        const double number = QLocale::c().toDouble(part.trimmed(), &ok);
        if (!ok)
            return std::nullopt;
        numbers.append(number);
    }
    return numbers;
}

QString NumberListField::format(const QJsonArray &numbers)
{
    QStringList parts;
    for (const QJsonValue &number : numbers)
        parts << QString::fromUtf8(CanonicalJson::number(number.toDouble()));
    return parts.join(QStringLiteral(", "));
}

void NumberListField::display(const QJsonObject &values)
{
    m_line->setText(values.contains(key().name) ? format(values.value(key().name).toArray()) : QString());
    showInvalid(m_line, false);
}

} // namespace fabrica
