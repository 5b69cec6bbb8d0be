#include "FormulaField.h"

#include "types/FormulaSyntax.h"
#include "validate/RelationChecker.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace fabrica {

FormulaField::FormulaField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_line(new QLineEdit)
    , m_message(new QLabel)
{
    m_line->setObjectName(QStringLiteral("editor"));
    m_line->setAccessibleName(key.name);
    m_line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_line->setPlaceholderText(tr("e.g. quantity * unit_price"));
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_line);
    m_message->setObjectName(QStringLiteral("formulaMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    setEditor(box);
    setFocusProxy(m_line);
    connect(m_line, &QLineEdit::textEdited, this, &FormulaField::textEdited);
}

QString FormulaField::check(const QString &text, QStringList *reads) const
{
    QList<FormulaSyntax::Token> rpn;
    if (const auto error = FormulaSyntax::parse(text, &rpn))
        return error->message;
    QStringList names;
    for (const FormulaSyntax::Token &token : std::as_const(rpn)) {
        if (token.kind != FormulaSyntax::Token::Kind::Column)
            continue;
        const int index = m_table.columnIndex(token.text);
        if (index < 0)
            return tr("unknown column \"%1\" at position %2").arg(token.text).arg(token.offset + 1);
        if (index == m_column)
            return tr("the column reads itself at position %1").arg(token.offset + 1);
        const QString &type = m_table.columns.at(index).type;
        if (!RelationChecker::isNumericSource(type))
            return tr("column \"%1\" at position %2 is %3, not a number column")
                .arg(token.text)
                .arg(token.offset + 1)
                .arg(type);
        if (!names.contains(token.text))
            names.append(token.text);
    }
    if (reads)
        *reads = names;
    return {};
}

void FormulaField::showMessage(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        m_message->clear();
        showInvalid(m_line, false);
        return;
    }
    QStringList reads;
    const QString error = m_column >= 0 ? check(text, &reads) : QString();
    showInvalid(m_line, !error.isEmpty());
    m_message->setProperty("invalid", !error.isEmpty());
    m_message->setText(!error.isEmpty() ? error
                       : reads.isEmpty()
                           ? tr("A constant: every row gets the same value.")
                           : tr("Computed from %1, rounded half away from zero to the column's scale.")
                                 .arg(reads.join(QLatin1String(", "))));
}

void FormulaField::textEdited(const QString &text)
{
    showMessage(text);
    if (text.trimmed().isEmpty()) {
        change(key().name, QJsonValue(QJsonValue::Undefined));
        return;
    }
    if (m_column < 0 || check(text).isEmpty())
        change(key().name, text);
}

void FormulaField::setTable(const Table &table, int column)
{
    m_table = table;
    m_column = column;
    showMessage(m_line->text());
}

void FormulaField::display(const QJsonObject &values)
{
    m_line->setText(values.value(key().name).toString());
    showMessage(m_line->text());
}

} // namespace fabrica
