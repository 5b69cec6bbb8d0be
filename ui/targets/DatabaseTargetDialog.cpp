#include "DatabaseTargetDialog.h"

#include "Icons.h"
#include "UiLogging.h"
#include "auth/SecretBytes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

namespace {

constexpr int kDefaultPort = 5432;                        // PostgreSQL's
constexpr int kDefaultMysqlPort = 3306;                   // MySQL's and MariaDB's
const QString kDefaultSslMode = QStringLiteral("prefer"); // libpq's own default

// The core's messages are lower-case clauses (the CLI prefixes them); a label shows them as sentences.
QString sentence(const QString &clause)
{
    QString text = clause;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}

// The parts SavedPasswords files a password under.
bool sameLogin(const DatabaseUrl &a, const DatabaseUrl &b)
{
    return a.user == b.user && a.host == b.host && a.port == b.port && a.database == b.database;
}

} // namespace

DatabaseTargetDialog::DatabaseTargetDialog(QWidget *parent)
    : DatabaseTargetDialog(SavedConnections(), SavedPasswords(), parent)
{}

DatabaseTargetDialog::DatabaseTargetDialog(SavedConnections connections, SavedPasswords passwords,
                                           QWidget *parent)
    : QDialog(parent)
    , m_connections(std::move(connections))
    , m_passwords(std::move(passwords))
{
    setWindowTitle(tr("Write into a Database"));
    buildForm();
    connect(&m_testing, &QFutureWatcher<Result<DatabaseTarget::Check>>::finished, this,
            &DatabaseTargetDialog::testDone);
    fillSavedConnections(QString());
    if (const std::optional<DatabaseTarget> last = m_connections.last())
        setTarget(*last);
    updateIfExistsHint();
    updateState();
}

DatabaseTargetDialog::~DatabaseTargetDialog() = default;

