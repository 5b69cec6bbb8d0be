#include "StoragePage.h"

#include "MessageLabel.h"
#include "storage/DatabaseUrl.h"
#include "storage/Migrations.h"
#include "storage/Repository.h"
#include "storage/StoragePaths.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

namespace {

const QString kSqlitePrefix = QStringLiteral("sqlite:");

// The core's messages are lower-case clauses (the CLI prefixes them); a label shows them as sentences.
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

StoragePage::StoragePage(QWidget *parent)
    : QWidget(parent)
{
    auto *intro = hint(tr("Fabrica keeps its users, schemas and runs in this database."), this);

    m_default = new QRadioButton(tr("&Default file"), this);
    m_default->setObjectName(QStringLiteral("storageDefault"));
    auto *defaultPath = new QLabel(StoragePaths::defaultDatabase(), this);
    defaultPath->setObjectName(QStringLiteral("defaultStorage"));
    defaultPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    defaultPath->setWordWrap(true);

    m_sqlite = new QRadioButton(tr("S&QLite file:"), this);
    m_sqlite->setObjectName(QStringLiteral("storageSqlite"));
    m_sqlitePath = new QLineEdit(this);
    m_sqlitePath->setObjectName(QStringLiteral("sqlitePath"));
    m_sqlitePath->setPlaceholderText(QDir::home().filePath(QStringLiteral("fabrica.sqlite")));
    m_browse = new QPushButton(tr("B&rowse…"), this);
    m_browse->setObjectName(QStringLiteral("browseSqlite"));

    m_postgres = new QRadioButton(tr("&PostgreSQL:"), this);
    m_postgres->setObjectName(QStringLiteral("storagePostgres"));
    m_postgresUrl = new QLineEdit(this);
    m_postgresUrl->setObjectName(QStringLiteral("postgresUrl"));
    m_postgresUrl->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/fabrica"));
    m_postgresUrl->setToolTip(tr("A password typed here is saved encrypted, never in the settings file; "
                                 "PostgreSQL also reads PGPASSWORD and ~/.pgpass."));

    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_default);
    kinds->addButton(m_sqlite);
    kinds->addButton(m_postgres);
    m_default->setChecked(true);

    auto *choices = new QGridLayout;
    choices->addWidget(m_default, 0, 0);
    choices->addWidget(defaultPath, 0, 1, 1, 2);
    choices->addWidget(m_sqlite, 1, 0);
    choices->addWidget(m_sqlitePath, 1, 1);
    choices->addWidget(m_browse, 1, 2);
    choices->addWidget(m_postgres, 2, 0);
    choices->addWidget(m_postgresUrl, 2, 1, 1, 2);
    choices->setColumnStretch(1, 1);

    m_errorLabel = new MessageLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("storageError"));

    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("testStorage"));
    m_test->setToolTip(tr("Connects to the database and reads its storage version."));
    m_migrate = new QPushButton(tr("&Migrate"), this);
    m_migrate->setObjectName(QStringLiteral("migrateStorage"));
    m_migrate->setToolTip(tr("Creates or upgrades Fabrica's tables in the database."));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_test);
    actions->addWidget(m_migrate);
    actions->addStretch();

    m_status = new MessageLabel(this);
    m_status->setObjectName(QStringLiteral("storageStatus"));

    m_restartNote = hint(tr("Fabrica opens the new storage at the next start; until then the window "
                            "keeps working with the current one."),
                         this);
    m_restartNote->setObjectName(QStringLiteral("storageRestartNote"));
    m_restartNote->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(choices);
    layout->addWidget(m_errorLabel);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    if (!qEnvironmentVariableIsEmpty("FABRICA_DATABASE"))
        layout->addWidget(hint(tr("FABRICA_DATABASE is set, so Fabrica opens %1 whatever is chosen here.")
                                   .arg(StoragePaths::defaultDatabase()),
                               this));
    layout->addWidget(m_restartNote);
    layout->addStretch();

    connect(kinds, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            validate();
    });
    connect(m_sqlitePath, &QLineEdit::textChanged, this, &StoragePage::validate);
    connect(m_postgresUrl, &QLineEdit::textChanged, this, &StoragePage::validate);
    connect(m_browse, &QPushButton::clicked, this, &StoragePage::browse);
    connect(m_test, &QPushButton::clicked, this, [this] { start(false); });
    connect(m_migrate, &QPushButton::clicked, this, [this] { start(true); });
    connect(&m_checking, &QFutureWatcher<Result<Outcome>>::finished, this, &StoragePage::finished);
    validate();
}

void StoragePage::setUrl(const QString &text)
{
    const QString url = text.trimmed();
    m_loaded = url;
    if (url.isEmpty()) {
        m_default->setChecked(true);
    } else if (url.startsWith(kSqlitePrefix, Qt::CaseInsensitive)) {
        const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
        m_sqlitePath->setText(parsed ? parsed->path : url.mid(kSqlitePrefix.size()));
        m_sqlite->setChecked(true);
    } else {
        m_postgresUrl->setText(url);
        m_postgres->setChecked(true);
    }
    validate();
}

