#include "SettingsDialog.h"

#include "MessageLabel.h"
#include "StoragePage.h"
#include "Theme.h"
#include "api/ApiServer.h"
#include "api/EmbeddedApi.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fabrica {

namespace {

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QSpinBox *spinBox(const QString &objectName, int maximum, const QString &suffix, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(1, maximum);
    spin->setSuffix(suffix);
    spin->setGroupSeparatorShown(true);
    spin->setAccelerated(true);
    return spin;
}

// Language names are written in their own language, as every language menu does, so they are not tr()'d.
QString languageName(const QString &code)
{
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(generalPage(), tr("&General"));
    m_storage = new StoragePage(this);
    m_storage->setObjectName(QStringLiteral("storagePage"));
    m_tabs->addTab(m_storage, tr("&Storage"));
    m_tabs->addTab(importPage(), tr("&Import"));
    m_tabs->addTab(apiPage(), tr("API Ser&ver"));

    m_saveError = new MessageLabel(this);
    m_saveError->setObjectName(QStringLiteral("saveError"));

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ok"));
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("apply"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancel"));
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);

    load();
    connect(m_storage, &StoragePage::changed, this, &SettingsDialog::updateState);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateState);
    connect(m_apiEnabled, &QCheckBox::toggled, this, &SettingsDialog::updateState);
    updateState();
    showApiState();
}

QWidget *SettingsDialog::generalPage()
{
    auto *page = new QWidget(this);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    for (const QString &code : AppSettings::languages())
        m_language->addItem(languageName(code), code);
    m_languageNote = hint(tr("The new language applies at the next start."), page);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));

    m_theme = new QComboBox(page);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("System"), int(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(AppSettings::Theme::Dark));

    m_threads = new QSpinBox(page);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(AppSettings::kMinThreads, AppSettings::kMaxThreads);
    m_threads->setToolTip(
        tr("How many threads a new generation starts with; each generation can change it."));

    auto *form = new QFormLayout(page);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("T&heme:"), m_theme);
    form->addRow(tr("Default &threads:"), m_threads);
    form->addRow(
        QString(),
        hint(tr("This computer runs %n thread(s) at once.", nullptr, AppSettings::systemThreads()), page));
    return page;
}

QWidget *SettingsDialog::importPage()
{
    auto *page = new QWidget(this);
    const QString mib = tr(" MiB");
    m_uploadMiB = spinBox(QStringLiteral("uploadMiB"), 65536, mib, page);
    m_entries = spinBox(QStringLiteral("entries"), 1000000, QString(), page);
    m_entryMiB = spinBox(QStringLiteral("entryMiB"), 65536, mib, page);
    m_totalMiB = spinBox(QStringLiteral("totalMiB"), 262144, mib, page);
    m_ratioThresholdKiB = spinBox(QStringLiteral("ratioThresholdKiB"), 1048576, tr(" KiB"), page);
    m_maxRatio = spinBox(QStringLiteral("maxRatio"), 100000, tr(" ×"), page);
    auto *defaults = new QPushButton(tr("Restore &Defaults"), page);
    defaults->setObjectName(QStringLiteral("importDefaults"));
    connect(defaults, &QPushButton::clicked, this, [this] { loadImportLimits(ImportLimits()); });

    auto *form = new QFormLayout(page);
    form->addRow(
        hint(tr("Imported files and archives are untrusted: Fabrica reads no more than this."), page));
    form->addRow(tr("&Upload size:"), m_uploadMiB);
    form->addRow(tr("&Entries per archive:"), m_entries);
    form->addRow(tr("Entr&y size (unpacked):"), m_entryMiB);
    form->addRow(tr("T&otal size (unpacked):"), m_totalMiB);
    form->addRow(tr("Ratio &checked above:"), m_ratioThresholdKiB);
    form->addRow(tr("Maximum compression &ratio:"), m_maxRatio);
    auto *defaultsRow = new QHBoxLayout;
    defaultsRow->addWidget(defaults);
    defaultsRow->addStretch();
    form->addRow(QString(), defaultsRow);
    m_ratioThresholdKiB->setToolTip(tr("An archive entry that unpacks to more than this may be at most the "
                                       "maximum ratio times its packed size (a guard against ZIP bombs)."));
    return page;
}

QWidget *SettingsDialog::apiPage()
{
    auto *page = new QWidget(this);
    m_apiEnabled = new QCheckBox(tr("&Serve the REST API"), page);
    m_apiEnabled->setObjectName(QStringLiteral("apiEnabled"));
    m_apiPort = new QSpinBox(page);
    m_apiPort->setObjectName(QStringLiteral("apiPort"));
    m_apiPort->setRange(0, 65535);
    m_apiPort->setSpecialValueText(tr("Any free port"));
    m_apiPort->setToolTip(tr("0 lets the system choose a free port each time the server starts."));
    m_apiUrl = new QLineEdit(page);
    m_apiUrl->setObjectName(QStringLiteral("apiUrl"));
    m_apiUrl->setReadOnly(true);
    m_apiUrl->setPlaceholderText(tr("Not running"));
    m_apiError = new MessageLabel(page);
    m_apiError->setObjectName(QStringLiteral("apiError"));

    auto *form = new QFormLayout(page);
    form->addRow(m_apiEnabled);
    form->addRow(tr("&Port:"), m_apiPort);
    form->addRow(tr("Listening &at:"), m_apiUrl);
    form->addRow(m_apiError);
    form->addRow(
        hint(tr("The server listens on 127.0.0.1 only: programs on this computer can reach it, other "
                "computers cannot. It uses this window's storage and accounts; sign in with POST "
                "/api/v1/auth/login. For a server on the network, run \"fabrica serve\"."),
             page));
    return page;
}

