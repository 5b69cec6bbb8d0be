#pragma once

#include "common/Result.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace fabrica {

class MessageLabel;

// The settings' Storage page: the default SQLite file, another SQLite file or a PostgreSQL URL, checked as
// typed (DatabaseUrl::parse), with Test and Migrate run on a worker thread against the URL shown.
class StoragePage : public QWidget
{
    Q_OBJECT

public:
    explicit StoragePage(QWidget *parent = nullptr);

    // "" = the default file, "sqlite:FILE" or a postgresql:// URL.
    void setUrl(const QString &url);
    QString url() const;
    // Why the page's URL cannot be stored, or empty when it can.
    QString error() const { return m_error; }
    bool isBusy() const { return m_checking.isRunning(); }

signals:
    void changed();

private:
    // What a Test or Migrate found; version is the storage's version after the run.
    struct Outcome
    {
        QString where;
        int version = 0;
        int latest = 0;
        int applied = -1; // -1: a Test, nothing was migrated
    };

    void validate();
    void browse();
    void start(bool migrate);
    void finished();
    QString checkedUrl() const;
    static QString describe(const Outcome &outcome);

    QRadioButton *m_default = nullptr;
    QRadioButton *m_sqlite = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QPushButton *m_browse = nullptr;
    QLineEdit *m_postgresUrl = nullptr;
    MessageLabel *m_errorLabel = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_migrate = nullptr;
    MessageLabel *m_status = nullptr;
    QLabel *m_restartNote = nullptr;
    QString m_error;
    QString m_loaded; // the URL setUrl() was given, to tell a change (which needs a restart) from none
    QFutureWatcher<Result<Outcome>> m_checking;
};

} // namespace fabrica
