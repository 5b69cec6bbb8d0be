#include "FirstAdminDialog.h"

#include "auth/PasswordPolicy.h"
#include "storage/Repository.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <openssl/crypto.h>

namespace fabrica {

namespace {

// The core's messages are lower-case clauses (the CLI prefixes them); a label shows them as sentences.
QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return message;
}

} // namespace

FirstAdminDialog::FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
{
    setWindowTitle(tr("Create the First Administrator"));
    setMinimumWidth(440);

    auto *intro = new QLabel(tr("Fabrica has no default account: this creates its first administrator, "
                                "who can then add further users."),
                             this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit(this);
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_repeat->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat password:"), m_repeat);

    m_feedback = new QLabel(this);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    // Room for a two-line message, so that the dialog does not jump while the user types.
    m_feedback->setMinimumHeight(2 * fontMetrics().lineSpacing());
    m_feedback->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *location = new QLabel(tr("Storage: %1").arg(storage.url().displayString()), this);
    location->setObjectName(QStringLiteral("storage"));
    location->setForegroundRole(QPalette::PlaceholderText);
    QFont small = location->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    location->setFont(small);
    location->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setText(tr("Create Administrator"));
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_feedback);
    layout->addWidget(location);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {m_username, m_email, m_password, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &FirstAdminDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstAdminDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &FirstAdminDialog::reject);
    connect(&m_creating, &QFutureWatcher<Result<UserRecord>>::finished, this, &FirstAdminDialog::finished);
    validate();
}

FirstAdminDialog::~FirstAdminDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_creating.waitForFinished();
}

// The first problem in the order of the fields, in the core's words; OK only without one.
void FirstAdminDialog::validate()
{
    if (m_busy)
        return;
    QString problem;
    if (Result<void> ok = AuthService::checkUsername(m_username->text()); !ok)
        problem = ok.error().message;
    else if (Result<void> ok = AuthService::checkEmail(m_email->text()); !ok)
        problem = ok.error().message;
    else if (Result<void> ok = PasswordPolicy::check(m_password->text(), m_username->text()); !ok)
        problem = ok.error().message;
    else if (m_repeat->text().isEmpty())
        problem = tr("repeat the password");
    else if (m_repeat->text() != m_password->text())
        problem = tr("the passwords differ");
    m_feedback->setText(sentence(problem));
    m_ok->setEnabled(problem.isEmpty());
}

void FirstAdminDialog::submit()
{
    if (m_busy || !m_ok->isEnabled())
        return;
    setBusy(true);
    m_feedback->setText(tr("Creating the administrator…"));
    const QString username = m_username->text();
    const QString email = m_email->text();
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_creating.setFuture(QtConcurrent::run([auth, username, email, password = std::move(password)]() mutable {
        Result<UserRecord> created = auth->createFirstAdmin(username, email, password);
        OPENSSL_cleanse(password.data(), std::size_t(password.size()));
        return created;
    }));
}

void FirstAdminDialog::finished()
{
    const Result<UserRecord> created = m_creating.result();
    setBusy(false);
    if (!created) {
        // The input stays, so the user can change what the message names; the next edit re-checks.
        m_feedback->setText(sentence(created.error().message));
        m_ok->setEnabled(true); // the input passed the checks; a storage failure may pass on a retry
        m_password->setFocus();
        return;
    }
    m_admin = created.value();
    accept();
}

void FirstAdminDialog::done(int result)
{
    if (m_busy)
        return;
    clearPasswords();
    QDialog::done(result);
}

void FirstAdminDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *widget :
         std::initializer_list<QWidget *>{m_username, m_email, m_password, m_repeat, m_cancel})
        widget->setEnabled(!busy);
    m_ok->setEnabled(false);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

// QString offers no wipe of a line edit's own buffer; this drops the text as early as we can. setText,
// unlike clear(), also empties the edit history, which holds every character typed.
void FirstAdminDialog::clearPasswords()
{
    const QSignalBlocker password(m_password);
    const QSignalBlocker repeat(m_repeat);
    m_password->setText(QString());
    m_repeat->setText(QString());
}

} // namespace fabrica
