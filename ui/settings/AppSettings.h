#pragma once

#include "common/Result.h"
#include "import/ImportLimits.h"

#include <QCoreApplication>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace fabrica {

// The application's preferences behind typed getters and setters, so that no window, dialog or main()
// spells a settings key. Reads and writes the application's QSettings; the keys core reads itself (the
// storage URL, the import limits) are spelt by core (StoragePaths, ImportLimits).
class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::AppSettings)

public:
    enum class Theme { System, Light, Dark };

    struct ApiServer
    {
        bool enabled = false;
        QString address = QStringLiteral("127.0.0.1");
        int port = 0; // 0 = the server chooses a free port
        bool operator==(const ApiServer &) const = default;
    };

    static constexpr int kMinThreads = 1;
    static constexpr int kMaxThreads = 256;

    AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    // The storage URL the user chose; empty = the default file (StoragePaths::defaultDatabase()). The
    // window opens StoragePaths::configuredDatabase(), which also honours FABRICA_DATABASE.
    QString storageUrl() const;
    // Empty restores the default. A password in a PostgreSQL URL goes to SavedPasswords (encrypted) and the
    // URL is stored without it; fails when the URL does not parse or the password cannot be saved.
    Result<void> setStorageUrl(const QString &url);

    // "" = the system's language, else one of languages().
    QString language() const;
    void setLanguage(const QString &code);
    static QStringList languages();

    Theme theme() const;
    void setTheme(Theme theme);

    // Worker threads a generation starts with: 1..256, by default the processor's thread count.
    int defaultThreads() const;
    void setDefaultThreads(int threads);
    static int systemThreads();

    ImportLimits importLimits() const;
    void setImportLimits(const ImportLimits &limits);

    // Where the REST API server listens when it runs; stored now, read by the server when it starts.
    ApiServer apiServer() const;
    void setApiServer(const ApiServer &server);

    // Writes pending changes to disk; fails with the file's name when it cannot be written.
    Result<void> sync();

private:
    QSettings m_settings;
};

} // namespace fabrica