void SettingsDialog::load()
{
    const AppSettings settings;
    m_loadedLanguage = settings.language();
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_loadedLanguage)));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(int(settings.theme()))));
    m_threads->setValue(settings.defaultThreads());
    m_storage->setUrl(settings.storageUrl());
    loadImportLimits(settings.importLimits());
    const AppSettings::ApiServer server = settings.apiServer();
    m_apiEnabled->setChecked(server.enabled);
    m_apiPort->setValue(server.port);
}

void SettingsDialog::loadImportLimits(const ImportLimits &limits)
{
    m_uploadMiB->setValue(int(limits.uploadBytes >> 20));
    m_entries->setValue(limits.entries);
    m_entryMiB->setValue(int(limits.entryBytes >> 20));
    m_totalMiB->setValue(int(limits.totalBytes >> 20));
    m_ratioThresholdKiB->setValue(int(limits.ratioThreshold >> 10));
    m_maxRatio->setValue(limits.maxRatio);
}

ImportLimits SettingsDialog::importLimits() const
{
    ImportLimits limits;
    limits.uploadBytes = qint64(m_uploadMiB->value()) << 20;
    limits.entries = m_entries->value();
    limits.entryBytes = qint64(m_entryMiB->value()) << 20;
    limits.totalBytes = qint64(m_totalMiB->value()) << 20;
    limits.ratioThreshold = qint64(m_ratioThresholdKiB->value()) << 10;
    limits.maxRatio = m_maxRatio->value();
    return limits;
}

AppSettings::ApiServer SettingsDialog::apiServer() const
{
    AppSettings::ApiServer server;
    server.enabled = m_apiEnabled->isChecked();
    server.port = m_apiPort->value();
    return server;
}

void SettingsDialog::setApi(EmbeddedApi *api)
{
    if (m_api)
        disconnect(m_api, nullptr, this, nullptr);
    m_api = api;
    if (api) {
        connect(api, &EmbeddedApi::stateChanged, this, &SettingsDialog::showApiState);
        connect(api, &EmbeddedApi::failed, this, &SettingsDialog::showApiState);
    }
    showApiState();
}

void SettingsDialog::showApiState()
{
    if (!m_api) {
        m_apiUrl->clear();
        m_apiError->setMessage(QString());
        return;
    }
    const QUrl url = m_api->url();
    m_apiUrl->setText(url.isEmpty() ? QString() : url.toString() + ApiServer::prefix());
    switch (m_api->state()) {
    case EmbeddedApi::State::Starting:
        m_apiUrl->setPlaceholderText(tr("Starting…"));
        break;
    case EmbeddedApi::State::Stopping:
        m_apiUrl->setPlaceholderText(tr("Stopping…"));
        break;
    case EmbeddedApi::State::Running:
    case EmbeddedApi::State::Stopped:
        m_apiUrl->setPlaceholderText(tr("Not running"));
        break;
    }
    m_apiError->setMessage(m_api->lastError(), MessageLabel::Kind::Error);
}

void SettingsDialog::updateState()
{
    m_languageNote->setVisible(m_language->currentData().toString() != m_loadedLanguage);

    m_apiPort->setEnabled(m_apiEnabled->isChecked());

    const bool valid = m_storage->error().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
}

bool SettingsDialog::apply()
{
    updateState();
    if (!m_storage->error().isEmpty()) {
        m_tabs->setCurrentWidget(m_storage);
        return false;
    }
    AppSettings settings;
    if (const Result<void> stored = settings.setStorageUrl(m_storage->url()); !stored) {
        m_tabs->setCurrentWidget(m_storage);
        m_saveError->setMessage(stored.error().message, MessageLabel::Kind::Error);
        return false;
    }
    const auto theme = AppSettings::Theme(m_theme->currentData().toInt());
    settings.setLanguage(m_language->currentData().toString());
    settings.setTheme(theme);
    settings.setDefaultThreads(m_threads->value());
    settings.setImportLimits(importLimits());
    settings.setApiServer(apiServer());
    if (const Result<void> synced = settings.sync(); !synced) {
        m_saveError->setMessage(synced.error().message, MessageLabel::Kind::Error);
        return false;
    }
    m_saveError->setMessage(QString());
    if (theme != Theme::current()) {
        Theme::apply(theme);
        emit themeChanged(theme);
    }
    emit applied();
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace fabrica
