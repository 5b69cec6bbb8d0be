// The Settings dialog, driven with the keyboard and the mouse against a temporary settings file: the theme
// applies to the running application, values persist through AppSettings on OK (and core reads the same
// keys), Cancel stores nothing, URLs are checked as typed, and Test/Migrate reach real SQLite and
// PostgreSQL storages on a worker thread.

#include "StorageTestSupport.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "settings/Theme.h"
#include "storage/Migrations.h"
#include "storage/SavedPasswords.h"
#include "storage/StoragePaths.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Replaces the text of a line edit or spin box the way a user does: select all, delete, type.
void retype(QWidget *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Picks an entry of a closed combo box with the arrow keys.
bool choose(QComboBox *combo, const QString &text)
{
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentText() == text;
}

// Switches tabs with Ctrl+Tab until the page holding widget is shown.
bool showPageOf(QTabWidget *tabs, QWidget *widget)
{
    for (int i = 0;
         i < tabs->count() && !tabs->currentWidget()->isAncestorOf(widget) && tabs->currentWidget() != widget;
         ++i)
        QTest::keyClick(tabs, Qt::Key_Tab, Qt::ControlModifier);
    return widget->isVisible();
}

int contrast(const QColor &a, const QColor &b)
{
    return qAbs(a.lightness() - b.lightness());
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void defaultsComeFromCore();
    void darkThemeAppliesAndSystemRestores();
    void lightTheme();
    void okStoresThreadsLimitsAndApi();
    void cancelStoresNothing();
    void restoreImportDefaults();
    void languageChangeSaysNextStart();
    void invalidPostgresUrlDisablesOk();
    void sqlitePathIsChecked();
    void apiPageSaysLoopbackOnly();
    void sqliteTestAndMigrate();
    void testReportsCoreError();
    void postgresTestAndMigrate();
    void storageChangeNeedsRestartAndIsRead();
    void postgresPasswordStaysOutOfSettings();

private:
    // The dialog's widgets, found by object name as a user finds them by their labels.
    struct Form
    {
        QTabWidget *tabs;
        QComboBox *language, *theme;
        QLabel *languageNote;
        QSpinBox *threads, *uploadMiB, *entries, *entryMiB, *totalMiB, *ratioThresholdKiB, *maxRatio;
        QPushButton *importDefaults;
        QRadioButton *storageDefault, *storageSqlite, *storagePostgres;
        QLineEdit *sqlitePath, *postgresUrl;
        QLabel *storageError, *storageStatus, *storageRestartNote;
        QPushButton *test, *migrate;
        QCheckBox *apiEnabled;
        QSpinBox *apiPort;
        QLineEdit *apiUrl;
        QLabel *apiError;
        QPushButton *ok, *apply, *cancel;
    };
    static std::optional<Form> formOf(SettingsDialog &dialog);

    QTemporaryDir m_settingsDir;
    QPalette m_platformPalette;
    QString m_platformStyle;
};

std::optional<TestSettingsDialog::Form> TestSettingsDialog::formOf(SettingsDialog &dialog)
{
    auto find = [&dialog](auto *&pointer, const QString &name) {
        pointer = dialog.findChild<std::remove_reference_t<decltype(*pointer)> *>(name);
        if (!pointer)
            qWarning("no widget %s", qPrintable(name));
        return pointer != nullptr;
    };
    Form form{};
    const bool all =
        find(form.tabs, u"tabs"_s) && find(form.language, u"language"_s) && find(form.theme, u"theme"_s) &&
        find(form.languageNote, u"languageNote"_s) && find(form.threads, u"threads"_s) &&
        find(form.uploadMiB, u"uploadMiB"_s) && find(form.entries, u"entries"_s) &&
        find(form.entryMiB, u"entryMiB"_s) && find(form.totalMiB, u"totalMiB"_s) &&
        find(form.ratioThresholdKiB, u"ratioThresholdKiB"_s) && find(form.maxRatio, u"maxRatio"_s) &&
        find(form.importDefaults, u"importDefaults"_s) && find(form.storageDefault, u"storageDefault"_s) &&
        find(form.storageSqlite, u"storageSqlite"_s) && find(form.storagePostgres, u"storagePostgres"_s) &&
        find(form.sqlitePath, u"sqlitePath"_s) && find(form.postgresUrl, u"postgresUrl"_s) &&
        find(form.storageError, u"storageError"_s) && find(form.storageStatus, u"storageStatus"_s) &&
        find(form.storageRestartNote, u"storageRestartNote"_s) && find(form.test, u"testStorage"_s) &&
        find(form.migrate, u"migrateStorage"_s) && find(form.apiEnabled, u"apiEnabled"_s) &&
        find(form.apiPort, u"apiPort"_s) && find(form.apiUrl, u"apiUrl"_s) &&
        find(form.apiError, u"apiError"_s) && find(form.ok, u"ok"_s) && find(form.apply, u"apply"_s) &&
        find(form.cancel, u"cancel"_s);
    if (!all)
        return std::nullopt;
    return form;
}

void TestSettingsDialog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"FabricaTest"_s);
    QCoreApplication::setApplicationName(u"tst_settings_dialog"_s);
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY2(QSettings().fileName().startsWith(m_settingsDir.path()), qPrintable(QSettings().fileName()));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    qunsetenv("FABRICA_DATABASE");
    m_platformPalette = QApplication::palette();
    m_platformStyle = QApplication::style()->name();
}