QString StoragePage::url() const
{
    if (m_sqlite->isChecked())
        return kSqlitePrefix + QDir::cleanPath(m_sqlitePath->text().trimmed());
    if (m_postgres->isChecked())
        return m_postgresUrl->text().trimmed();
    return {};
}

QString StoragePage::checkedUrl() const
{
    const QString chosen = url();
    return chosen.isEmpty() ? StoragePaths::defaultDatabase() : chosen;
}

void StoragePage::validate()
{
    m_sqlitePath->setEnabled(m_sqlite->isChecked());
    m_browse->setEnabled(m_sqlite->isChecked());
    m_postgresUrl->setEnabled(m_postgres->isChecked());

    QString error;
    if (m_sqlite->isChecked()) {
        const QString path = m_sqlitePath->text().trimmed();
        if (path.isEmpty())
            error = tr("Choose the SQLite file.");
        else if (!QDir::isAbsolutePath(path))
            error = tr("Give the full path of the SQLite file, e.g. %1.")
                        .arg(QDir::home().filePath(QStringLiteral("fabrica.sqlite")));
        else if (const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url()); !parsed)
            error = sentence(parsed.error().message);
    } else if (m_postgres->isChecked()) {
        const QString text = m_postgresUrl->text().trimmed();
        const Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
        if (text.isEmpty())
            error = tr("Enter the URL of the PostgreSQL database, e.g. postgresql://user@host:5432/fabrica.");
        else if (!parsed)
            error = sentence(parsed.error().message);
        else if (!parsed->isPostgres())
            error = tr("This field takes a postgresql:// URL; for a file choose “SQLite file”.");
    }
    m_error = error;
    m_errorLabel->setMessage(error, MessageLabel::Kind::Error);
    m_test->setEnabled(error.isEmpty() && !isBusy());
    m_migrate->setEnabled(error.isEmpty() && !isBusy());
    m_restartNote->setVisible(error.isEmpty() && url() != m_loaded);
    emit changed();
}

void StoragePage::browse()
{
    const QString current = m_sqlitePath->text().trimmed();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("SQLite File"), current.isEmpty() ? QDir::homePath() : current,
                                     tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"), nullptr,
                                     QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_sqlitePath->setText(QDir::toNativeSeparators(path));
}

void StoragePage::start(bool migrate)
{
    if (isBusy() || !m_error.isEmpty())
        return;
    m_test->setEnabled(false);
    m_migrate->setEnabled(false);
    m_status->setMessage(migrate ? tr("Migrating…") : tr("Connecting…"));
    const QString text = checkedUrl();
    // Everything the worker touches is its own: the repository is opened, used and closed on that thread
    // (QtSql connections belong to one thread), so closing the dialog meanwhile is safe.
    m_checking.setFuture(QtConcurrent::run([text, migrate]() -> Result<Outcome> {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
        if (!url)
            return url.error();
        Result<std::unique_ptr<Repository>> opened = Repository::open(url.value());
        if (!opened)
            return opened.error();
        Repository &storage = *opened.value();
        Outcome outcome;
        outcome.where = url->displayString();
        outcome.latest = Migrations::latestVersion(url->dialect);
        const Result<int> before = storage.version();
        if (!before)
            return before.error();
        outcome.version = before.value();
        if (migrate) {
            const Result<int> reached = storage.migrate();
            if (!reached)
                return reached.error();
            outcome.applied = reached.value() - before.value();
            outcome.version = reached.value();
        }
        return outcome;
    }));
}

void StoragePage::finished()
{
    const Result<Outcome> outcome = m_checking.result();
    if (outcome)
        m_status->setMessage(describe(outcome.value()), MessageLabel::Kind::Success);
    else
        m_status->setMessage(sentence(outcome.error().message), MessageLabel::Kind::Error);
    validate();
}

QString StoragePage::describe(const Outcome &outcome)
{
    if (outcome.applied >= 0)
        return tr("Applied %n migration(s) to %1; the storage is at version %2.", nullptr, outcome.applied)
            .arg(outcome.where)
            .arg(outcome.version);
    if (outcome.version == 0)
        return tr("Connected to %1. It holds no Fabrica tables yet; Migrate creates them (version %2).")
            .arg(outcome.where)
            .arg(outcome.latest);
    if (outcome.version < outcome.latest)
        return tr("Connected to %1 at storage version %2. This Fabrica uses version %3; Migrate brings it "
                  "up to date.")
            .arg(outcome.where)
            .arg(outcome.version)
            .arg(outcome.latest);
    if (outcome.version > outcome.latest)
        return tr("Connected to %1 at storage version %2, newer than this Fabrica (version %3) knows.")
            .arg(outcome.where)
            .arg(outcome.version)
            .arg(outcome.latest);
    return tr("Connected to %1 at storage version %2, up to date.").arg(outcome.where).arg(outcome.version);
}

} // namespace fabrica