void DatabaseTargetDialog::buildForm()
{
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // Saved connections, with their buttons beside the picker.
    m_saved = new QComboBox(this);
    m_saved->setObjectName(QStringLiteral("savedConnections"));
    m_saveButton = new QPushButton(tr("Save &As…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveConnection"));
    m_saveButton->setToolTip(tr("Keeps these settings under a name, without the password (tick Remember "
                                "password to keep it too, encrypted)"));
    m_saveButton->setAutoDefault(false);
    m_deleteButton = new QPushButton(tr("De&lete"), this);
    m_deleteButton->setObjectName(QStringLiteral("deleteConnection"));
    m_deleteButton->setToolTip(tr("Removes the saved connection; the fields keep its settings"));
    m_deleteButton->setAutoDefault(false);
    auto *savedRow = new QHBoxLayout;
    savedRow->addWidget(m_saved, 1);
    savedRow->addWidget(m_saveButton);
    savedRow->addWidget(m_deleteButton);
    auto *savedLabel = new QLabel(tr("Saved &connection:"), this);
    savedLabel->setBuddy(m_saved);
    m_form->addRow(savedLabel, savedRow);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(Icons::get(QStringLiteral("database")), tr("PostgreSQL"), int(SqlDialect::PostgreSQL));
    m_kind->addItem(Icons::get(QStringLiteral("database")), tr("MySQL / MariaDB"), int(SqlDialect::MySQL));
    m_kind->addItem(Icons::get(QStringLiteral("file")), tr("SQLite file"), int(SqlDialect::SQLite));
    m_form->addRow(tr("Database t&ype:"), m_kind);

    // PostgreSQL and MySQL. Host and port share a row, as in a URL.
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("e.g. localhost or db.example.com"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(kDefaultPort);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    m_hostRow = new QHBoxLayout;
    m_hostRow->addWidget(m_host, 1);
    m_hostRow->addWidget(portLabel);
    m_hostRow->addWidget(m_port);
    auto *hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    m_form->addRow(hostLabel, m_hostRow);

    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("database"));
    m_form->addRow(tr("&Database:"), m_database);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setPlaceholderText(tr("empty: your operating-system user name"));
    m_form->addRow(tr("&User:"), m_user);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: PGPASSWORD, ~/.pgpass or a remembered password"));
    m_form->addRow(tr("Pass&word:"), m_password);
    m_remember = new QCheckBox(tr("&Remember password"), this);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_remember->setToolTip(tr("Keeps the password in the settings, encrypted with a key only your user can "
                              "read; untick to forget it"));
    m_form->addRow(QString(), m_remember);
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    for (const QString &mode : DatabaseUrl::sslModes())
        m_sslMode->addItem(mode, mode);
    m_sslMode->setCurrentIndex(m_sslMode->findData(kDefaultSslMode));
    m_sslMode->setToolTip(tr("disable: never encrypt; prefer: encrypt when the server can; require: always "
                             "encrypt; verify-ca and verify-full also check the server's certificate"));
    m_form->addRow(tr("&SSL mode:"), m_sslMode);
    m_schema = new QLineEdit(this);
    m_schema->setObjectName(QStringLiteral("schema"));
    m_schema->setPlaceholderText(tr("empty: the server's search_path (usually public)"));
    m_schema->setToolTip(tr("The tables are created in this schema; the load creates it when it is missing"));
    m_form->addRow(tr("Target sch&ema:"), m_schema);

    // SQLite.
    m_sqliteFile = new QLineEdit(this);
    m_sqliteFile->setObjectName(QStringLiteral("sqliteFile"));
    m_sqliteFile->setPlaceholderText(tr("a new or existing database file"));
    m_browse = new QPushButton(tr("Br&owse…"), this);
    m_browse->setObjectName(QStringLiteral("browse"));
    m_browse->setAutoDefault(false);
    m_fileRow = new QHBoxLayout;
    m_fileRow->addWidget(m_sqliteFile, 1);
    m_fileRow->addWidget(m_browse);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_sqliteFile);
    m_form->addRow(fileLabel, m_fileRow);

    m_ifExists = new QComboBox(this);
    m_ifExists->setObjectName(QStringLiteral("ifExists"));
    m_ifExists->addItem(tr("Fail"), int(DatabaseSink::IfExists::Fail));
    m_ifExists->addItem(tr("Append"), int(DatabaseSink::IfExists::Append));
    m_ifExists->addItem(tr("Truncate"), int(DatabaseSink::IfExists::Truncate));
    m_ifExists->setToolTip(tr("Tables the database lacks are always created. The load runs in one "
                              "transaction: when it fails or is cancelled, the database stays as it was."));
    m_form->addRow(tr("If &tables exist:"), m_ifExists);
    m_disableTriggers =
        new QCheckBox(tr("Disable tri&ggers during the load (PostgreSQL, like pg_restore)"), this);
    m_disableTriggers->setObjectName(QStringLiteral("disableTriggers"));
    m_disableTriggers->setToolTip(
        tr("Needed when appending into existing tables whose foreign keys form a cycle the server enforces "
           "(the load otherwise stops before writing anything and says so). Runs the load with the tables' "
           "triggers, foreign-key checks included, switched off, as pg_restore --disable-triggers does: "
           "it needs the owner of the tables or a superuser."));
    m_ifExistsHint = new QLabel(this);
    m_ifExistsHint->setObjectName(QStringLiteral("ifExistsHint"));
    m_ifExistsHint->setWordWrap(true);
    m_ifExistsHint->setForegroundRole(QPalette::PlaceholderText);
    m_form->addRow(QString(), m_ifExistsHint);
    m_form->addRow(QString(), m_disableTriggers); // below the hint, which is about the choice above

    m_testButton = new QPushButton(Icons::get(QStringLiteral("refresh")), tr("Test Co&nnection"), this);
    m_testButton->setObjectName(QStringLiteral("test"));
    m_testButton->setAutoDefault(false);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addStretch(1);

    // Room for a few lines (PostgreSQL's version() is long), so that the dialog does not jump.
    m_messageIcon = new QLabel(this);
    m_messageIcon->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("testResult"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->setMinimumHeight(3 * fontMetrics().lineSpacing());
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon);
    messageRow->addWidget(m_message, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(testRow);
    layout->addLayout(messageRow);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    // Top to bottom, as the rows read; the hidden kind's fields are skipped by Qt. OK and Cancel follow
    // Test in the button box's own order: it reorders them when laying them out, and setting them here
    // too left Tab cycling between the two.
    const QList<QWidget *> order{
        m_saved,    m_saveButton,      m_deleteButton, m_kind,    m_host,   m_port,       m_database,
        m_user,     m_password,        m_remember,     m_sslMode, m_schema, m_sqliteFile, m_browse,
        m_ifExists, m_disableTriggers, m_testButton};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_saved, &QComboBox::currentIndexChanged, this, &DatabaseTargetDialog::pickSavedConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &DatabaseTargetDialog::saveConnectionAs);
    connect(m_deleteButton, &QPushButton::clicked, this, &DatabaseTargetDialog::deleteConnection);
    connect(m_browse, &QPushButton::clicked, this, &DatabaseTargetDialog::browseSqliteFile);
    connect(m_testButton, &QPushButton::clicked, this, &DatabaseTargetDialog::testConnection);
    connect(buttons, &QDialogButtonBox::accepted, this, &DatabaseTargetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DatabaseTargetDialog::reject);
    connect(m_ifExists, &QComboBox::currentIndexChanged, this, &DatabaseTargetDialog::updateIfExistsHint);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &DatabaseTargetDialog::kindChosen);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &DatabaseTargetDialog::fieldsEdited);
    connect(m_port, &QSpinBox::valueChanged, this, &DatabaseTargetDialog::fieldsEdited);
    for (QLineEdit *edit : {m_host, m_database, m_user, m_password, m_schema, m_sqliteFile})
        connect(edit, &QLineEdit::textChanged, this, &DatabaseTargetDialog::fieldsEdited);
}