void TestSettingsDialog::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestSettingsDialog::cleanup()
{
    Theme::apply(AppSettings::Theme::System);
}

void TestSettingsDialog::defaultsComeFromCore()
{
    const AppSettings settings;
    QCOMPARE(settings.storageUrl(), QString());
    QCOMPARE(StoragePaths::configuredDatabase(), StoragePaths::defaultDatabase());
    QCOMPARE(settings.language(), QString());
    QCOMPARE(settings.theme(), AppSettings::Theme::System);
    QCOMPARE(settings.defaultThreads(), std::clamp(QThread::idealThreadCount(), 1, 256));
    QCOMPARE(settings.apiServer(), AppSettings::ApiServer{});
    QCOMPARE(settings.apiServer().port, 0);
    QVERIFY(!settings.apiServer().enabled);

    SettingsDialog dialog;
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    const ImportLimits defaults;
    QCOMPARE(form->threads->value(), settings.defaultThreads());
    QCOMPARE(qint64(form->uploadMiB->value()) << 20, defaults.uploadBytes);
    QCOMPARE(form->entries->value(), defaults.entries);
    QCOMPARE(qint64(form->entryMiB->value()) << 20, defaults.entryBytes);
    QCOMPARE(qint64(form->totalMiB->value()) << 20, defaults.totalBytes);
    QCOMPARE(qint64(form->ratioThresholdKiB->value()) << 10, defaults.ratioThreshold);
    QCOMPARE(form->maxRatio->value(), defaults.maxRatio);
    QVERIFY(form->storageDefault->isChecked());
    QCOMPARE(form->theme->currentText(), u"System"_s);
    QCOMPARE(form->language->currentData().toString(), QString());
    QVERIFY(!form->apiEnabled->isChecked());
    QCOMPARE(form->apiPort->value(), 0);
    QVERIFY(form->ok->isEnabled());
}

