// The window's icon set: compiled into fabrica_ui, every icon rendered by the SVG plugin at small and
// high-DPI sizes, and every name the workbench's actions use present.

#include "Icons.h"

#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QPixmap>
#include <QRegularExpression>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// The names the workbench's menus, toolbars and views ask for (issue 9, item 8).
const QStringList kRequired = {
    u"app"_s,       u"new"_s,         u"open"_s,        u"save"_s,      u"save-as"_s,    u"import"_s,
    u"export"_s,    u"undo"_s,        u"redo"_s,        u"add-table"_s, u"add-column"_s, u"delete"_s,
    u"duplicate"_s, u"rename"_s,      u"move-up"_s,     u"move-down"_s, u"schema"_s,     u"table"_s,
    u"column"_s,    u"primary-key"_s, u"foreign-key"_s, u"unique"_s,    u"not-null"_s,   u"error"_s,
    u"warning"_s,   u"info"_s,        u"search"_s,      u"filter"_s,    u"examples"_s,   u"refresh"_s,
    u"validate"_s,  u"generate"_s,    u"database"_s,    u"file"_s,      u"user"_s,       u"admin"_s,
    u"history"_s,   u"problems"_s,    u"settings"_s,    u"close"_s,     u"expand"_s,     u"collapse"_s,
    u"recent"_s,    u"paste"_s,       u"csv"_s,
};

struct Coverage
{
    qsizetype visible = 0;     // alpha > 0
    qsizetype transparent = 0; // alpha == 0
};

Coverage coverageOf(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    Coverage coverage;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) > 0)
                ++coverage.visible;
            else
                ++coverage.transparent;
        }
    }
    return coverage;
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void resourceIsLinkedIntoTheBinary();
    void namesCoverEveryRequiredIcon();
    void everyIconRenders_data();
    void everyIconRenders();
    void iconsAreCachedPerName();
    void unknownNameIsNullAndWarnsOnce();
    void appIconHasLargePixmap();
};

void TestIcons::initTestCase()
{
    // Without Debian's libqt6svg6 every icon would be blank; say so instead of failing icon by icon.
    QVERIFY2(QImageReader::supportedImageFormats().contains("svg"),
             "Qt's SVG image plugin is missing (install qt6-svg-dev / libqt6svg6)");
}

void TestIcons::resourceIsLinkedIntoTheBinary()
{
    QFile file(u":/fabrica/ui/icons/table.svg"_s);
    QVERIFY2(file.open(QIODevice::ReadOnly), "fabrica_ui's resource is not linked into the test");
    const QByteArray svg = file.readAll();
    QVERIFY(svg.startsWith("<svg"));
    QVERIFY(svg.contains("viewBox=\"0 0 24 24\""));
}

void TestIcons::namesCoverEveryRequiredIcon()
{
    const QStringList names = Icons::names();
    QVERIFY(!names.contains(u"app-256"_s)); // only SVGs are icon names
    for (const QString &name : kRequired)
        QVERIFY2(names.contains(name), qPrintable(u"missing icon: "_s + name));
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);
}

void TestIcons::everyIconRenders_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : Icons::names())
        QTest::newRow(qPrintable(name)) << name;
}

void TestIcons::everyIconRenders()
{
    QFETCH(QString, name);
    const QIcon icon = Icons::get(name);
    QVERIFY(!icon.isNull());

    for (const int size : {16, 32}) {
        const QPixmap pixmap = icon.pixmap(QSize(size, size));
        QCOMPARE(pixmap.size(), QSize(size, size));
        const Coverage coverage = coverageOf(pixmap);
        // Drawn, not a blank or a solid square: some ink, and a transparent background around it.
        QVERIFY2(
            coverage.visible >= size * size / 20,
            qPrintable(u"%1 at %2 px has %3 visible pixels"_s.arg(name).arg(size).arg(coverage.visible)));
        QVERIFY(coverage.transparent > 0);
    }

    // Vector, so a 2x screen gets a full-resolution pixmap rather than an upscaled one.
    const QPixmap hiDpi = icon.pixmap(QSize(24, 24), 2.0);
    QCOMPARE(hiDpi.size(), QSize(48, 48));
    QCOMPARE(hiDpi.devicePixelRatio(), 2.0);
    QVERIFY(coverageOf(hiDpi).visible >= 48 * 48 / 20);
}

void TestIcons::iconsAreCachedPerName()
{
    QCOMPARE(Icons::get(u"table"_s).cacheKey(), Icons::get(u"table"_s).cacheKey());
    QVERIFY(Icons::get(u"table"_s).cacheKey() != Icons::get(u"column"_s).cacheKey());
}

void TestIcons::unknownNameIsNullAndWarnsOnce()
{
    const QRegularExpression warning(u"No icon named .*no-such-icon"_s);
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning); // a second warning for the same name fails the test
    QVERIFY(Icons::get(u"no-such-icon"_s).isNull());
    QVERIFY(Icons::get(u"no-such-icon"_s).isNull());
}

void TestIcons::appIconHasLargePixmap()
{
    const QIcon icon = Icons::appIcon();
    QVERIFY(!icon.isNull());
    const QImage image = icon.pixmap(QSize(256, 256)).toImage();
    QCOMPARE(image.size(), QSize(256, 256));
    QCOMPARE(qAlpha(image.pixel(128, 128)), 255); // the logo's tile is opaque in the middle
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);       // and has rounded corners
    QVERIFY(!QPixmap(u":/fabrica/ui/icons/app-256.png"_s).isNull());
}

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
