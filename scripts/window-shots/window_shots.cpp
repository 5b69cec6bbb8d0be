// Takes the screenshots of the window's generate, preview, statistics, export, database and users parts:
// the real MainWindow on a scratch SQLite storage with the shop example, driven through its own actions and
// dialogs, each shot grabbed from the widget itself. Usage: window_shots OUTDIR (under xvfb-run).
#include "MainWindow.h"
#include "account/UsersDialog.h"
#include "account/UsersModel.h"
#include "auth/AuthService.h"
#include "export/ExportOptionsDialog.h"
#include "generate/GeneratePanel.h"
#include "preview/ColumnStatisticsView.h"
#include "preview/PreviewPanel.h"
#include "session/SchemaSession.h"
#include "storage/Repository.h"
#include "targets/DatabaseTargetDialog.h"
#include "workbench/GenerationFlow.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

QString g_out;

void fail(const QString &what)
{
    std::fprintf(stderr, "window_shots: %s\n", qPrintable(what));
    std::exit(1);
}

// Lets the event loop run until done() holds (or fails after a while).
void waitFor(const std::function<bool()> &done, const QString &what, int ms = 30000)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            fail(u"timed out waiting for "_s + what);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

void settle(int ms = 400)
{
    waitFor([start = QDeadlineTimer(ms)] { return start.hasExpired(); }, u"a pause"_s, ms + 1000);
}

void shot(QWidget *widget, const QString &name)
{
    settle();
    const QString path = QDir(g_out).filePath(name + u".png"_s);
    if (!widget->window()->grab().save(path))
        fail(u"cannot write "_s + path);
    std::printf("wrote %s\n", qPrintable(path));
}

// Calls step with the next modal dialog of type T once it shows (from inside the exec() that opens it).
template<typename T> void onModal(std::function<void(T *)> step)
{
    auto *timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [timer, step] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        step(dialog);
    });
    timer->start();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fabrica"_s);
    QCoreApplication::setApplicationName(u"fabrica"_s);
    QApplication::setApplicationDisplayName(u"Fabrica"_s);
    if (argc < 2)
        fail(u"usage: window_shots OUTDIR"_s);
    g_out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(g_out);
    QTemporaryDir scratch;

    std::unique_ptr<Repository> storage =
        Repository::open(DatabaseUrl::sqliteFile(scratch.filePath(u"fabrica.sqlite"_s))).value();
    if (!storage->migrate())
        fail(u"cannot migrate the storage"_s);
    AuthService auth = AuthService::create(*storage, scratch.filePath(u"secret.key"_s)).value();
    const QByteArray password = "screenshots only, 2026";
    const UserRecord ada = auth.createFirstAdmin(u"ada"_s, u"ada@example.com"_s, password).value();
    const Actor admin = Actor::of(ada);
    auth.createUser(admin, u"bob"_s, u"bob@example.com"_s, password, Role::User).value();
    auth.createUser(admin, u"carol"_s, u"carol@example.net"_s, password, Role::Admin).value();
    const UserRecord dave = auth.createUser(admin, u"dave"_s, u"dave@example.org"_s, password, Role::User).value();
    if (!auth.setDisabled(admin, dave.id, true))
        fail(u"cannot disable dave"_s);

    MainWindow::Options options;
    options.autosaveFolder = scratch.filePath(u"autosave"_s);
    options.offerRecovery = false;
    options.auth = &auth;
    MainWindow window(storage.get(), ada, options);
    window.resize(1400, 860);
    window.show();
    window.generation()->setFileDialogOptions(QFileDialog::DontUseNativeDialog);
    bool opened = false;
    QObject::connect(&window, &MainWindow::sessionOpened, [&] { opened = true; });
    window.openFile(QStringLiteral(FABRICA_SOURCE_DIR "/examples/shop.fabrica.json"));
    waitFor([&] { return opened; }, u"the shop example"_s);
    GeneratePanel *panel = window.generation()->generatePanel();
    panel->setSeed(7);

    // The data preview of orders beside the statistics of orders.status.
    const Schema &schema = window.currentSession()->schema();
    const int orders = schema.tableIndex(u"orders"_s);
    window.select(orders, schema.tables[orders].columnIndex(u"status"_s));
    window.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentIndex(1);
    PreviewPanel *preview = window.generation()->previewPanel();
    ColumnStatisticsView *statistics = window.generation()->statisticsView();
    waitFor([&] { return statistics->hasStatistics() && !statistics->isBusy() && !preview->isRefreshing(); },
            u"the preview and the statistics"_s);
    preview->goToRow(1250000);
    shot(&window, u"preview-statistics"_s);

    // The generate panel during a run kept in storage (the schema saved there first), cancelled after the shot.
    bool saved = false;
    QObject::connect(&window, &MainWindow::sessionSaved, [&] { saved = true; });
    for (QAction *action : window.actions()) {
        if (action->text().remove(u'&') == u"Save to Storage"_s)
            action->trigger();
    }
    waitFor([&] { return saved; }, u"the schema in storage"_s);
    panel->setTarget(GeneratePanel::Target::StoredRun);
    window.generation()->generateAction()->trigger();
    waitFor([&] { return panel->isRunning() && panel->progress().share() > 0.08; }, u"a running generation"_s, 120000);
    shot(&window, u"generate-panel"_s);
    panel->cancel();
    waitFor([&] { return !panel->isRunning(); }, u"the cancel"_s);
    window.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentIndex(0);

    // File → Export…: the file dialog, then the options of CSV.
    onModal<QFileDialog>([&](QFileDialog *dialog) {
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        name->setText(QDir(scratch.path()).filePath(u"shop.csv"_s));
        QMetaObject::invokeMethod(dialog, "accept");
        onModal<ExportOptionsDialog>([](ExportOptionsDialog *options) {
            shot(options, u"export-options"_s);
            options->reject();
        });
    });
    window.generation()->exportAction()->trigger();

    // Tools → Write into Database…, filled in for a PostgreSQL server.
    onModal<DatabaseTargetDialog>([](DatabaseTargetDialog *dialog) {
        dialog->findChild<QLineEdit *>(u"host"_s)->setText(u"db.staging.example"_s);
        dialog->findChild<QLineEdit *>(u"database"_s)->setText(u"shop"_s);
        dialog->findChild<QLineEdit *>(u"user"_s)->setText(u"loader"_s);
        dialog->findChild<QLineEdit *>(u"schema"_s)->setText(u"test_data"_s);
        auto *ifExists = dialog->findChild<QComboBox *>(u"ifExists"_s);
        ifExists->setCurrentIndex(ifExists->findText(u"Truncate"_s));
        shot(dialog, u"database-target"_s);
        dialog->reject();
    });
    window.generation()->writeToDatabaseAction()->trigger();

    // Account → Users… (an administrator's).
    window.findChild<QAction *>(u"usersAction"_s)->trigger();
    UsersDialog *users = nullptr;
    waitFor([&] { return (users = window.findChild<UsersDialog *>()) && users->isVisible() && !users->isBusy() &&
                         users->model()->rowCount() == 4; },
            u"the users dialog"_s);
    users->resize(760, 360);
    shot(users, u"users"_s);
    users->close();
    for (SchemaSession *session : window.sessions())
        session->undoStack()->setClean();
    return 0;
}
