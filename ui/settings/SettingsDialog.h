#pragma once

#include "AppSettings.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace fabrica {

class EmbeddedApi;
class MessageLabel;
class StoragePage;

// Fabrica's preferences: General (language, theme, threads), Storage, Import limits and the API server.
// Shows what AppSettings holds; OK and Apply validate, store and apply the theme at once, Cancel stores
// nothing. The language and the storage apply at the next start, which the dialog says when they change.
// The API server page shows, with setApi(), where the window's server listens right now.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Stores every page's values and applies the theme; false (nothing stored) while a value is invalid.
    bool apply();
    // The window's API server, whose address (or failure) the API server page shows as it changes.
    void setApi(EmbeddedApi *api);

signals:
    // After apply() changed the theme (already applied to the application).
    void themeChanged(AppSettings::Theme theme);
    // After apply() stored the settings; readers such as the generate panel may re-read AppSettings.
    void applied();

public slots:
    void accept() override;

private:
    QWidget *generalPage();
    QWidget *importPage();
    QWidget *apiPage();
    void load();
    void loadImportLimits(const ImportLimits &limits);
    ImportLimits importLimits() const;
    AppSettings::ApiServer apiServer() const;
    void updateState();
    void showApiState();

    QTabWidget *m_tabs = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_threads = nullptr;
    StoragePage *m_storage = nullptr;
    QSpinBox *m_uploadMiB = nullptr;
    QSpinBox *m_entries = nullptr;
    QSpinBox *m_entryMiB = nullptr;
    QSpinBox *m_totalMiB = nullptr;
    QSpinBox *m_ratioThresholdKiB = nullptr;
    QSpinBox *m_maxRatio = nullptr;
    QCheckBox *m_apiEnabled = nullptr;
    QSpinBox *m_apiPort = nullptr;
    QLineEdit *m_apiUrl = nullptr;
    MessageLabel *m_apiError = nullptr;
    QPointer<EmbeddedApi> m_api;
    MessageLabel *m_saveError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_loadedLanguage; // what the running application was started with, as far as we know
};

} // namespace fabrica
