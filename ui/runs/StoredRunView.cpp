#include "StoredRunView.h"

#include "widgets/GoToRowEdit.h"

#include "StoredRunModel.h"
#include "storage/Repository.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

StoredRunView::StoredRunView(Repository *storage, const UserRecord &user, QWidget *parent)
    : QWidget(parent)
    , m_storage(storage)
    , m_actor(Actor::of(user))
    , m_model(new StoredRunModel(storage, Actor::of(user), this))
    , m_title(new QLabel(this))
    , m_tables(new QComboBox(this))
    , m_goToEdit(new GoToRowEdit(this))
    , m_message(new QLabel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_tables->setObjectName(QStringLiteral("tables"));
    m_tables->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *tableLabel = new QLabel(tr("&Table:"), this);
    tableLabel->setBuddy(m_tables);
    connect(m_tables, &QComboBox::currentIndexChanged, this, &StoredRunView::tableChosen);

    m_goToEdit->setObjectName(QStringLiteral("goToRow"));
    m_goToEdit->setMaximumWidth(16 * fontMetrics().averageCharWidth());
    auto *goToLabel = new QLabel(tr("&Go to row:"), this);
    goToLabel->setBuddy(m_goToEdit);
    connect(m_goToEdit, &GoToRowEdit::rowRequested, this, [this](qint64 row) {
        goToRow(row);
        m_view->setFocus(Qt::OtherFocusReason);
    });

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_view->setObjectName(QStringLiteral("rows"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Every row the same height, so that the view never measures rows it has not fetched.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(14 * fontMetrics().averageCharWidth());
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);

    connect(m_model, &StoredRunModel::failed, this, [this](const QString &message) {
        showMessage(tr("Cannot read the stored rows: %1").arg(message));
    });
    connect(m_model, &StoredRunModel::pageLoaded, this, [this] {
        if (std::exchange(m_fitColumns, false))
            fitColumns();
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_pendingRow = 0;
        m_fitColumns = true;
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::columnsInserted, this, [this] {
        if (m_pendingRow > 0)
            goToRow(m_pendingRow);
    });
    connect(&m_loading, &QFutureWatcher<Loaded>::finished, this, &StoredRunView::loaded);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title);
    bar->addSpacing(fontMetrics().averageCharWidth() * 2);
    bar->addWidget(tableLabel);
    bar->addWidget(m_tables);
    bar->addStretch();
    bar->addWidget(goToLabel);
    bar->addWidget(m_goToEdit);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_view);
    updateStatus();
}

StoredRunView::~StoredRunView()
{
    // The worker uses the storage, which the window may destroy right after this view.
    m_loading.waitForFinished();
}

void StoredRunView::openRun(qint64 runId)
{
    if (!m_storage) {
        showMessage(tr("There is no storage to read run %1 from.").arg(runId));
        return;
    }
    m_loading.waitForFinished(); // a run opened just before: this one replaces it
    showMessage(QString());
    m_title->setText(tr("Run %1").arg(runId));
    Repository *storage = m_storage;
    const Actor actor = m_actor;
    m_loading.setFuture(QtConcurrent::run([storage, actor, runId] {
        Result<RunRecord> run = storage->run(actor, runId);
        Result<Schema> schema = run ? storage->loadSchema(actor, run->schemaId) : Result<Schema>(run.error());
        return Loaded{run, schema};
    }));
}

void StoredRunView::loaded()
{
    const Loaded result = m_loading.result();
    if (!result.run) {
        showMessage(tr("Cannot open the run: %1").arg(result.run.error().message));
        return;
    }
    const RunRecord &run = result.run.value();
    if (run.status != RunRecord::Status::Finished || run.target != QLatin1String("storage")) {
        showMessage(tr("Run %1 kept no rows in storage.").arg(run.id));
        return;
    }
    // The schema's order (as the user arranged the tables), then any table it no longer has.
    QStringList tables;
    QString schemaName;
    if (result.schema) {
        schemaName = result.schema->name;
        for (const Table &table : result.schema->tables) {
            if (run.rowCounts.contains(table.name))
                tables << table.name;
        }
    }
    for (auto it = run.rowCounts.begin(); it != run.rowCounts.end(); ++it) {
        if (!tables.contains(it.key()))
            tables << it.key();
    }
    showRun(run, schemaName, tables);
}

void StoredRunView::showRun(const RunRecord &run, const QString &schemaName, const QStringList &tables)
{
    m_run = run;
    showMessage(QString());
    m_title->setText(schemaName.isEmpty()
                         ? tr("Run %1").arg(run.id)
                         : tr("Run %1 of %2, seed %3")
                               .arg(QString::number(run.id), schemaName, QString::number(run.seed)));
    const QStringList names = tables.isEmpty() ? run.rowCounts.keys() : tables;
    const QLocale locale;
    {
        const QSignalBlocker blocker(m_tables);
        m_tables->clear();
        for (const QString &name : names)
            m_tables->addItem(tr("%1 (%2 rows)").arg(name, locale.toString(run.rowCounts.value(name))), name);
    }
    m_tables->setCurrentIndex(names.isEmpty() ? -1 : 0);
    tableChosen();
    emit opened(run.id);
}

QString StoredRunView::currentTable() const
{
    return m_tables->currentData().toString();
}

void StoredRunView::setCurrentTable(const QString &table)
{
    const int index = m_tables->findData(table);
    if (index >= 0)
        m_tables->setCurrentIndex(index);
}

QStringList StoredRunView::tables() const
{
    QStringList names;
    for (int i = 0; i < m_tables->count(); ++i)
        names << m_tables->itemData(i).toString();
    return names;
}

void StoredRunView::tableChosen()
{
    const QString table = currentTable();
    if (table.isEmpty()) {
        m_model->clear();
        return;
    }
    if (m_model->runId() == m_run.id && m_model->table() == table)
        return;
    m_model->setTable(m_run, table);
    m_view->scrollToTop();
}

void StoredRunView::goToRow(qint64 row)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int target = int(std::clamp<qint64>(row, 1, rows) - 1);
    const QModelIndex current = m_view->currentIndex();
    const QModelIndex index = m_model->index(target, current.isValid() ? current.column() : 0);
    if (!index.isValid()) { // before the first page the columns are not known: go there when they are
        m_pendingRow = row;
        return;
    }
    m_pendingRow = 0;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void StoredRunView::fitColumns()
{
    // To the rows of the first page, which are the ones in sight; a long text keeps to a readable width.
    m_view->resizeColumnsToContents();
    const int widest = 40 * fontMetrics().averageCharWidth();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), widest));
}

QString StoredRunView::message() const
{
    return m_message->text();
}

void StoredRunView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void StoredRunView::updateStatus()
{
    if (m_model->table().isEmpty()) {
        m_status->clear();
        return;
    }
    m_status->setText(
        tr("%1 rows, %2 columns").arg(QLocale().toString(m_model->tableRows())).arg(m_model->columnCount()));
}

} // namespace fabrica
