// The REST API inside the desktop app, driven as a user drives it: the API Server page of the real Settings
// dialog (opened from the window's action) turns the server on and off; the real MainWindow on SQLite and
// on PostgreSQL storage; HTTP over loopback with test::ApiClient. The server answers with the window's
// storage and accounts, shows its address in the status bar and in the dialog, closes its port when turned
// off, reports a port that is taken (the setting stays on), and keeps answering while the GUI thread is
// busy (it lives on a thread of its own).

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "MainWindow.h"
#include "StorageTestSupport.h"
#include "api/ApiStatusLabel.h"
#include "api/EmbeddedApi.h"
#include "auth/AuthService.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "workbench/AccountActions.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <thread>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPassword = "correct horse battery staple 42";

// Replaces the text of a spin box the way a user does: select all, delete, type.
void retype(QWidget *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Whether something accepts connections on the loopback port.
bool portOpen(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(3000);
}

// The visible message box of a failed start, wherever it is parented.
QMessageBox *failureBox()
{
    for (QWidget *widget : QApplication::allWidgets()) {
        if (widget->objectName() == u"apiServerFailedBox"_s && widget->isVisible())
            return qobject_cast<QMessageBox *>(widget);
    }
    return nullptr;
}

} // namespace

class TestEmbeddedApi : public QObject
{
    Q_OBJECT

public:
    explicit TestEmbeddedApi(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void offByDefault();
    void settingTurnsTheServerOnAndOff();
    void takenPortIsReportedAndSettingStaysOn();
    void startsWithTheWindowAndStopsWithIt();
    void answersWhileTheGuiThreadIsBusy();

private:
    // The dialog's widgets of the API Server page.
    struct ApiPage
    {
        SettingsDialog *dialog;
        QTabWidget *tabs;
        QCheckBox *enabled;
        QSpinBox *port;
        QLineEdit *url;
        QLabel *error;
        QPushButton *ok, *apply;
    };
    // Opens Settings… from the window's action and shows the API Server page.
    std::optional<ApiPage> openSettings();
    std::unique_ptr<MainWindow> openWindow();
    ApiStatusLabel *statusLabel() const { return m_window->statusBar()->findChild<ApiStatusLabel *>(); }
    void screenshot(QWidget *widget, const QString &name);

    test::StorageDatabases m_databases;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Repository> m_storage;
    std::optional<AuthService> m_auth;
    UserRecord m_admin;
    std::unique_ptr<MainWindow> m_window;
    test::ApiClient m_client;
};

void TestEmbeddedApi::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"FabricaTest"_s);
    QCoreApplication::setApplicationName(u"tst_embedded_api"_s);
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    qunsetenv("FABRICA_DATABASE");
}

void TestEmbeddedApi::init()
{
    QSettings().clear();
    QSettings().sync();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_storage = m_databases.freshRepository();
    m_auth.emplace(test::authService(*m_storage, *m_dir));
    Result<UserRecord> admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword);
    QVERIFY(admin.ok());
    m_admin = admin.value();
}

