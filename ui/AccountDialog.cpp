#include "AccountDialog.h"

#include "auth/PasswordPolicy.h"
#include "storage/Repository.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace fabrica {

AccountDialog::AccountDialog(const Repository &storage, const QString &okText, QWidget *parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
    , m_storageText(tr("Storage: %1").arg(storage.url().displayString()))
    , m_okText(okText)
{}

QLineEdit *AccountDialog::addField(const QString &label, const QString &objectName, bool password)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    if (password) {
        edit->setEchoMode(QLineEdit::Password);
        m_passwords << edit;
    }
    m_fields << edit;
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textChanged, this, [this] { updateOk(); });
    return edit;
}

void AccountDialog::addRow(const QString &label, QWidget *field)
{
    m_fields << field;
    m_form->addRow(label, field);
}

QString AccountDialog::passwordProblem(const QString &password, const QString &repeat,
                                       const QString &username)
{
    if (Result<void> ok = PasswordPolicy::check(password, username); !ok)
        return ok.error().message;
    if (repeat.isEmpty())
        return tr("repeat the password");
    if (repeat != password)
        return tr("the passwords differ");
    return {};
}

void AccountDialog::finishLayout(QWidget *intro)
{
    // Made after the fields, so that the tab order runs from the fields to the buttons.
    m_feedback = new QLabel(this);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    // Room for a two-line message, so that the dialog does not jump when one appears.
    m_feedback->setMinimumHeight(2 * fontMetrics().lineSpacing());
    m_feedback->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *storage = new QLabel(m_storageText, this);
    storage->setObjectName(QStringLiteral("storage"));
    storage->setForegroundRole(QPalette::PlaceholderText);
    QFont small = storage->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    storage->setFont(small);
    storage->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setText(m_okText);
    m_ok->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { submit(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &AccountDialog::reject);

    auto *layout = new QVBoxLayout(this);
    if (intro)
        layout->addWidget(intro);
    layout->addLayout(m_form);
    layout->addWidget(m_feedback);
    layout->addWidget(storage);
    layout->addWidget(buttons);
}

void AccountDialog::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    for (QWidget *field : std::as_const(m_fields))
        field->setEnabled(!busy);
    m_cancel->setEnabled(!busy);
    if (busy) {
        m_ok->setEnabled(false);
        m_feedback->setText(message);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

void AccountDialog::showMessage(const QString &message)
{
    // The core's messages are lower-case clauses (the CLI prefixes them); a label shows them as sentences.
    QString text = message;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    m_feedback->setText(text);
}

// QString offers no wipe of a line edit's own buffer; this drops the text as early as we can. setText,
// unlike clear(), also empties the edit history, which holds every character typed.
void AccountDialog::forgetPasswords()
{
    for (QLineEdit *password : std::as_const(m_passwords)) {
        const QSignalBlocker quiet(password);
        password->setText(QString());
    }
}

void AccountDialog::done(int result)
{
    if (m_busy)
        return;
    forgetPasswords();
    QDialog::done(result);
}

} // namespace fabrica