void TestSettingsDialog::darkThemeAppliesAndSystemRestores()
{
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() >
            128); // the test needs a light start
    SettingsDialog dialog;
    QSignalSpy themeChanged(&dialog, &SettingsDialog::themeChanged);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);

    QVERIFY(choose(form->theme, u"Dark"_s));
    QCOMPARE(QApplication::palette(), m_platformPalette); // nothing happens before Apply
    QTest::mouseClick(form->apply, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QCOMPARE(themeChanged.size(), 1);
    QCOMPARE(themeChanged.first().first().value<AppSettings::Theme>(), AppSettings::Theme::Dark);
    QCOMPARE(AppSettings().theme(), AppSettings::Theme::Dark);
    QCOMPARE(Theme::current(), AppSettings::Theme::Dark);

    const QPalette dark = QApplication::palette();
    QVERIFY2(dark.color(QPalette::Window).lightness() < 80, qPrintable(dark.color(QPalette::Window).name()));
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    // The open dialog's own widgets follow (Qt propagates the palette through posted events).
    QTRY_VERIFY(form->sqlitePath->palette().color(QPalette::Base).lightness() < 80);
    QTRY_VERIFY(form->threads->palette().color(QPalette::Text).lightness() > 180);
    // Readable where a derived palette usually is not: disabled text, selections, links, tooltips.
    QVERIFY(contrast(dark.color(QPalette::Disabled, QPalette::Text),
                     dark.color(QPalette::Disabled, QPalette::Base)) >= 60);
    QVERIFY(contrast(dark.color(QPalette::Disabled, QPalette::WindowText),
                     dark.color(QPalette::Disabled, QPalette::Window)) >= 60);
    QVERIFY(dark.color(QPalette::Disabled, QPalette::Text).lightness() <
            dark.color(QPalette::Active, QPalette::Text).lightness());
    QVERIFY(contrast(dark.color(QPalette::HighlightedText), dark.color(QPalette::Highlight)) >= 80);
    QVERIFY(contrast(dark.color(QPalette::Link), dark.color(QPalette::Base)) >= 100);
    QVERIFY(contrast(dark.color(QPalette::PlaceholderText), dark.color(QPalette::Base)) >= 60);
    QVERIFY(QToolTip::palette().color(QPalette::ToolTipBase).lightness() < 100);
    QVERIFY(contrast(QToolTip::palette().color(QPalette::ToolTipText),
                     QToolTip::palette().color(QPalette::ToolTipBase)) >= 100);

    QVERIFY(choose(form->theme, u"System"_s));
    QTest::mouseClick(form->apply, Qt::LeftButton);
    QCOMPARE(themeChanged.size(), 2);
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_platformPalette.color(QPalette::Window));
    QCOMPARE(QApplication::palette(), m_platformPalette);
    QCOMPARE(QApplication::style()->name(), m_platformStyle);
    QTRY_VERIFY(form->sqlitePath->palette().color(QPalette::Base).lightness() > 128);
    QCOMPARE(AppSettings().theme(), AppSettings::Theme::System);

    // Apply with the theme unchanged does not announce a change.
    QTest::mouseClick(form->apply, Qt::LeftButton);
    QCOMPARE(themeChanged.size(), 2);

    // An error on screen reads on either background, and is recoloured when the theme changes under it.
    QVERIFY(showPageOf(form->tabs, form->storageSqlite));
    QTest::mouseClick(form->storageSqlite, Qt::LeftButton);
    QVERIFY(form->storageError->isVisible());
    auto errorContrast = [&form] {
        return contrast(form->storageError->palette().color(QPalette::WindowText),
                        QApplication::palette().color(QPalette::Window));
    };
    QVERIFY(errorContrast() >= 80);
    Theme::apply(AppSettings::Theme::Dark);
    QTRY_VERIFY(errorContrast() >= 80);
    Theme::apply(AppSettings::Theme::System);
    QTRY_VERIFY(errorContrast() >= 80);
}

