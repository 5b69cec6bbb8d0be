#include "RunsPanel.h"

#include "Icons.h"
#include "RunsModel.h"
#include "UiLogging.h"
#include "storage/Repository.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

namespace {

constexpr int kPollMilliseconds = 2000;

} // namespace

RunsPanel::RunsPanel(Repository *storage, const UserRecord &user, QWidget *parent)
    : QWidget(parent)
    , m_storage(storage)
    , m_user(user)
    , m_actor(Actor::of(user))
    , m_model(new RunsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsModel::SortRole);
    m_proxy->setFilterRole(RunsModel::SchemaIdRole);
    m_proxy->setDynamicSortFilter(true);
    m_poll.setSingleShot(true);
    m_poll.setInterval(kPollMilliseconds);
    connect(&m_poll, &QTimer::timeout, this, &RunsPanel::refresh);
    connect(&m_working, &QFutureWatcher<Outcome>::finished, this, &RunsPanel::finished);
    buildActions();
    buildLayout();
    applyFilter();
    refresh();
}

RunsPanel::~RunsPanel()
{
    // The worker uses the storage, which the window may destroy right after this panel.
    m_working.waitForFinished();
}

void RunsPanel::buildActions()
{
    auto make = [this](const QString &objectName, const QString &icon, const QString &text, auto slot) {
        auto *action = new QAction(Icons::get(icon), text, this);
        action->setObjectName(objectName);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_refresh =
        make(QStringLiteral("refresh"), QStringLiteral("refresh"), tr("&Refresh"), &RunsPanel::refresh);
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("Read the runs again (F5)"));
    addAction(m_refresh);
    m_open =
        make(QStringLiteral("openData"), QStringLiteral("table"), tr("&Open Data"), &RunsPanel::openSelected);
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_open->setShortcutContext(Qt::WidgetShortcut); // only while the table has the focus
    m_export =
        make(QStringLiteral("export"), QStringLiteral("export"), tr("&Export…"), &RunsPanel::exportSelected);
    m_delete =
        make(QStringLiteral("delete"), QStringLiteral("delete"), tr("&Delete…"), &RunsPanel::deleteSelected);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
}

void RunsPanel::buildLayout()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("runsToolBar"));
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_refresh);
    bar->addSeparator();
    bar->addAction(m_open);
    bar->addAction(m_export);
    bar->addAction(m_delete);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_thisSchemaOnly = new QCheckBox(tr("This schema &only"), bar);
    m_thisSchemaOnly->setObjectName(QStringLiteral("thisSchemaOnly"));
    m_thisSchemaOnly->setToolTip(tr("Show only the runs of the stored schema open in the window"));
    connect(m_thisSchemaOnly, &QCheckBox::toggled, this, &RunsPanel::applyFilter);
    bar->addWidget(m_thisSchemaOnly);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runs"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunsModel::IdColumn, Qt::DescendingOrder); // newest first
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // a path's folder and file name both stay in sight
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the target, whose paths and URLs take what room is left
    m_table->setColumnHidden(RunsModel::OwnerColumn, m_user.role != Role::Admin);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_table->addActions({m_open, m_export, separator, m_delete, m_refresh});
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_open->isEnabled())
            m_open->trigger();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::updateActions);
    // A run that ends changes what can be done with it.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &RunsPanel::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RunsPanel::updateActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &RunsPanel::updateActions);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    setFocusProxy(m_table);
}

bool RunsPanel::thisSchemaOnly() const
{
    return m_thisSchemaOnly->isChecked();
}

void RunsPanel::setSchemaId(qint64 schemaId)
{
    if (schemaId == m_schemaId)
        return;
    m_schemaId = schemaId;
    applyFilter();
}

void RunsPanel::setThisSchemaOnly(bool only)
{
    m_thisSchemaOnly->setChecked(only);
}

void RunsPanel::applyFilter()
{
    // A schema that is not stored has no runs; the box then stays as the user left it but filters nothing.
    m_thisSchemaOnly->setEnabled(m_schemaId > 0);
    if (m_thisSchemaOnly->isChecked() && m_schemaId > 0)
        m_proxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^%1$").arg(m_schemaId)));
    else
        m_proxy->setFilterRegularExpression(QRegularExpression());
    updateActions();
}

void RunsPanel::refresh()
{
    if (m_busy) {
        m_refreshAgain = true;
        return;
    }
    run({}, Pending{});
}

void RunsPanel::run(std::function<Result<void>()> change, Pending pending)
{
    if (m_busy) { // one worker at a time; the change runs (and reads the list) after the current one
        m_next = Job{std::move(change), std::move(pending)};
        return;
    }
    m_poll.stop();
    if (!m_storage) {
        showMessage(tr("There is no storage to read runs from."));
        emit refreshed();
        return;
    }
    m_pending = std::move(pending);
    m_busy = true;
    updateActions();
    Repository *storage = m_storage;
    const Actor actor = m_actor;
    m_working.setFuture(QtConcurrent::run([storage, actor, change = std::move(change)] {
        Result<void> changed = change ? change() : Result<void>();
        // Read after every change, refused or not: the list shows what the storage holds now, including
        // runs others started meanwhile.
        Result<QList<UserRecord>> users =
            actor.admin ? storage->users(actor) : Result<QList<UserRecord>>(QList<UserRecord>());
        return Outcome{changed, storage->runs(actor, 0), storage->schemas(actor), users};
    }));
}

