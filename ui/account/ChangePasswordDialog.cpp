#include "ChangePasswordDialog.h"

#include "auth/SecretBytes.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QtConcurrent>

namespace fabrica {

ChangePasswordDialog::ChangePasswordDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                                           QWidget *parent)
    : AccountDialog(storage, tr("Change Password"), parent)
    , m_auth(auth)
    , m_actor(Actor::of(me))
    , m_username(me.username)
{
    setWindowTitle(tr("Change Password"));
    setMinimumWidth(440);
    auto *intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setTextFormat(Qt::PlainText); // a user name is no markup
    intro->setText(tr("Signed in as %1.").arg(me.username));
    m_current = addField(tr("&Current password:"), QStringLiteral("currentPassword"), true);
    m_password = addField(tr("&New password:"), QStringLiteral("password"), true);
    m_repeat = addField(tr("&Repeat new password:"), QStringLiteral("repeatPassword"), true);
    finishLayout(intro);
    connect(&m_changing, &QFutureWatcher<Result<void>>::finished, this, &ChangePasswordDialog::finished);
    updateOk();
}

ChangePasswordDialog::~ChangePasswordDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_changing.waitForFinished();
}

void ChangePasswordDialog::updateOk()
{
    if (isBusy())
        return;
    const QString problem = m_current->text().isEmpty()
                                ? tr("enter the current password")
                                : passwordProblem(m_password->text(), m_repeat->text(), m_username);
    showMessage(problem);
    okButton()->setEnabled(problem.isEmpty());
}

void ChangePasswordDialog::submit()
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, tr("Checking the current password…"));
    QByteArray current = m_current->text().toUtf8();
    QByteArray next = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    const Actor actor = m_actor;
    // Moved, never copied, so that the buffers wiped are the only ones there were.
    m_changing.setFuture(
        QtConcurrent::run([auth, actor, current = std::move(current), next = std::move(next)]() mutable {
            Result<void> changed = auth->changeOwnPassword(actor, current, next);
            SecretBytes::wipe(current);
            SecretBytes::wipe(next);
            return changed;
        }));
}

void ChangePasswordDialog::finished()
{
    const Result<void> changed = m_changing.result();
    setBusy(false);
    if (!changed) {
        // A wrong current password is the usual cause: it goes, the new one stays to be accepted again.
        // Emptied before the message, so that the check of the emptied field does not replace it.
        {
            const QSignalBlocker quiet(m_current);
            m_current->setText(QString());
        }
        okButton()->setEnabled(false);
        showMessage(changed.error().message);
        m_current->setFocus();
        return;
    }
    accept();
}

} // namespace fabrica