void TestSettingsDialog::lightTheme()
{
    Theme::apply(AppSettings::Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    Theme::apply(AppSettings::Theme::Light);
    const QPalette light = QApplication::palette();
    QVERIFY(light.color(QPalette::Window).lightness() > 200);
    QVERIFY(light.color(QPalette::Text).lightness() < 50);
    QVERIFY(contrast(light.color(QPalette::Disabled, QPalette::Text),
                     light.color(QPalette::Disabled, QPalette::Base)) >= 60);
    QVERIFY(contrast(light.color(QPalette::HighlightedText), light.color(QPalette::Highlight)) >= 80);
    QVERIFY(QToolTip::palette().color(QPalette::ToolTipBase).lightness() > 200);
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
}

void TestSettingsDialog::okStoresThreadsLimitsAndApi()
{
    SettingsDialog dialog;
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);

    retype(form->threads, u"7"_s);
    QCOMPARE(form->threads->value(), 7);
    QVERIFY(showPageOf(form->tabs, form->entries));
    retype(form->uploadMiB, u"10"_s);
    retype(form->entries, u"500"_s);
    retype(form->maxRatio, u"40"_s);
    QVERIFY(showPageOf(form->tabs, form->apiEnabled));
    QTest::keyClick(form->apiEnabled, Qt::Key_Space);
    QVERIFY(form->apiEnabled->isChecked());
    QVERIFY(form->ok->isEnabled());
    retype(form->apiPort, u"8080"_s);
    QTest::mouseClick(form->ok, Qt::LeftButton);

    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(applied.size(), 1);
    const AppSettings settings;
    QCOMPARE(settings.defaultThreads(), 7);
    const ImportLimits limits = settings.importLimits();
    QCOMPARE(limits.uploadBytes, qint64(10) << 20);
    QCOMPARE(limits.entries, 500);
    QCOMPARE(limits.maxRatio, 40);
    QCOMPARE(limits.totalBytes, ImportLimits().totalBytes);
    // Core (the CLI's import, the window's) reads the very same keys.
    const ImportLimits fromCore = ImportLimits::fromSettings(QSettings());
    QCOMPARE(fromCore.uploadBytes, qint64(10) << 20);
    QCOMPARE(fromCore.entries, 500);
    QCOMPARE(fromCore.maxRatio, 40);
    const AppSettings::ApiServer server = settings.apiServer();
    QVERIFY(server.enabled);
    QCOMPARE(server.port, 8080);

    // A new dialog shows what was stored.
    SettingsDialog again;
    const std::optional<Form> shown = formOf(again);
    QVERIFY(shown);
    QCOMPARE(shown->threads->value(), 7);
    QCOMPARE(shown->entries->value(), 500);
    QCOMPARE(shown->apiPort->value(), 8080);
    QVERIFY(shown->apiEnabled->isChecked());
}

void TestSettingsDialog::cancelStoresNothing()
{
    {
        AppSettings settings;
        settings.setDefaultThreads(3);
        QVERIFY(settings.sync());
    }
    SettingsDialog dialog;
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QCOMPARE(form->threads->value(), 3);
    retype(form->threads, u"9"_s);
    QVERIFY(choose(form->theme, u"Dark"_s));
    QVERIFY(showPageOf(form->tabs, form->entries));
    retype(form->entries, u"42"_s);
    QTest::mouseClick(form->cancel, Qt::LeftButton);

    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(applied.size(), 0);
    const AppSettings settings;
    QCOMPARE(settings.defaultThreads(), 3);
    QCOMPARE(settings.importLimits().entries, ImportLimits().entries);
    QCOMPARE(settings.theme(), AppSettings::Theme::System);
    QCOMPARE(QApplication::palette(), m_platformPalette);
    QVERIFY(!QSettings().contains(u"import/entries"_s));
}

void TestSettingsDialog::restoreImportDefaults()
{
    {
        AppSettings settings;
        ImportLimits limits;
        limits.entries = 12;
        limits.totalBytes = qint64(3) << 20;
        settings.setImportLimits(limits);
    }
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QCOMPARE(form->entries->value(), 12);
    QCOMPARE(form->totalMiB->value(), 3);
    QVERIFY(showPageOf(form->tabs, form->importDefaults));
    QTest::mouseClick(form->importDefaults, Qt::LeftButton);
    QCOMPARE(form->entries->value(), ImportLimits().entries);
    QCOMPARE(qint64(form->totalMiB->value()) << 20, ImportLimits().totalBytes);
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(AppSettings().importLimits().entries, ImportLimits().entries);
    QCOMPARE(AppSettings().importLimits().totalBytes, ImportLimits().totalBytes);
    // Defaults are not written down, so a later default reaches this user too.
    QVERIFY(!QSettings().contains(u"import/entries"_s));
    QVERIFY(!QSettings().contains(u"import/totalMiB"_s));
}

void TestSettingsDialog::languageChangeSaysNextStart()
{
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(!form->languageNote->isVisible());
    QVERIFY(choose(form->language, u"Deutsch"_s));
    QVERIFY(form->languageNote->isVisible());
    QVERIFY(form->languageNote->text().contains(u"next start"_s));
    QTest::mouseClick(form->apply, Qt::LeftButton);
    QCOMPARE(AppSettings().language(), u"de"_s);
    QVERIFY(form->languageNote->isVisible()); // stored, but the running window still speaks the old one
    QVERIFY(choose(form->language, u"System language"_s));
    QVERIFY(!form->languageNote->isVisible());
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(AppSettings().language(), QString());

    // Only languages Fabrica ships are kept.
    AppSettings settings;
    settings.setLanguage(u"xx"_s);
    QCOMPARE(settings.language(), QString());
}

