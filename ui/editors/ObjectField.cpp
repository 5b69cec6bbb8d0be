#include "ObjectField.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLineEdit>

namespace fabrica {

ObjectField::ObjectField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_line(new QLineEdit(this))
{
    m_line->setObjectName(QStringLiteral("editor"));
    m_line->setAccessibleName(key.name);
    m_line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_line->setPlaceholderText(QStringLiteral("{ … }"));
    setEditor(m_line);
    connect(m_line, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            showInvalid(m_line, false);
            change(this->key().name, QJsonValue(QJsonValue::Undefined));
            return;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        const bool valid = error.error == QJsonParseError::NoError && document.isObject();
        showInvalid(m_line, !valid);
        if (valid)
            change(this->key().name, document.object());
    });
}

void ObjectField::display(const QJsonObject &values)
{
    const QJsonValue value = values.value(key().name);
    m_line->setText(value.isObject()
                        ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
                        : QString());
    showInvalid(m_line, false);
}

} // namespace fabrica
