#include "TextField.h"

#include "model/ConstraintKeys.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace fabrica {

namespace {

constexpr int kExamples = 5;

} // namespace

TextField::TextField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_line(new QLineEdit)
{
    m_line->setObjectName(QStringLiteral("editor"));
    m_line->setAccessibleName(key.name);
    const QString fallback = key.defaultValue.toString();
    m_line->setPlaceholderText(key.defaultValue.isString() && fallback.isEmpty() ? tr("(empty)") : fallback);
    connect(m_line, &QLineEdit::textEdited, this,
            [this](const QString &text) { change(this->key().name, text); });
    if (!showsExamples(key.name)) {
        setEditor(m_line);
        return;
    }
    m_line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_line);
    m_examples = new QLabel(box);
    m_examples->setObjectName(QStringLiteral("examples"));
    m_examples->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_examples->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_examples->setWordWrap(true);
    layout->addWidget(m_examples);
    setEditor(box);
    setFocusProxy(m_line);
}

bool TextField::showsExamples(const QString &key)
{
    return key == QLatin1String("pattern") || key == keys::templateText || key == QLatin1String("format");
}

void TextField::setExamples(const ColumnPreview::Values &values, const QString &error)
{
    if (!m_examples)
        return;
    if (!error.isEmpty()) {
        m_examples->setText(error);
        m_examples->setStyleSheet(QStringLiteral("color: #c62828;"));
        return;
    }
    QStringList shown;
    for (const auto &value : values.mid(0, kExamples))
        shown << (value ? *value : QStringLiteral("NULL"));
    m_examples->setStyleSheet(QString());
    m_examples->setText(tr("e.g. %1").arg(shown.join(QStringLiteral("  ·  "))));
}

void TextField::display(const QJsonObject &values)
{
    const QString text = values.value(key().name).toString();
    if (m_line->text() != text)
        m_line->setText(text);
}

} // namespace fabrica
