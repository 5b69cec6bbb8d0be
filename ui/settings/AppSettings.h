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

    // The window's REST API server (EmbeddedApi). It listens on 127.0.0.1 only: it speaks plain HTTP, and
    // a desktop's API is for programs on the same computer (`fabrica serve` is the one for a network).
    struct ApiServer
    {
        bool enabled = false;
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

    // Whether the window serves the REST API, and on which port; applied as soon as it is stored.
    ApiServer apiServer() const;
    void setApiServer(const ApiServer &server);

    // Writes pending changes to disk; fails with the file's name when it cannot be written.
    Result<void> sync();

private:
    QSettings m_settings;
};

} // namespace fabrica
