#include "MainWindow.h"

#include "format/SchemaFile.h"
#include "validate/SchemaValidator.h"

#include <QApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fabrica {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Fabrica"));
    resize(960, 640);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summary = new QLabel(tr("Open a schema file (*.fabrica.json) to see its tables and columns."), central);
    m_summary->setWordWrap(true);
    m_tree = new QTreeWidget(central);
    m_tree->setHeaderLabels({tr("Name"), tr("Type"), tr("Rows"), tr("Constraints")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Schema…"), this, &MainWindow::chooseSchema);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Fabrica"), this, &MainWindow::showAbout);

    m_signedIn = new QLabel(this);
    m_signedIn->setObjectName(QStringLiteral("signedInUser"));
    statusBar()->addPermanentWidget(m_signedIn);
}

bool MainWindow::openSchema(const QString &path)
{
    const Result<Schema> schema = SchemaFile::load(path);
    if (!schema) {
        QMessageBox::warning(this, tr("Cannot open schema"), schema.error().toString());
        return false;
    }
    m_tree->clear();
    for (const Table &table : schema->tables) {
        auto *tableItem =
            new QTreeWidgetItem(m_tree, {table.name, QString(), QLocale().toString(table.rows)});
        for (const Column &column : table.columns) {
            const QString constraints =
                QString::fromUtf8(QJsonDocument(column.constraints).toJson(QJsonDocument::Compact));
            new QTreeWidgetItem(tableItem, {column.name, column.type, QString(), constraints});
        }
    }
    m_tree->expandAll();
    const Problems problems = SchemaValidator().validate(*schema);
    QString summary = tr("%1 — %n table(s)", nullptr, int(schema->tables.size())).arg(schema->name);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const Problem &problem : problems)
            lines.append(problem.path.isEmpty() ? problem.message
                                                : problem.path + QStringLiteral(": ") + problem.message);
        summary += QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    }
    m_summary->setText(summary);
    setWindowFilePath(path);
    return true;
}

void MainWindow::setSignedInUser(const UserRecord &user)
{
    const QString role = user.role == Role::Admin ? tr("administrator") : tr("user");
    m_signedIn->setText(tr("Signed in as %1 (%2)").arg(user.username, role));
}

void MainWindow::chooseSchema()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Schema"), QString(),
                                                      tr("Fabrica schemas (*.fabrica.json);;All files (*)"));
    if (!path.isEmpty())
        openSchema(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Fabrica"),
                       tr("<h3>Fabrica %1</h3><p>Realistic synthetic test data from database schemas.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace fabrica
