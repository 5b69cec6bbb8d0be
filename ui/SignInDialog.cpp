#include "SignInDialog.h"

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

// QString offers no wipe of a line edit's own buffer; this drops the text as early as we can. setText,
// unlike clear(), also empties the edit history, which holds every character typed.
void forget(QLineEdit *password)
{
    password->setText(QString());
}

} // namespace

SignInDialog::SignInDialog(AuthService &auth, const Repository &storage, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
{
    setWindowTitle(tr("Sign In"));
    setMinimumWidth(400);

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    m_feedback = new QLabel(this);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    // Room for a two-line message, so that the dialog does not jump when one appears.
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
    m_ok->setText(tr("Sign In"));
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_feedback);
    layout->addWidget(location);
    layout->addWidget(buttons);

    connect(m_username, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(&m_signingIn, &QFutureWatcher<Result<AuthService::Session>>::finished, this,
            &SignInDialog::finished);
    updateButtons();
}

SignInDialog::~SignInDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_signingIn.waitForFinished();
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    m_password->setFocus();
}

void SignInDialog::updateButtons()
{
    m_ok->setEnabled(!m_busy && !m_username->text().isEmpty() && !m_password->text().isEmpty());
}

void SignInDialog::submit()
{
    if (m_busy || !m_ok->isEnabled())
        return;
    setBusy(true);
    m_feedback->setText(tr("Signing in…"));
    const QString username = m_username->text();
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_signingIn.setFuture(QtConcurrent::run([auth, username, password = std::move(password)]() mutable {
        Result<AuthService::Session> session = auth->signIn(username, password);
        OPENSSL_cleanse(password.data(), std::size_t(password.size()));
        return session;
    }));
}

void SignInDialog::finished()
{
    const Result<AuthService::Session> session = m_signingIn.result();
    setBusy(false);
    if (!session) {
        m_feedback->setText(sentence(session.error().message));
        forget(m_password);
        m_password->setFocus();
        return;
    }
    m_session = session.value();
    accept();
}

void SignInDialog::done(int result)
{
    if (m_busy)
        return;
    forget(m_password);
    QDialog::done(result);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_username, m_password, m_cancel})
        widget->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateButtons();
}

} // namespace fabrica