void DatabaseTargetDialog::fillSavedConnections(const QString &select)
{
    const QSignalBlocker quiet(m_saved);
    m_saved->clear();
    m_saved->addItem(tr("(none: new connection)"));
    for (const SavedConnections::Connection &connection : m_connections.list())
        m_saved->addItem(connection.name, connection.name);
    m_saved->setCurrentIndex(std::max(0, m_saved->findData(select)));
    updateState();
}

QString DatabaseTargetDialog::selectedConnectionName() const
{
    return m_saved->currentData().toString();
}

void DatabaseTargetDialog::pickSavedConnection(int index)
{
    if (index <= 0)
        return; // the fields stay, to be saved under a new name
    const QString name = m_saved->itemData(index).toString();
    const std::optional<DatabaseUrl> url = m_connections.find(name);
    if (!url) {
        showMessage(Message::Error, tr("The saved connection \"%1\" cannot be read.").arg(name));
        return;
    }
    DatabaseTarget target;
    target.url = *url;
    target.ifExists = DatabaseSink::IfExists(m_ifExists->currentData().toInt()); // a choice per load
    target.disableTriggers = m_disableTriggers->isChecked(); // so is this
    target.displayName = name;
    fillFields(target);
}

void DatabaseTargetDialog::setTarget(const DatabaseTarget &target)
{
    {
        const QSignalBlocker quiet(m_saved);
        const int index = m_saved->findData(target.displayName);
        const std::optional<DatabaseUrl> saved =
            target.displayName.isEmpty() ? std::nullopt : m_connections.find(target.displayName);
        m_saved->setCurrentIndex(index > 0 && saved == target.url ? index : 0);
    }
    fillFields(target);
}

