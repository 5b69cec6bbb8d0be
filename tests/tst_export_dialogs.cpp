// File → Export…: the save dialog (Qt's own widgets, so the test can type into it) and the options
// dialog, driven with keys and clicks like a user would, in a temporary settings file. What they hand back
// is run through the real sinks to show it is what the export needs.

#include "SchemaBuilding.h"
#include "DialogDriver.h"
#include "export/ExportChoice.h"
#include "export/ExportFileChooser.h"
#include "export/ExportFormat.h"
#include "export/ExportOptionsDialog.h"
#include "export/ExportSettings.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>
#include <QtTest>

#include <functional>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace fabrica::test;

namespace {

using test::column;

// customers and orders: what a user exports.
Schema shop()
{
    Schema schema;
    schema.name = u"shop"_s;
    Table customers{u"customers"_s, {}, 4, {}};
    customers.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"nickname"_s, u"enum"_s, R"({"values": ["ann", "bob"], "nullPercent": 50})")};
    Table orders{u"orders"_s, {}, 6, {}};
    orders.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"customer_id"_s, u"foreign_key"_s, R"({"references": "customers.id", "notNull": true})")};
    schema.tables = {customers, orders};
    return schema;
}

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &table : schema.tables)
        names << table.name;
    return names;
}

// Runs the schema into the sink the choice describes; the error, or an empty string.
QString exportWith(const Schema &schema, const ExportChoice &choice)
{
    const auto plan = Plan::compile(schema, Plan::Options{7, {}});
    if (!plan)
        return plan.error().toString();
    std::unique_ptr<Sink> sink = ExportFormat::find(choice.formatId)->create(choice.options);
    const auto result = GenerationJob::run(**plan, *sink, GenerationJob::Options{});
    return result ? QString() : result.error().toString();
}

} // namespace

class TestExportDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void targetFromNameAndFilter();
    void settingsFallBackOnBadValues();
    void tsvThroughBothDialogs();
    void reopeningShowsRememberedOptions();
    void sqlShowsDialectAndBatchOnly();
    void gzipFilterYieldsGzip();
    void cancelInFileDialog();
    void cancelInOptionsDialog();
    void csvDelimiterAndNullTextChecked();

private:
    // Runs the chooser for shop() with the steps; the driver's failure lands in the test.
    std::optional<ExportChoice> runChooser(ModalDriver &driver);
    // The file dialog's own widgets (Qt's object names).
    static QLineEdit *nameEdit(QFileDialog *dialog)
    {
        return dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
    }
    static QComboBox *typeCombo(QFileDialog *dialog)
    {
        return dialog->findChild<QComboBox *>(u"fileTypeCombo"_s);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_out; // where exports go
    QString m_settingsFile;
};

void TestExportDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestExportDialogs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_out = m_dir->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(m_out));
    m_settingsFile = m_dir->filePath(u"settings.ini"_s);
    ExportSettings(m_settingsFile).setLastFolder(m_out);
}

void TestExportDialogs::cleanup()
{
    m_dir.reset();
}

std::optional<ExportChoice> TestExportDialogs::runChooser(ModalDriver &driver)
{
    ExportFileChooser chooser(nullptr, u"shop"_s, tableNames(shop()));
    chooser.setSettings(ExportSettings(m_settingsFile));
    chooser.setFileDialogOptions(QFileDialog::DontUseNativeDialog);
    driver.start();
    return chooser.exec();
}

