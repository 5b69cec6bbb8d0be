#pragma once

#include <QDialog>
#include <QList>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fabrica {

class Repository;

// What the account dialogs share: a form, a feedback line for the core's messages, which storage they
// act on, OK and Cancel, and a busy state while the core works on a worker thread (a password check takes
// a while by design). Closing waits while busy and wipes the password fields.
class AccountDialog : public QDialog
{
    Q_OBJECT

public:
    void done(int result) override;

protected:
    AccountDialog(const Repository &storage, const QString &okText, QWidget *parent);

    // A line edit of the form; passwords are hidden and wiped when the dialog closes. OK, the feedback line
    // and the buttons exist once finishLayout() has run.
    QLineEdit *addField(const QString &label, const QString &objectName, bool password = false);
    // Any other field (a role picker); disabled while busy like the line edits.
    void addRow(const QString &label, QWidget *field);
    // Lays the dialog out, with intro (may be null) above the form. Call once, after the fields.
    void finishLayout(QWidget *intro);

    void setBusy(bool busy, const QString &message = {});
    bool isBusy() const { return m_busy; }
    // Shows a message of the core (a lower-case clause, as the CLI prints it) as a sentence.
    void showMessage(const QString &message);
    QPushButton *okButton() const { return m_ok; }
    void forgetPasswords();
    // What keeps a new password and its repetition from being accepted, in the core's words (the
    // password policy first), or empty. The forms that set a password share it.
    static QString passwordProblem(const QString &password, const QString &repeat, const QString &username);

    // Enables OK from the fields; called after every edit and when the busy state ends.
    virtual void updateOk() = 0;
    virtual void submit() = 0;

private:
    bool m_busy = false;
    QFormLayout *m_form = nullptr;
    QList<QWidget *> m_fields;
    QList<QLineEdit *> m_passwords;
    QString m_storageText;
    QString m_okText;
    QLabel *m_feedback = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fabrica