void DatabaseTargetDialog::fillFields(const DatabaseTarget &target)
{
    const DatabaseUrl &url = target.url;
    m_filling = true;
    m_kind->setCurrentIndex(m_kind->findData(int(url.dialect)));
    m_ifExists->setCurrentIndex(m_ifExists->findData(int(target.ifExists)));
    m_disableTriggers->setChecked(target.disableTriggers);
    m_optionsDialect = url.dialect;
    if (url.isPostgres()) {
        m_host->setText(url.host);
        m_port->setValue(url.port > 0 ? url.port : kDefaultPort);
        m_database->setText(url.database);
        m_user->setText(url.user);
        m_schema->setText(url.schema);
        const int ssl = m_sslMode->findData(url.options.value(QStringLiteral("sslmode"), kDefaultSslMode));
        m_sslMode->setCurrentIndex(std::max(0, ssl));
        m_otherOptions = url.options;
        m_otherOptions.remove(QStringLiteral("sslmode"));
    } else if (url.isMysql()) {
        m_host->setText(url.host);
        m_port->setValue(url.port > 0 ? url.port : kDefaultMysqlPort);
        m_database->setText(url.database);
        m_user->setText(url.user);
        m_otherOptions = url.options; // socket, connect_timeout: no field of their own
    } else {
        m_sqliteFile->setText(QDir::toNativeSeparators(url.path));
        m_otherOptions.clear();
    }
    m_filling = false;
    fieldsEdited();

    // A password typed for this target, else one the user asked to remember.
    m_rememberedFor.reset();
    QString password = QString::fromUtf8(target.password);
    bool remembered = false;
    if (password.isEmpty() && !url.isSqlite()) {
        Result<std::optional<QByteArray>> saved = m_passwords.find(url);
        if (!saved) {
            showMessage(Message::Error, sentence(saved.error().message));
        } else if (saved->has_value()) {
            QByteArray &bytes = saved.value().value();
            password = QString::fromUtf8(bytes);
            SecretBytes::wipe(bytes);
            remembered = true;
            m_rememberedFor = url;
        }
    }
    {
        const QSignalBlocker quiet(m_password);
        m_password->setText(password); // setText also drops the edit history
    }
    m_remember->setChecked(remembered);
}

void DatabaseTargetDialog::fieldsEdited()
{
    if (m_filling)
        return;
    ++m_generation; // a test still running is about other settings now
    showMessage(Message::None, QString());
    updateState();
}

bool DatabaseTargetDialog::fieldsComplete() const
{
    if (SqlDialect(m_kind->currentData().toInt()) == SqlDialect::SQLite)
        return !m_sqliteFile->text().trimmed().isEmpty();
    return !m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty();
}

DatabaseTarget DatabaseTargetDialog::fieldsTarget() const
{
    DatabaseTarget target;
    if (SqlDialect(m_kind->currentData().toInt()) == SqlDialect::SQLite) {
        QString path = m_sqliteFile->text().trimmed();
        if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
            path = QDir::homePath() + path.mid(1);
        target.url = DatabaseUrl::sqliteFile(
            path.isEmpty() ? QString()
                           : QDir::cleanPath(QFileInfo(QDir::fromNativeSeparators(path)).absoluteFilePath()));
    } else {
        DatabaseUrl &url = target.url;
        url.dialect = SqlDialect(m_kind->currentData().toInt());
        url.host = m_host->text().trimmed();
        url.port = m_port->value();
        url.database = m_database->text().trimmed();
        url.user = m_user->text().trimmed();
        // Options without a field belong to the kind of URL they came with (sslrootcert means nothing to
        // MySQL, socket nothing to PostgreSQL).
        if (m_optionsDialect == url.dialect)
            url.options = m_otherOptions;
        if (url.isPostgres()) {
            url.schema = m_schema->text().trimmed();
            url.options.insert(QStringLiteral("sslmode"), m_sslMode->currentData().toString());
        }
        target.password = m_password->text().toUtf8();
    }
    target.ifExists = DatabaseSink::IfExists(m_ifExists->currentData().toInt());
    target.disableTriggers = m_disableTriggers->isEnabled() && m_disableTriggers->isChecked();
    // The saved name only while the fields still say what was saved under it.
    const QString name = selectedConnectionName();
    if (!name.isEmpty() && m_connections.find(name) == target.url)
        target.displayName = name;
    return target;
}

DatabaseTarget DatabaseTargetDialog::target() const
{
    return m_wasAccepted ? m_accepted : fieldsTarget();
}