void TestExportDialogs::targetFromNameAndFilter()
{
    using Target = ExportFileChooser::Target;
    auto check = [](const Target &target, const QString &formatId, bool gzip, const QString &file) {
        return target.formatId == formatId && target.gzip == gzip && target.file == file;
    };
    const QString csv = ExportFormat::find(u"csv")->fileDialogFilter(false);
    const QString jsonGz = ExportFormat::find(u"json")->fileDialogFilter(true);
    // The name's suffix wins over the filter.
    QVERIFY(check(ExportFileChooser::target(u"/d/a.sql"_s, jsonGz), u"sql"_s, false, u"/d/a.sql"_s));
    QVERIFY(check(ExportFileChooser::target(u"/d/a.tsv.gz"_s, csv), u"tsv"_s, true, u"/d/a.tsv.gz"_s));
    // Without one, the filter's suffix is added.
    QVERIFY(check(ExportFileChooser::target(u"/d/a"_s, jsonGz), u"json"_s, true, u"/d/a.json.gz"_s));
    QVERIFY(check(ExportFileChooser::target(u"/d/a.v2"_s, csv), u"csv"_s, false, u"/d/a.v2.csv"_s));
    QVERIFY(check(ExportFileChooser::target(u"/d/a.gz"_s, csv), u"csv"_s, true, u"/d/a.csv.gz"_s));
    QCOMPARE(ExportFileChooser::withoutSuffixes(u"shop.csv.tsv"_s), u"shop"_s);
    QCOMPARE(ExportFileChooser::withoutSuffixes(u"shop.v2.json.gz"_s), u"shop.v2"_s);
}

void TestExportDialogs::settingsFallBackOnBadValues()
{
    {
        QSettings raw(m_settingsFile, QSettings::IniFormat);
        raw.setValue(u"export/csv/delimiter"_s, u";;"_s);
        raw.setValue(u"export/csv/batchRows"_s, 0);
        raw.setValue(u"export/sql/dialect"_s, u"oracle"_s);
        raw.setValue(u"export/sql/batchRows"_s, 250);
        raw.setValue(u"export/tsv/delimiter"_s, u","_s);
    }
    const ExportSettings settings(m_settingsFile);
    QCOMPARE(settings.options(u"csv"_s).delimiter, ',');
    QCOMPARE(settings.options(u"csv"_s).batchRows, ExportOptions().batchRows);
    QCOMPARE(settings.options(u"sql"_s).dialect, SqlDialect::PostgreSQL);
    QCOMPARE(settings.options(u"sql"_s).batchRows, 250);
    QCOMPARE(settings.options(u"tsv"_s).delimiter, '\t');
    QVERIFY(settings.options(u"json"_s).singleFile);
    QCOMPARE(settings.lastFormat(), u"csv"_s);
    QCOMPARE(settings.lastFolder(), m_out);
    QVERIFY(QDir(m_out).removeRecursively());
    QVERIFY(settings.lastFolder() != m_out); // gone: somewhere that exists instead
}