void RunsPanel::finished()
{
    const Outcome outcome = m_working.result();
    const Pending pending = std::exchange(m_pending, Pending{});
    m_busy = false;
    if (outcome.schemas) {
        QHash<qint64, QString> names;
        for (const SchemaRecord &schema : outcome.schemas.value())
            names.insert(schema.id, schema.name);
        m_model->setSchemaNames(names);
    }
    if (outcome.users) {
        QHash<qint64, QString> names{{m_user.id, m_user.username}};
        for (const UserRecord &user : outcome.users.value())
            names.insert(user.id, user.username);
        m_model->setUserNames(names);
    }
    if (outcome.runs) {
        m_model->setRuns(outcome.runs.value());
        // Fitted once, to the first listing; afterwards the widths are the user's.
        if (!m_fitted && m_model->rowCount() > 0) {
            m_fitted = true;
            m_table->resizeColumnsToContents();
        }
    } else
        qCWarning(lcUi).noquote() << "cannot list the runs:" << outcome.runs.error().toString();

    if (!outcome.change)
        showMessage(pending.failure.arg(outcome.change.error().message));
    else if (!outcome.runs)
        showMessage(tr("Cannot list the runs: %1").arg(outcome.runs.error().message));
    else
        showMessage(pending.success);
    updateActions();

    if (outcome.change && pending.deleted)
        emit runDeleted(pending.deleted);
    emit refreshed();

    if (m_next) {
        Job next = std::move(*m_next);
        m_next.reset();
        m_refreshAgain = false; // the change reads the list again anyway
        run(std::move(next.change), std::move(next.pending));
        return;
    }
    if (std::exchange(m_refreshAgain, false)) {
        refresh();
        return;
    }
    const bool running =
        std::any_of(m_model->runs().begin(), m_model->runs().end(),
                    [](const RunRecord &run) { return run.status == RunRecord::Status::Running; });
    if (running && isVisible())
        m_poll.start();
}

void RunsPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString RunsPanel::message() const
{
    return m_message->text();
}

int RunsPanel::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return m_proxy->mapToSource(rows.first()).row();
}

qint64 RunsPanel::selectedRunId() const
{
    const int row = selectedRow();
    return row < 0 ? 0 : m_model->run(row).id;
}

void RunsPanel::selectRun(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
}

void RunsPanel::updateActions()
{
    const int row = selectedRow();
    const bool stored = row >= 0 && RunsModel::hasStoredRows(m_model->run(row));
    m_refresh->setEnabled(m_storage != nullptr);
    m_open->setEnabled(stored);
    m_export->setEnabled(stored);
    m_delete->setEnabled(row >= 0 && m_storage);
    const QString why = row >= 0 && !stored ? tr("Only a finished run whose rows are kept in storage can be "
                                                 "opened or exported again.")
                                            : QString();
    m_open->setToolTip(why.isEmpty() ? tr("Show the run's rows (Enter)") : why);
    m_export->setToolTip(why.isEmpty() ? tr("Export the run's rows to files") : why);
}

void RunsPanel::openSelected()
{
    const int row = selectedRow();
    if (row >= 0 && RunsModel::hasStoredRows(m_model->run(row)))
        emit openDataRequested(m_model->run(row).id);
}

void RunsPanel::exportSelected()
{
    const int row = selectedRow();
    if (row >= 0 && RunsModel::hasStoredRows(m_model->run(row)))
        emit exportRequested(m_model->run(row).id);
}

void RunsPanel::deleteSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_storage)
        return;
    const RunRecord run = m_model->run(row);
    const QString schema = m_model->index(row, RunsModel::SchemaColumn).data().toString();
    const QString text =
        run.target == QLatin1String("storage")
            ? tr("Delete run %1 of %2 and the rows it keeps in storage?").arg(QString::number(run.id), schema)
            : tr("Delete run %1 of %2 from the list? What it wrote to %3 stays as it is.")
                  .arg(QString::number(run.id), schema, run.target);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Run"), text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirm"));
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel); // Enter on a destructive question keeps everything
    box->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = run.id;
    connect(yes, &QPushButton::clicked, this, [this, id] {
        Repository *storage = m_storage;
        const Actor actor = m_actor;
        Pending pending;
        pending.failure = tr("Cannot delete run %1: %2").arg(id);
        pending.success = tr("Deleted run %1.").arg(id);
        pending.deleted = id;
        this->run([storage, actor, id] { return storage->deleteRun(actor, id); }, pending);
    });
    box->open();
}

} // namespace fabrica
