#include "CommandLine.h"
#include "Icons.h"
#include "FirstAdminDialog.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "auth/AuthService.h"
#include "storage/Repository.h"
#include "storage/StoragePaths.h"

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

void installTranslations(QCoreApplication &app)
{
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("fabrica"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
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
// default account), sign-in, then the window. Cancelling a dialog quits without an error.
int runWindow(const QStringList &arguments)
{
    using namespace fabrica;
    const QString whereNot = QCoreApplication::translate("main", "Fabrica cannot open its storage.");
    const Result<DatabaseUrl> url = DatabaseUrl::parse(StoragePaths::defaultDatabase());
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

    SignInDialog signIn(auth.value(), storage);
    if (auth->needsFirstAdmin()) {
        FirstAdminDialog firstAdmin(auth.value(), storage);
        if (firstAdmin.exec() != QDialog::Accepted)
            return 0;
        signIn.setUsername(firstAdmin.admin().username);
    }
    if (signIn.exec() != QDialog::Accepted)
        return 0;

    MainWindow window(&storage, signIn.session().user);
    window.show();
    if (!arguments.isEmpty() && !arguments.first().startsWith(QLatin1Char('-')))
        window.openFile(arguments.first());
    return QApplication::exec();
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
    QApplication::setWindowIcon(fabrica::Icons::appIcon());
    installTranslations(app);
    return runWindow(arguments);
}
