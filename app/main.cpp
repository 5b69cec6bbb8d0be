#include "CommandLine.h"
#include "MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
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
    installTranslations(app);
    fabrica::MainWindow window;
    window.show();
    if (!arguments.isEmpty() && !arguments.first().startsWith(QLatin1Char('-')))
        window.openSchema(arguments.first());
    return app.exec();
}
