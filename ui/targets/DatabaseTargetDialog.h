#pragma once

#include "SavedConnections.h"
#include "export/DatabaseTarget.h"
#include "storage/SavedPasswords.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QMap>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QFormLayout;
class QHBoxLayout;
class QSpinBox;

namespace fabrica {

// Chooses the database a generation loads into: a PostgreSQL server (host, port, database, user,
// password, SSL mode, target schema), a MySQL or MariaDB server (host, port, database, user, password) or
// a SQLite file, what to do with tables that exist (PostgreSQL: with triggers disabled), and saved
// connections to pick from. Test connects on a worker thread and shows the server's version or the core's
// error. OK remembers the password (encrypted, through SavedPasswords) when asked, and the target as the
// last one used; the load itself is the caller's (DatabaseTarget::open, DatabaseSink).
class DatabaseTargetDialog : public QDialog
{
    Q_OBJECT

public:
    // The application's settings.
    explicit DatabaseTargetDialog(QWidget *parent = nullptr);
    DatabaseTargetDialog(SavedConnections connections, SavedPasswords passwords, QWidget *parent = nullptr);
    // A test still running finishes on its own: it holds copies only.
    ~DatabaseTargetDialog() override;

    // What the fields say; after OK, what OK took (the typed password included, the field itself emptied).
    DatabaseTarget target() const;
    // Fills the fields, e.g. with the target of a previous run; a saved password of the URL fills in too.
    void setTarget(const DatabaseTarget &target);
    bool isTesting() const { return m_testing.isRunning(); }

public slots:
    // Connects with the fields' settings off the GUI thread; testFinished tells when the answer shows.
    void testConnection();
    void accept() override;
    void done(int result) override;

signals:
    void testFinished(bool connected);

private:
    enum class Message { None, Busy, Info, Error };

    void buildForm();
    void fillSavedConnections(const QString &select);
    void pickSavedConnection(int index);
    void saveConnectionAs();
    void deleteConnection();
    void browseSqliteFile();
    void fillFields(const DatabaseTarget &target);
    void fieldsEdited();
    void kindChosen();
    void updateState();
    void updateIfExistsHint();
    void testDone();
    void showMessage(Message kind, const QString &text);
    bool fieldsComplete() const;
    DatabaseTarget fieldsTarget() const;
    QString selectedConnectionName() const;
    Result<void> rememberPassword(const DatabaseTarget &target);

    SavedConnections m_connections;
    SavedPasswords m_passwords;
    DatabaseTarget m_accepted;
    bool m_wasAccepted = false;
    // The URL whose saved password the fields show: unticking "Remember password" forgets it on OK.
    std::optional<DatabaseUrl> m_rememberedFor;
    // Options of a loaded URL that have no field (sslrootcert, connect_timeout, …), kept as they were.
    QMap<QString, QString> m_otherOptions;
    bool m_filling = false;
    SqlDialect m_optionsDialect = SqlDialect::PostgreSQL; // the kind of URL m_otherOptions came with
    std::optional<SqlDialect> m_shownKind;                // which kind's rows are visible
    int m_generation = 0; // bumped by every edit: a test of older fields shows nothing
    int m_testedGeneration = -1;
    QFutureWatcher<Result<DatabaseTarget::Check>> m_testing;

    QComboBox *m_saved = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QHBoxLayout *m_hostRow = nullptr;
    QHBoxLayout *m_fileRow = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_schema = nullptr;
    QLineEdit *m_sqliteFile = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_ifExists = nullptr;
    QCheckBox *m_disableTriggers = nullptr;
    QLabel *m_ifExistsHint = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fabrica