void DatabaseTargetDialog::kindChosen()
{
    // The port follows the kind while it is the other kind's default, as a new connection's would.
    const SqlDialect kind = SqlDialect(m_kind->currentData().toInt());
    if (!m_filling) {
        const QSignalBlocker quiet(m_port);
        if (kind == SqlDialect::MySQL && m_port->value() == kDefaultPort)
            m_port->setValue(kDefaultMysqlPort);
        else if (kind == SqlDialect::PostgreSQL && m_port->value() == kDefaultMysqlPort)
            m_port->setValue(kDefaultPort);
    }
    m_password->setPlaceholderText(kind == SqlDialect::MySQL
                                       ? tr("empty: MYSQL_PWD or a remembered password")
                                       : tr("empty: PGPASSWORD, ~/.pgpass or a remembered password"));
    fieldsEdited();
}

void DatabaseTargetDialog::updateState()
{
    const SqlDialect kind = SqlDialect(m_kind->currentData().toInt());
    if (m_shownKind != kind) { // only on a change: each call re-lays out the dialog
        m_shownKind = kind;
        const bool server = kind != SqlDialect::SQLite;
        const bool postgres = kind == SqlDialect::PostgreSQL;
        m_form->setRowVisible(m_hostRow, server);
        for (QWidget *field : std::initializer_list<QWidget *>{m_database, m_user, m_password, m_remember})
            m_form->setRowVisible(field, server);
        // MySQL's schema is its database; its TLS settings are the client library's own configuration.
        m_form->setRowVisible(m_sslMode, postgres);
        m_form->setRowVisible(m_schema, postgres);
        m_form->setRowVisible(m_fileRow, !server);
    }
    // Only PostgreSQL needs it, and only where tables exist and stay.
    m_disableTriggers->setEnabled(kind == SqlDialect::PostgreSQL &&
                                  DatabaseSink::IfExists(m_ifExists->currentData().toInt()) !=
                                      DatabaseSink::IfExists::Fail);
    const bool complete = fieldsComplete();
    const bool testingThese = m_testing.isRunning() && m_testedGeneration == m_generation;
    m_testButton->setEnabled(complete && !testingThese);
    m_ok->setEnabled(complete);
    m_saveButton->setEnabled(complete);
    m_deleteButton->setEnabled(m_saved->currentIndex() > 0);
}

void DatabaseTargetDialog::updateIfExistsHint()
{
    updateState();
    switch (DatabaseSink::IfExists(m_ifExists->currentData().toInt())) {
    case DatabaseSink::IfExists::Fail:
        m_ifExistsHint->setText(tr("Stops before writing anything if one of the tables exists."));
        break;
    case DatabaseSink::IfExists::Append:
        m_ifExistsHint->setText(tr("Adds the rows to existing tables; their rows stay."));
        break;
    case DatabaseSink::IfExists::Truncate:
        m_ifExistsHint->setText(tr("Empties existing tables first, in the same transaction."));
        break;
    }
}

void DatabaseTargetDialog::testConnection()
{
    if (!fieldsComplete() || (m_testing.isRunning() && m_testedGeneration == m_generation))
        return;
    DatabaseTarget target = fieldsTarget();
    qCDebug(lcUi) << "testing the connection to" << target.url.displayString();
    m_testedGeneration = m_generation;
    showMessage(Message::Busy, tr("Connecting to %1…").arg(target.url.displayString()));
    // Moved, so that the worker holds the only copy of the password and wipes it.
    m_testing.setFuture(QtConcurrent::run([target = std::move(target)]() mutable {
        Result<DatabaseTarget::Check> check = target.check();
        target.wipePassword();
        return check;
    }));
    updateState();
}

void DatabaseTargetDialog::testDone()
{
    updateState();
    if (m_testedGeneration != m_generation)
        return; // the fields changed meanwhile: the answer is about settings no longer shown
    const Result<DatabaseTarget::Check> check = m_testing.result();
    if (!check) {
        showMessage(Message::Error, sentence(check.error().message));
        emit testFinished(false);
        return;
    }
    QString text = tr("Connected: %1").arg(check->serverVersion);
    if (!check->exists) {
        const DatabaseTarget tested = fieldsTarget();
        text += QLatin1Char('\n') +
                (tested.url.isPostgres()
                     ? tr("The schema \"%1\" does not exist yet; the load creates it.").arg(tested.url.schema)
                     : tr("The file does not exist yet; the load creates it."));
    }
    showMessage(Message::Info, text);
    emit testFinished(true);
}