void TestSettingsDialog::invalidPostgresUrlDisablesOk()
{
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storagePostgres));
    QVERIFY(!form->postgresUrl->isEnabled());
    QTest::mouseClick(form->storagePostgres, Qt::LeftButton);
    QVERIFY(form->postgresUrl->isEnabled());
    // Empty: says what to enter.
    QVERIFY(form->storageError->isVisible());
    QVERIFY(form->storageError->text().contains(u"postgresql://"_s));
    QVERIFY(!form->ok->isEnabled());

    const QString broken = u"postgresql://ada@db.example:port/shop"_s;
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(broken);
    QVERIFY(!parsed);
    QTest::keyClicks(form->postgresUrl, broken);
    QVERIFY(form->storageError->isVisible());
    QVERIFY2(form->storageError->text().contains(parsed.error().message, Qt::CaseInsensitive),
             qPrintable(form->storageError->text()));
    QVERIFY(!form->ok->isEnabled());
    QVERIFY(!form->apply->isEnabled());
    QVERIFY(!form->test->isEnabled());
    QVERIFY(!form->migrate->isEnabled());
    // Enter cannot store it either.
    QTest::keyClick(form->postgresUrl, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QVERIFY(!QSettings().contains(StoragePaths::databaseSettingKey()));

    const QString unknownOption = u"postgresql://ada@db.example/shop?sslmode=sometimes"_s;
    retype(form->postgresUrl, unknownOption);
    QVERIFY2(form->storageError->text().contains(DatabaseUrl::parse(unknownOption).error().message,
                                                 Qt::CaseInsensitive),
             qPrintable(form->storageError->text()));
    QVERIFY(!form->ok->isEnabled());

    // A SQLite URL parses, but this field is for PostgreSQL.
    retype(form->postgresUrl, u"sqlite:/tmp/x.sqlite"_s);
    QVERIFY(form->storageError->isVisible());
    QVERIFY(!form->ok->isEnabled());

    retype(form->postgresUrl, u"postgresql://ada@db.example:5432/shop"_s);
    QVERIFY(!form->storageError->isVisible());
    QVERIFY(form->ok->isEnabled());
    QVERIFY(form->test->isEnabled());

    // Back to the default: the PostgreSQL field no longer matters.
    retype(form->postgresUrl, u"nonsense"_s);
    QVERIFY(!form->ok->isEnabled());
    QTest::mouseClick(form->storageDefault, Qt::LeftButton);
    QVERIFY(form->ok->isEnabled());
    QVERIFY(!form->storageError->isVisible());
}

void TestSettingsDialog::sqlitePathIsChecked()
{
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storageSqlite));
    QTest::mouseClick(form->storageSqlite, Qt::LeftButton);
    QVERIFY(form->storageError->isVisible());
    QVERIFY(!form->ok->isEnabled());
    QTest::keyClicks(form->sqlitePath, u"relative/fabrica.sqlite"_s);
    QVERIFY(form->storageError->text().contains(u"full path"_s));
    QVERIFY(!form->ok->isEnabled());
    retype(form->sqlitePath, m_settingsDir.filePath(u"chosen.sqlite"_s));
    QVERIFY(!form->storageError->isVisible());
    QVERIFY(form->ok->isEnabled());
}

void TestSettingsDialog::apiPageSaysLoopbackOnly()
{
    // Without a window's server (setApi) the page has nothing running to show; the port is editable only
    // while the server is switched on.
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->apiEnabled));
    QVERIFY(!form->apiError->isVisible());
    QVERIFY(form->apiUrl->isReadOnly());
    QVERIFY(form->apiUrl->text().isEmpty());
    QCOMPARE(form->apiUrl->placeholderText(), u"Not running"_s);
    QVERIFY(!form->apiPort->isEnabled());
    QCOMPARE(form->apiPort->text(), u"Any free port"_s);
    QTest::keyClick(form->apiEnabled, Qt::Key_Space);
    QVERIFY(form->apiPort->isEnabled());
    bool saysLoopback = false;
    for (const QLabel *label : form->apiEnabled->parentWidget()->findChildren<QLabel *>())
        saysLoopback = saysLoopback || (label->isVisible() && label->text().contains(u"127.0.0.1 only"_s));
    QVERIFY(saysLoopback);
    QVERIFY(form->ok->isEnabled());
}

