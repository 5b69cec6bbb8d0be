#include "CommandLine.h"
#include "Icons.h"
#include "FirstAdminDialog.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "auth/AuthService.h"
#include "storage/Repository.h"
#include "storage/StoragePaths.h"
#include "settings/AppSettings.h"
#include "settings/Theme.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#include <memory>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Fabrica"));
    QCoreApplication::setApplicationName(QStringLiteral("fabrica"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FABRICA_VERSION));
}

// The language chosen in the settings (the window's), else the system's.
void installTranslations(QCoreApplication &app, const QString &language = {})
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // An installation's own files (<prefix>/share/fabrica/translations beside <prefix>/bin) come first;
    // the copies built into the binary serve a build that is not installed.
    const QStringList ownDirectories = {QCoreApplication::applicationDirPath() +
                                            QStringLiteral("/../share/fabrica/translations"),
                                        QStringLiteral(":/i18n")};
    auto *own = new QTranslator(&app);
    for (const QString &directory : ownDirectories) {
        if (own->load(locale, QStringLiteral("fabrica"), QStringLiteral("_"), directory)) {
            QCoreApplication::installTranslator(own);
            break;
        }
    }
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

void showStartupError(const QString &what, const fabrica::Error &error)
{
    QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("main", "Fabrica Cannot Start"), what,
                    QMessageBox::Ok);
    box.setInformativeText(error.toString());
    box.exec();
}

// The desktop start: Fabrica's storage, its first administrator when it has no user yet (there is no
// default account), sign-in, then the window; signing out comes back to the sign-in. Cancelling a dialog
// quits without an error.
int runWindow(const QStringList &arguments)
{
    using namespace fabrica;
    const QString whereNot = QCoreApplication::translate("main", "Fabrica cannot open its storage.");
    const Result<DatabaseUrl> url = DatabaseUrl::parse(StoragePaths::configuredDatabase());
    if (!url) {
        showStartupError(whereNot, url.error());
        return 1;
    }
    Result<std::unique_ptr<Repository>> opened = Repository::open(url.value());
    if (!opened) {
        showStartupError(whereNot, opened.error());
        return 1;
    }
    Repository &storage = *opened.value();
    if (const Result<int> migrated = storage.migrate(); !migrated) {
        showStartupError(whereNot, migrated.error());
        return 1;
    }
    Result<AuthService> auth = AuthService::create(storage, StoragePaths::tokenSecretFile());
    if (!auth) {
        showStartupError(QCoreApplication::translate("main", "Fabrica cannot read its sign-in key."),
                         auth.error());
        return 1;
    }

    QString username;
    if (auth->needsFirstAdmin()) {
        FirstAdminDialog firstAdmin(auth.value(), storage);
        if (firstAdmin.exec() != QDialog::Accepted)
            return 0;
        username = firstAdmin.admin().username;
    }
    QStringList toOpen = arguments;
    for (;;) {
        SignInDialog signIn(auth.value(), storage);
        if (!username.isEmpty())
            signIn.setUsername(username);
        if (signIn.exec() != QDialog::Accepted)
            return 0;
        const UserRecord user = signIn.session().user;
        MainWindow::Options options;
        options.auth = &auth.value();
        MainWindow window(&storage, user, options);
        bool signOut = false;
        QObject::connect(&window, &MainWindow::signOutRequested, &window, [&] {
            signOut = true;
            window.close();
        });
        window.show();
        if (!toOpen.isEmpty() && !toOpen.first().startsWith(QLatin1Char('-')))
            window.openFile(toOpen.first());
        toOpen.clear();
        // exec() returns once the window has closed (a refused close, e.g. Cancel on unsaved changes, keeps
        // it open and the loop going); signing out closes it too and comes back to the sign-in.
        const int code = QApplication::exec();
        if (!signOut)
            return code;
        // Every token of the user is revoked, so an API client signed in as them must sign in again too.
        if (const Result<void> revoked = auth->signOut(Actor::of(user)); !revoked)
            qWarning("sign-out: %s", qPrintable(revoked.error().toString()));
        username = user.username;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    // Headless commands must work without a display, so they never create a QApplication.
    if (fabrica::CommandLine::isHeadless(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        installTranslations(app);
        return fabrica::CommandLine().run(arguments);
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Fabrica"));
    // Ties the windows to installer/desktop/org.fabrica.Fabrica.desktop (its icon and name on Wayland).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.fabrica.Fabrica"));
    QApplication::setWindowIcon(fabrica::Icons::appIcon());
    {
        const fabrica::AppSettings settings;
        installTranslations(app, settings.language());
        fabrica::Theme::apply(settings.theme());
    }
    return runWindow(arguments);
}