void DatabaseTargetDialog::showMessage(Message kind, const QString &text)
{
    m_message->setText(text);
    QIcon icon;
    if (kind == Message::Error)
        icon = Icons::get(QStringLiteral("error"));
    else if (kind == Message::Info)
        icon = Icons::get(QStringLiteral("info"));
    else if (kind == Message::Busy)
        icon = Icons::get(QStringLiteral("refresh"));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_messageIcon->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(size, size));
    if (kind == Message::Busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void DatabaseTargetDialog::saveConnectionAs()
{
    if (!fieldsComplete())
        return;
    DatabaseTarget target = fieldsTarget();
    QString suggested = selectedConnectionName();
    if (suggested.isEmpty())
        suggested = !target.url.isSqlite() ? tr("%1 on %2").arg(target.url.database, target.url.host)
                                           : QFileInfo(target.url.path).completeBaseName();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Connection"), tr("&Name of the connection:"),
                                               QLineEdit::Normal, suggested, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (Result<void> saved = m_connections.save(name, target.url); !saved) {
        showMessage(Message::Error, sentence(saved.error().message));
        return;
    }
    if (Result<void> kept = rememberPassword(target); !kept) {
        showMessage(Message::Error, sentence(kept.error().message));
        return;
    }
    fillSavedConnections(name);
    showMessage(Message::Info, tr("Saved the connection as \"%1\".").arg(name));
}

void DatabaseTargetDialog::deleteConnection()
{
    const QString name = selectedConnectionName();
    if (name.isEmpty())
        return;
    // The fields keep its settings, so a slip is undone with Save As.
    m_connections.remove(name);
    fillSavedConnections(QString());
    showMessage(Message::Info, tr("Deleted the saved connection \"%1\".").arg(name));
}

void DatabaseTargetDialog::browseSqliteFile()
{
    // The file may exist (the load adds to it) or not (the load creates it): no overwrite question.
    const QString path =
        QFileDialog::getSaveFileName(this, tr("SQLite Database File"), m_sqliteFile->text(),
                                     tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"), nullptr,
                                     QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_sqliteFile->setText(QDir::toNativeSeparators(path));
}

Result<void> DatabaseTargetDialog::rememberPassword(const DatabaseTarget &target)
{
    if (target.url.isSqlite())
        return {};
    if (m_remember->isChecked()) {
        if (target.password.isEmpty())
            return {};
        if (Result<void> saved = m_passwords.save(target.url, target.password); !saved)
            return saved;
        m_rememberedFor = target.url;
        return {};
    }
    if (m_rememberedFor && sameLogin(*m_rememberedFor, target.url)) {
        m_passwords.forget(target.url);
        m_rememberedFor.reset();
    }
    return {};
}

void DatabaseTargetDialog::accept()
{
    if (!fieldsComplete())
        return;
    DatabaseTarget target = fieldsTarget();
    if (Result<void> kept = rememberPassword(target); !kept) {
        showMessage(Message::Error, sentence(kept.error().message));
        return;
    }
    // Without the password: SavedConnections keeps URLs only.
    if (Result<void> last = m_connections.setLast(target); !last)
        qCWarning(lcUi) << "cannot keep the last database target:" << last.error().message;
    m_accepted = std::move(target);
    m_wasAccepted = true;
    QDialog::accept();
}

void DatabaseTargetDialog::done(int result)
{
    ++m_generation; // a test still running answers no one
    // QString offers no wipe of a line edit's buffer; this drops the text as early as we can.
    {
        const QSignalBlocker quiet(m_password);
        m_password->setText(QString());
    }
    unsetCursor();
    QDialog::done(result);
}

} // namespace fabrica