void TestSettingsDialog::sqliteTestAndMigrate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"storage.sqlite"_s);
    const int latest = Migrations::latestVersion(SqlDialect::SQLite);
    QVERIFY(latest > 0);

    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storageSqlite));
    QTest::mouseClick(form->storageSqlite, Qt::LeftButton);
    QTest::keyClicks(form->sqlitePath, file);
    QVERIFY(form->test->isEnabled());

    QTest::mouseClick(form->test, Qt::LeftButton);
    QTRY_VERIFY2(form->storageStatus->text().startsWith(u"Connected"_s),
                 qPrintable(form->storageStatus->text()));
    QVERIFY(form->storageStatus->text().contains(file));
    QVERIFY(form->storageStatus->text().contains(u"no Fabrica tables"_s));
    QTRY_VERIFY(form->test->isEnabled());

    QTest::mouseClick(form->migrate, Qt::LeftButton);
    QVERIFY(!form->migrate->isEnabled()); // busy
    const QRegularExpression applied(u"^Applied (\\d+) migration"_s);
    QTRY_VERIFY2(applied.match(form->storageStatus->text()).hasMatch(),
                 qPrintable(form->storageStatus->text()));
    QCOMPARE(applied.match(form->storageStatus->text()).captured(1).toInt(), latest);
    QVERIFY(form->storageStatus->text().contains(u"version %1"_s.arg(latest)));
    QTRY_VERIFY(form->migrate->isEnabled());

    // The migration really happened: the file is at the latest version, and a second run applies none.
    {
        Result<std::unique_ptr<Repository>> opened = Repository::open(DatabaseUrl::sqliteFile(file));
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
        QCOMPARE((*opened)->version().value(), latest);
    }
    QTest::mouseClick(form->migrate, Qt::LeftButton);
    QTRY_VERIFY2(form->storageStatus->text().startsWith(u"Applied 0 migration"_s),
                 qPrintable(form->storageStatus->text()));
    QTRY_VERIFY(form->test->isEnabled());
    QTest::mouseClick(form->test, Qt::LeftButton);
    QTRY_VERIFY2(form->storageStatus->text().contains(u"up to date"_s),
                 qPrintable(form->storageStatus->text()));
}

void TestSettingsDialog::testReportsCoreError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A folder where the file should be: SQLite cannot open it.
    const QString folder = dir.filePath(u"a-folder.sqlite"_s);
    QVERIFY(QDir().mkpath(folder));
    const Result<std::unique_ptr<Repository>> expected = Repository::open(DatabaseUrl::sqliteFile(folder));
    QVERIFY(!expected);

    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storageSqlite));
    QTest::mouseClick(form->storageSqlite, Qt::LeftButton);
    QTest::keyClicks(form->sqlitePath, folder);
    QTest::mouseClick(form->test, Qt::LeftButton);
    QTRY_VERIFY2(form->storageStatus->text().contains(expected.error().message, Qt::CaseInsensitive),
                 qPrintable(form->storageStatus->text()));
    QVERIFY(!form->storageStatus->text().startsWith(u"Connected"_s));
    QTRY_VERIFY(form->test->isEnabled());
}