void TestEmbeddedApi::cleanup()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<QDialog *>(widget); dialog && dialog->isVisible())
            dialog->reject();
    }
    m_window.reset();
    m_auth.reset();
    m_storage.reset();
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestEmbeddedApi::openWindow()
{
    MainWindow::Options options;
    options.autosaveFolder = m_dir->filePath(u"autosave"_s);
    options.offerRecovery = false;
    options.auth = &*m_auth;
    auto window = std::make_unique<MainWindow>(m_storage.get(), m_admin, options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("the window did not become active");
    return window;
}

std::optional<TestEmbeddedApi::ApiPage> TestEmbeddedApi::openSettings()
{
    auto *actions = m_window->findChild<AccountActions *>();
    if (!actions)
        return std::nullopt;
    actions->settingsAction()->trigger();
    SettingsDialog *dialog = nullptr;
    for (int i = 0; i < 100 && !dialog; ++i) {
        for (SettingsDialog *candidate : m_window->findChildren<SettingsDialog *>())
            dialog = candidate->isVisible() ? candidate : dialog;
        if (!dialog)
            QTest::qWait(20);
    }
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return std::nullopt;
    ApiPage page{dialog,
                 dialog->findChild<QTabWidget *>(u"tabs"_s),
                 dialog->findChild<QCheckBox *>(u"apiEnabled"_s),
                 dialog->findChild<QSpinBox *>(u"apiPort"_s),
                 dialog->findChild<QLineEdit *>(u"apiUrl"_s),
                 dialog->findChild<QLabel *>(u"apiError"_s),
                 dialog->findChild<QPushButton *>(u"ok"_s),
                 dialog->findChild<QPushButton *>(u"apply"_s)};
    if (!page.tabs || !page.enabled || !page.port || !page.url || !page.error || !page.ok || !page.apply)
        return std::nullopt;
    // Ctrl+Tab to the page, as a user switches tabs.
    for (int i = 0; i < page.tabs->count() && !page.enabled->isVisible(); ++i)
        QTest::keyClick(page.tabs, Qt::Key_Tab, Qt::ControlModifier);
    if (!page.enabled->isVisible())
        return std::nullopt;
    return page;
}

void TestEmbeddedApi::screenshot(QWidget *widget, const QString &name)
{
    // Under xvfb-run (QT_QPA_PLATFORM=xcb) with FABRICA_SCREENSHOTS=folder, for a person to look at.
    const QString folder = qEnvironmentVariable("FABRICA_SCREENSHOTS");
    if (!folder.isEmpty())
        widget->grab().save(QDir(folder).filePath(name));
}

void TestEmbeddedApi::offByDefault()
{
    m_window = openWindow();
    EmbeddedApi *api = m_window->api();
    QVERIFY(api);
    QTest::qWait(200);
    QCOMPARE(api->state(), EmbeddedApi::State::Stopped);
    QVERIFY(api->url().isEmpty());
    QVERIFY(statusLabel());
    QVERIFY(!statusLabel()->isVisible());

    const std::optional<ApiPage> page = openSettings();
    QVERIFY(page);
    QVERIFY(!page->enabled->isChecked());
    QCOMPARE(page->port->value(), 0);
    QVERIFY(page->url->text().isEmpty());
    QVERIFY(page->url->isReadOnly());
    QVERIFY(!page->error->isVisible());
}

void TestEmbeddedApi::settingTurnsTheServerOnAndOff()
{
    m_window = openWindow();
    EmbeddedApi *api = m_window->api();
    QSignalSpy started(api, &EmbeddedApi::started);
    QSignalSpy stopped(api, &EmbeddedApi::stopped);

    std::optional<ApiPage> page = openSettings();
    QVERIFY(page);
    QTest::keyClick(page->enabled, Qt::Key_Space);
    QVERIFY(page->enabled->isChecked());
    QVERIFY(page->port->isEnabled());
    QTest::mouseClick(page->apply, Qt::LeftButton);
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Running);
    QCOMPARE(started.size(), 1);
    const quint16 port = api->port();
    QVERIFY(port != 0);
    const QString url = u"http://127.0.0.1:%1"_s.arg(port);
    QCOMPARE(api->url(), QUrl(url));
    // The dialog, still open after Apply, shows where it listens.
    QTRY_COMPARE(page->url->text(), url + u"/api/v1"_s);
    QVERIFY(!page->error->isVisible());
    screenshot(page->dialog, u"settings-api-server.png"_s);
    QTest::mouseClick(page->ok, Qt::LeftButton);
    QTRY_VERIFY(!page->dialog->isVisible());
    QVERIFY(AppSettings().apiServer().enabled);

    // The status bar says so; the context menu's copy puts the API's address on the clipboard.
    ApiStatusLabel *label = statusLabel();
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), u"API: "_s + url);
    label->copyUrl();
    QCOMPARE(QGuiApplication::clipboard()->text(), url + u"/api/v1"_s);

    // The same routes as `fabrica serve`, on the window's storage and accounts.
    m_client.setPort(port);
    test::HttpResponse health = m_client.call("GET", u"/health"_s);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(u"status"_s).toString(), u"ok"_s);
    const QByteArray token = m_client.signIn(u"ada"_s, kPassword);
    QVERIFY(!token.isEmpty());
    QVERIFY(m_auth->authenticate(QString::fromLatin1(token)).ok()); // the window's AuthService knows it
    test::HttpResponse me = m_client.call("GET", u"/me"_s, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(u"username"_s).toString(), u"ada"_s);
    QCOMPARE(me.json.value(u"id"_s).toInteger(), m_admin.id);

    Schema shop = test::shopExample();
    shop.name = u"saved by the window"_s;
    Result<SchemaRecord> saved = m_storage->saveSchema(Actor::of(m_admin), m_admin.id, shop);
    QVERIFY(saved.ok());
    test::HttpResponse schemas = m_client.call("GET", u"/schemas"_s, token);
    QCOMPARE(schemas.status, 200);
    QCOMPARE(schemas.json.value(u"total"_s).toInt(), 1);
    const QJsonObject listed = schemas.json.value(u"items"_s).toArray().first().toObject();
    QCOMPARE(listed.value(u"id"_s).toInteger(), saved->id);
    QCOMPARE(listed.value(u"name"_s).toString(), u"saved by the window"_s);

    // Off again: the port closes, the status bar forgets it.
    page = openSettings();
    QVERIFY(page);
    QVERIFY(page->enabled->isChecked());
    QCOMPARE(page->url->text(), url + u"/api/v1"_s);
    QTest::keyClick(page->enabled, Qt::Key_Space);
    QVERIFY(!page->port->isEnabled());
    QTest::mouseClick(page->ok, Qt::LeftButton);
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Stopped);
    QCOMPARE(stopped.size(), 1);
    QVERIFY(!AppSettings().apiServer().enabled);
    QVERIFY(!portOpen(port));
    QVERIFY(!label->isVisible());
    QVERIFY(api->url().isEmpty());
}