void TestExportDialogs::tsvThroughBothDialogs()
{
    ModalDriver driver;
    QString suggested, afterFilter, preview;
    bool delimiterShown = true, oneFileEnabled = true, headerShown = false;
    driver.then<QFileDialog>([&](QFileDialog *dialog) {
        suggested = nameEdit(dialog)->text();
        QVERIFY(arrowTo(typeCombo(dialog), u"Tab-separated values (*.tsv)"_s));
        afterFilter = nameEdit(dialog)->text();
        retype(nameEdit(dialog), u"people"_s);
        QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([&](ExportOptionsDialog *dialog) {
        delimiterShown = dialog->findChild<QComboBox *>(u"delimiter"_s)->isVisible();
        headerShown = dialog->findChild<QCheckBox *>(u"header"_s)->isVisible();
        oneFileEnabled = dialog->findChild<QRadioButton *>(u"oneFile"_s)->isEnabled();
        retype(dialog->findChild<QLineEdit *>(u"nullText"_s), u"\\N"_s);
        click(dialog->findChild<QCheckBox *>(u"crlf"_s));
        preview = dialog->findChild<QLabel *>(u"preview"_s)->text();
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    });
    const std::optional<ExportChoice> choice = runChooser(driver);
    QCOMPARE(driver.failure, QString());
    QVERIFY(driver.done());

    QCOMPARE(suggested, u"shop.csv"_s); // nothing remembered yet: CSV, named after the schema
    QCOMPARE(afterFilter, u"shop.tsv"_s);
    QVERIFY(!delimiterShown); // TSV's delimiter is the tab
    QVERIFY(headerShown);
    QVERIFY(!oneFileEnabled); // two tables do not fit one TSV file
    QCOMPARE(preview,
             u"Writes 2 file(s) into %1: customers.tsv, orders.tsv"_s.arg(QDir::toNativeSeparators(m_out)));

    QVERIFY(choice);
    QCOMPARE(choice->formatId, u"tsv"_s);
    QCOMPARE(choice->options.path, m_out);
    QVERIFY(!choice->options.singleFile);
    QVERIFY(!choice->options.gzip);
    QCOMPARE(choice->options.delimiter, '\t');
    QCOMPARE(choice->options.nullText, u"\\N"_s);
    QCOMPARE(choice->options.lineEnding, u"\r\n"_s);
    QVERIFY(choice->options.header);
    QCOMPARE(choice->files, (QStringList{m_out + u"/customers.tsv"_s, m_out + u"/orders.tsv"_s}));

    // The sink writes exactly the previewed files, with the options chosen.
    QCOMPARE(exportWith(shop(), *choice), QString());
    QCOMPARE(QDir(m_out).entryList(QDir::Files), (QStringList{u"customers.tsv"_s, u"orders.tsv"_s}));
    QFile customers(m_out + u"/customers.tsv"_s);
    QVERIFY(customers.open(QIODevice::ReadOnly));
    const QByteArray bytes = customers.readAll();
    QVERIFY2(bytes.startsWith("id\tnickname\r\n1\t"), bytes.constData());
    QVERIFY2(bytes.contains("\t\\N\r\n"), bytes.constData());
}

void TestExportDialogs::reopeningShowsRememberedOptions()
{
    {
        ModalDriver driver;
        driver.then<QFileDialog>([](QFileDialog *dialog) {
            QVERIFY(arrowTo(typeCombo(dialog), u"Tab-separated values (*.tsv)"_s));
            QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
        });
        driver.then<ExportOptionsDialog>([](ExportOptionsDialog *dialog) {
            retype(dialog->findChild<QLineEdit *>(u"nullText"_s), u"NULL"_s);
            click(dialog->findChild<QCheckBox *>(u"crlf"_s));
            click(dialog->findChild<QCheckBox *>(u"formulaGuard"_s));
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
        });
        QVERIFY(runChooser(driver));
        QCOMPARE(driver.failure, QString());
    }
    ModalDriver driver;
    QString suggested, directory, filter, nullText;
    bool crlf = false, guard = false, header = false;
    driver.then<QFileDialog>([&](QFileDialog *dialog) {
        suggested = nameEdit(dialog)->text();
        directory = dialog->directory().absolutePath();
        filter = typeCombo(dialog)->currentText();
        QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([&](ExportOptionsDialog *dialog) {
        nullText = dialog->findChild<QLineEdit *>(u"nullText"_s)->text();
        crlf = dialog->findChild<QCheckBox *>(u"crlf"_s)->isChecked();
        guard = dialog->findChild<QCheckBox *>(u"formulaGuard"_s)->isChecked();
        header = dialog->findChild<QCheckBox *>(u"header"_s)->isChecked();
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    });
    QVERIFY(!runChooser(driver));
    QCOMPARE(driver.failure, QString());
    QCOMPARE(suggested, u"shop.tsv"_s);
    QCOMPARE(directory, m_out);
    QCOMPARE(filter, u"Tab-separated values (*.tsv)"_s);
    QCOMPARE(nullText, u"NULL"_s);
    QVERIFY(crlf);
    QVERIFY(guard);
    QVERIFY(header);
    // Each format keeps its own: CSV still has the defaults.
    QCOMPARE(ExportSettings(m_settingsFile).options(u"csv"_s).nullText, QString());
    QVERIFY(!ExportSettings(m_settingsFile).options(u"csv"_s).formulaGuard);
}

void TestExportDialogs::sqlShowsDialectAndBatchOnly()
{
    ModalDriver driver;
    bool dialectShown = false, batchShown = false, layoutShown = true, csvOptions = true, json = true;
    QString preview;
    driver.then<QFileDialog>([](QFileDialog *dialog) {
        // The suffix typed decides, whatever the filter says.
        retype(nameEdit(dialog), u"load.sql"_s);
        QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([&](ExportOptionsDialog *dialog) {
        dialectShown = dialog->findChild<QComboBox *>(u"dialect"_s)->isVisible();
        batchShown = dialog->findChild<QSpinBox *>(u"batchRows"_s)->isVisible();
        layoutShown = dialog->findChild<QRadioButton *>(u"oneFile"_s)->isVisible() ||
                      dialog->findChild<QRadioButton *>(u"perTable"_s)->isVisible();
        csvOptions = dialog->findChild<QComboBox *>(u"delimiter"_s) ||
                     dialog->findChild<QLineEdit *>(u"nullText"_s) ||
                     dialog->findChild<QCheckBox *>(u"header"_s);
        json = dialog->findChild<QCheckBox *>(u"pretty"_s);
        QVERIFY(arrowTo(dialog->findChild<QComboBox *>(u"dialect"_s), u"MySQL"_s));
        click(dialog->findChild<QCheckBox *>(u"createTables"_s));
        auto *batch = dialog->findChild<QSpinBox *>(u"batchRows"_s);
        batch->setFocus();
        QTest::keyClick(batch, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(batch, u"100"_s);
        preview = dialog->findChild<QLabel *>(u"preview"_s)->text();
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    });
    const std::optional<ExportChoice> choice = runChooser(driver);
    QCOMPARE(driver.failure, QString());
    QVERIFY(dialectShown);
    QVERIFY(batchShown);
    QVERIFY(!layoutShown); // a script is one file
    QVERIFY(!csvOptions);
    QVERIFY(!json);
    QCOMPARE(preview, u"Writes "_s + QDir::toNativeSeparators(m_out + u"/load.sql"_s));
    QVERIFY(choice);
    QCOMPARE(choice->formatId, u"sql"_s);
    QVERIFY(choice->options.singleFile);
    QCOMPARE(choice->options.path, m_out + u"/load.sql"_s);
    QCOMPARE(choice->options.dialect, SqlDialect::MySQL);
    QVERIFY(!choice->options.createTables);
    QCOMPARE(choice->options.batchRows, 100);

    QCOMPARE(exportWith(shop(), *choice), QString());
    QFile script(m_out + u"/load.sql"_s);
    QVERIFY(script.open(QIODevice::ReadOnly));
    const QByteArray text = script.readAll();
    QVERIFY(!text.contains("CREATE TABLE"));
    QVERIFY2(text.contains("INSERT INTO `customers`"), text.left(400).constData());
}

void TestExportDialogs::gzipFilterYieldsGzip()
{
    ModalDriver driver;
    QString afterFilter, previewOn, previewOff;
    bool gzipChecked = false, oneFile = false;
    driver.then<QFileDialog>([&](QFileDialog *dialog) {
        QVERIFY(arrowTo(typeCombo(dialog), u"JSON, gzip-compressed (*.json.gz)"_s));
        afterFilter = nameEdit(dialog)->text();
        QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([&](ExportOptionsDialog *dialog) {
        auto *gzip = dialog->findChild<QCheckBox *>(u"gzip"_s);
        gzipChecked = gzip->isChecked();
        oneFile = dialog->findChild<QRadioButton *>(u"oneFile"_s)->isChecked();
        previewOn = dialog->findChild<QLabel *>(u"preview"_s)->text();
        click(gzip);
        previewOff = dialog->findChild<QLabel *>(u"preview"_s)->text();
        click(gzip);
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    const std::optional<ExportChoice> choice = runChooser(driver);
    QCOMPARE(driver.failure, QString());
    QCOMPARE(afterFilter, u"shop.json.gz"_s);
    QVERIFY(gzipChecked);
    QVERIFY(oneFile); // JSON holds all tables in one object
    QCOMPARE(previewOn, u"Writes "_s + QDir::toNativeSeparators(m_out + u"/shop.json.gz"_s));
    QCOMPARE(previewOff, u"Writes "_s + QDir::toNativeSeparators(m_out + u"/shop.json"_s));
    QVERIFY(choice);
    QCOMPARE(choice->formatId, u"json"_s);
    QVERIFY(choice->options.gzip);
    QVERIFY(choice->options.singleFile);
    QCOMPARE(choice->options.path, m_out + u"/shop.json.gz"_s);

    QCOMPARE(exportWith(shop(), *choice), QString());
    QFile file(choice->options.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(2) == "\x1f\x8b");
    // Remembered: the next export starts from the gzip-compressed JSON filter.
    QCOMPARE(ExportSettings(m_settingsFile).lastFormat(), u"json"_s);
    QVERIFY(ExportSettings(m_settingsFile).options(u"json"_s).gzip);
}

void TestExportDialogs::cancelInFileDialog()
{
    ModalDriver driver;
    driver.then<QFileDialog>([](QFileDialog *dialog) { QTest::keyClick(dialog, Qt::Key_Escape); });
    QVERIFY(!runChooser(driver));
    QCOMPARE(driver.failure, QString());
    QVERIFY(driver.done());
    QVERIFY(!QApplication::activeModalWidget()); // no options dialog followed
}

void TestExportDialogs::cancelInOptionsDialog()
{
    ModalDriver driver;
    driver.then<QFileDialog>([this](QFileDialog *dialog) {
        const QString elsewhere = m_dir->filePath(u"elsewhere"_s);
        QVERIFY(QDir().mkpath(elsewhere));
        retype(nameEdit(dialog), elsewhere + u"/data.ndjson"_s);
        // Typing a path opens the completer's list, which would take the Return.
        if (QAbstractItemView *popup = nameEdit(dialog)->completer()->popup(); popup->isVisible())
            QTest::keyClick(popup, Qt::Key_Escape);
        QTest::keyClick(nameEdit(dialog), Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([](ExportOptionsDialog *dialog) {
        click(dialog->findChild<QRadioButton *>(u"perTable"_s));
        QVERIFY(dialog->findChild<QRadioButton *>(u"perTable"_s)->isChecked());
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QVERIFY(!runChooser(driver));
    QCOMPARE(driver.failure, QString());
    QVERIFY(driver.done());
    // Nothing remembered from a cancelled export.
    const ExportSettings settings(m_settingsFile);
    QCOMPARE(settings.lastFolder(), m_out);
    QCOMPARE(settings.lastFormat(), u"csv"_s);
    QVERIFY(settings.options(u"ndjson"_s).singleFile);
}

void TestExportDialogs::csvDelimiterAndNullTextChecked()
{
    // One table: then a single CSV file can hold it.
    ExportOptionsDialog dialog(u"csv"_s, m_out + u"/people.csv"_s, {u"people"_s},
                               ExportSettings(m_settingsFile));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *delimiter = dialog.findChild<QComboBox *>(u"delimiter"_s);
    auto *other = dialog.findChild<QLineEdit *>(u"otherDelimiter"_s);
    auto *nullText = dialog.findChild<QLineEdit *>(u"nullText"_s);
    auto *problem = dialog.findChild<QLabel *>(u"problem"_s);
    auto *ok = dialog.findChild<QPushButton *>(u"okButton"_s);
    QVERIFY(delimiter && other && nullText && problem && ok);
    QVERIFY(dialog.findChild<QRadioButton *>(u"oneFile"_s)->isEnabled());
    QVERIFY(!dialog.findChild<QLabel *>(u"layoutNote"_s)->isVisible());
    QVERIFY(!dialog.findChild<QComboBox *>(u"dialect"_s));
    QVERIFY(!other->isEnabled());
    QVERIFY(ok->isEnabled());
    QVERIFY(!problem->isVisible());

    QVERIFY(arrowTo(delimiter, u"Other:"_s));
    QVERIFY(other->isEnabled());
    QVERIFY(!ok->isEnabled());
    QCOMPARE(problem->text(), u"Type the character that separates the fields."_s);
    retype(other, u"\""_s);
    QVERIFY(!ok->isEnabled());
    retype(other, u"~"_s);
    QVERIFY(ok->isEnabled());
    retype(nullText, u"n~a"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().startsWith(u"The null text must not contain the delimiter"_s));
    retype(nullText, u"n/a"_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(!problem->isVisible());

    QCOMPARE(dialog.options().delimiter, '~');
    QVERIFY(dialog.options().singleFile);
    QCOMPARE(dialog.files(), QStringList{m_out + u"/people.csv"_s});
    QVERIFY(dialog.grab().save(u"/tmp/export_options.png"_s));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(ExportSettings(m_settingsFile).options(u"csv"_s).delimiter, '~');
    QCOMPARE(ExportSettings(m_settingsFile).options(u"csv"_s).nullText, u"n/a"_s);
}

QTEST_MAIN(TestExportDialogs)
#include "tst_export_dialogs.moc"