void TestSettingsDialog::postgresTestAndMigrate()
{
    test::StorageDatabases databases(SqlDialect::PostgreSQL);
    QCOMPARE(databases.check(), QString());
    const DatabaseUrl fresh = databases.fresh();
    const int latest = Migrations::latestVersion(SqlDialect::PostgreSQL);

    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storagePostgres));
    QTest::mouseClick(form->storagePostgres, Qt::LeftButton);
    QTest::keyClicks(form->postgresUrl, fresh.displayString());
    QVERIFY2(form->test->isEnabled(), qPrintable(form->storageError->text()));

    QTest::mouseClick(form->test, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(form->storageStatus->text().startsWith(u"Connected"_s),
                              qPrintable(form->storageStatus->text()), 15000);
    QVERIFY(form->storageStatus->text().contains(fresh.database));
    QTRY_VERIFY(form->migrate->isEnabled());
    QTest::mouseClick(form->migrate, Qt::LeftButton);
    const QRegularExpression applied(u"^Applied (\\d+) migration"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(applied.match(form->storageStatus->text()).hasMatch(),
                              qPrintable(form->storageStatus->text()), 30000);
    QCOMPARE(applied.match(form->storageStatus->text()).captured(1).toInt(), latest);

    // A server that is not there: the core's error, shown as it is.
    retype(form->postgresUrl, u"postgresql://fabrica@127.0.0.1:1/nowhere?connect_timeout=2"_s);
    QTRY_VERIFY(form->test->isEnabled());
    QTest::mouseClick(form->test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!form->storageStatus->text().startsWith(u"Applied"_s) &&
                                 !form->storageStatus->text().endsWith(u"…"_s),
                             15000);
    QVERIFY2(!form->storageStatus->text().startsWith(u"Connected"_s),
             qPrintable(form->storageStatus->text()));
    QTRY_VERIFY(form->test->isEnabled()); // the worker closed its connection before the database is dropped
}

void TestSettingsDialog::storageChangeNeedsRestartAndIsRead()
{
    const QString file = m_settingsDir.filePath(u"chosen.sqlite"_s);
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storageSqlite));
    QVERIFY(!form->storageRestartNote->isVisible());
    QTest::mouseClick(form->storageSqlite, Qt::LeftButton);
    QTest::keyClicks(form->sqlitePath, file);
    QVERIFY(form->storageRestartNote->isVisible());
    QVERIFY(form->storageRestartNote->text().contains(u"next start"_s));
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(AppSettings().storageUrl(), u"sqlite:"_s + file);
    QCOMPARE(StoragePaths::configuredDatabase(), u"sqlite:"_s + file);
    // FABRICA_DATABASE still wins (scripts and tests).
    qputenv("FABRICA_DATABASE", "sqlite:/tmp/from-environment.sqlite");
    QCOMPARE(StoragePaths::configuredDatabase(), u"sqlite:/tmp/from-environment.sqlite"_s);
    qunsetenv("FABRICA_DATABASE");

    SettingsDialog again;
    const std::optional<Form> shown = formOf(again);
    QVERIFY(shown);
    QVERIFY(shown->storageSqlite->isChecked());
    QCOMPARE(shown->sqlitePath->text(), file);
    // Back to the default removes the choice.
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(showPageOf(shown->tabs, shown->storageDefault));
    QTest::mouseClick(shown->storageDefault, Qt::LeftButton);
    QVERIFY(shown->storageRestartNote->isVisible());
    QTest::mouseClick(shown->ok, Qt::LeftButton);
    QTRY_VERIFY(!again.isVisible());
    QCOMPARE(AppSettings().storageUrl(), QString());
    QVERIFY(!QSettings().contains(StoragePaths::databaseSettingKey()));
    QCOMPARE(StoragePaths::configuredDatabase(), StoragePaths::defaultDatabase());
}

void TestSettingsDialog::postgresPasswordStaysOutOfSettings()
{
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(showPageOf(form->tabs, form->storagePostgres));
    QTest::mouseClick(form->storagePostgres, Qt::LeftButton);
    QTest::keyClicks(form->postgresUrl, u"postgresql://ada:s3cr%40t@db.example:5433/shop?sslmode=require"_s);
    QVERIFY(form->ok->isEnabled());
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());

    const QString stored = AppSettings().storageUrl();
    QCOMPARE(stored, u"postgresql://ada@db.example:5433/shop?sslmode=require"_s);
    QFile file(QSettings().fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(!contents.contains("s3cr"));
    QVERIFY(contents.contains("db.example"));
    const Result<DatabaseUrl> url = DatabaseUrl::parse(stored);
    QVERIFY(url);
    SavedPasswords passwords;
    const Result<std::optional<QByteArray>> saved = passwords.find(url.value());
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    QVERIFY(saved->has_value());
    QCOMPARE(**saved, QByteArray("s3cr@t"));
    passwords.forget(url.value());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