void TestEmbeddedApi::takenPortIsReportedAndSettingStaysOn()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();

    m_window = openWindow();
    EmbeddedApi *api = m_window->api();
    QSignalSpy failed(api, &EmbeddedApi::failed);
    std::optional<ApiPage> page = openSettings();
    QVERIFY(page);
    QTest::keyClick(page->enabled, Qt::Key_Space);
    page->port->setFocus();
    retype(page->port, QString::number(taken));
    QCOMPARE(page->port->value(), int(taken));
    QTest::mouseClick(page->apply, Qt::LeftButton);

    QTRY_COMPARE(failed.size(), 1);
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Stopped);
    const QString reason = failed.first().first().toString();
    QVERIFY2(reason.contains(QString::number(taken)), qPrintable(reason));
    QVERIFY2(reason.contains(u"in use"_s, Qt::CaseInsensitive), qPrintable(reason));
    // A message box with the reason, over the dialog that is still open.
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = failureBox()) != nullptr);
    QVERIFY(box->text().contains(reason));
    QCOMPARE(box->parentWidget(), page->dialog);
    // The page shows it too, and the setting stays on.
    QVERIFY(page->error->isVisible());
    QCOMPARE(page->error->text(), reason);
    QVERIFY(page->url->text().isEmpty());
    QVERIFY(AppSettings().apiServer().enabled);
    QCOMPARE(AppSettings().apiServer().port, int(taken));
    QCOMPARE(statusLabel()->text(), u"API: not running"_s);
    QCOMPARE(statusLabel()->toolTip(), reason);
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!failureBox());
    // Not tried again by itself.
    QTest::qWait(300);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(api->state(), EmbeddedApi::State::Stopped);

    // Once the port is free, applying again starts it there.
    squatter.close();
    QTest::mouseClick(page->ok, Qt::LeftButton);
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Running);
    QCOMPARE(api->port(), taken);
    QVERIFY(api->lastError().isEmpty());
    QCOMPARE(statusLabel()->text(), u"API: http://127.0.0.1:%1"_s.arg(taken));
    m_client.setPort(taken);
    QCOMPARE(m_client.call("GET", u"/health"_s).status, 200);
}

void TestEmbeddedApi::startsWithTheWindowAndStopsWithIt()
{
    {
        AppSettings settings;
        settings.setApiServer(AppSettings::ApiServer{true, 0});
        QVERIFY(settings.sync().ok());
    }
    m_window = openWindow();
    EmbeddedApi *api = m_window->api();
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Running);
    const quint16 port = api->port();
    m_client.setPort(port);
    QCOMPARE(m_client.call("GET", u"/health"_s).status, 200);

    // A new port in the settings moves the server there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 next = probe.serverPort();
    probe.close();
    std::optional<ApiPage> page = openSettings();
    QVERIFY(page);
    page->port->setFocus();
    retype(page->port, QString::number(next));
    QTest::mouseClick(page->ok, Qt::LeftButton);
    QTRY_COMPARE(api->port(), next);
    QCOMPARE(api->state(), EmbeddedApi::State::Running);
    QVERIFY(!portOpen(port));
    m_client.setPort(next);
    QCOMPARE(m_client.call("GET", u"/health"_s).status, 200);

    // Closing the window (quit, sign-out) stops the server with it.
    m_window.reset();
    QVERIFY(!portOpen(next));
}

void TestEmbeddedApi::answersWhileTheGuiThreadIsBusy()
{
    {
        AppSettings settings;
        settings.setApiServer(AppSettings::ApiServer{true, 0});
        QVERIFY(settings.sync().ok());
    }
    m_window = openWindow();
    EmbeddedApi *api = m_window->api();
    QTRY_COMPARE(api->state(), EmbeddedApi::State::Running);
    const quint16 port = api->port();

    // A client on another thread asks while this (the GUI) thread sleeps without an event loop: the answer
    // comes from the server's own thread.
    std::promise<QByteArray> answer;
    std::thread client([port, &answer] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QByteArray received;
        if (socket.waitForConnected(3000)) {
            socket.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            while (!received.contains("\"ok\"") && socket.waitForReadyRead(3000))
                received += socket.readAll();
        }
        answer.set_value(received);
    });
    std::future<QByteArray> future = answer.get_future();
    const bool answeredWhileBusy = future.wait_for(std::chrono::seconds(3)) == std::future_status::ready;
    client.join();
    QVERIFY(answeredWhileBusy);
    const QByteArray received = future.get();
    QVERIFY2(received.startsWith("HTTP/1.1 200 "), received.constData());
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    return test::runOnEveryBackend<TestEmbeddedApi>(argc, argv);
}

#include "tst_embedded_api.moc"
