#include "ResetPasswordDialog.h"

#include "auth/SecretBytes.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent>

namespace fabrica {

ResetPasswordDialog::ResetPasswordDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                                         const UserRecord &user, QWidget *parent)
    : AccountDialog(storage, tr("Set Password"), parent)
    , m_auth(auth)
    , m_actor(Actor::of(me))
    , m_user(user)
{
    setWindowTitle(tr("Reset Password"));
    setMinimumWidth(440);
    // Plain text: a user name is no markup.
    auto *intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setTextFormat(Qt::PlainText);
    intro->setText(
        tr("Choose a new password for %1. The old password stops working at once.").arg(user.username));
    intro->setWordWrap(true);
    m_password = addField(tr("&New password:"), QStringLiteral("password"), true);
    m_repeat = addField(tr("&Repeat password:"), QStringLiteral("repeatPassword"), true);
    finishLayout(intro);
    connect(&m_setting, &QFutureWatcher<Result<void>>::finished, this, &ResetPasswordDialog::finished);
    updateOk();
}

ResetPasswordDialog::~ResetPasswordDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_setting.waitForFinished();
}

void ResetPasswordDialog::updateOk()
{
    if (isBusy())
        return;
    const QString problem = passwordProblem(m_password->text(), m_repeat->text(), m_user.username);
    showMessage(problem);
    okButton()->setEnabled(problem.isEmpty());
}

void ResetPasswordDialog::submit()
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, tr("Setting the password…"));
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    const Actor actor = m_actor;
    const qint64 userId = m_user.id;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_setting.setFuture(QtConcurrent::run([auth, actor, userId, password = std::move(password)]() mutable {
        Result<void> set = auth->setPassword(actor, userId, password);
        SecretBytes::wipe(password);
        return set;
    }));
}

void ResetPasswordDialog::finished()
{
    const Result<void> set = m_setting.result();
    setBusy(false);
    if (!set) {
        showMessage(set.error().message);
        okButton()->setEnabled(true); // the input passed the checks; a storage failure may pass on a retry
        m_password->setFocus();
        return;
    }
    accept();
}

} // namespace fabrica
