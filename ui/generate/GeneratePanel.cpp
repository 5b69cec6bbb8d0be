#include "GeneratePanel.h"

#include "GenerationController.h"
#include "GenerationProgressModel.h"
#include "Icons.h"
#include "ProgressBarDelegate.h"
#include "RowCountDelegate.h"
#include "RowCountsModel.h"
#include "UiLogging.h"
#include "model/ConstraintKeys.h"
#include "settings/MessageLabel.h"

#include <algorithm>
#include <climits>

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValidator>

#include <functional>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

// Accepts a decimal 64-bit unsigned seed (QSpinBox stops at 2^31); an entry left empty is fixed up to
// the seed in use, so Return and leaving the field always end on a valid seed.
class SeedValidator : public QValidator
{
public:
    SeedValidator(std::function<quint64()> current, QObject *parent)
        : QValidator(parent)
        , m_current(std::move(current))
    {}

    State validate(QString &input, int &) const override
    {
        if (input.isEmpty())
            return Intermediate;
        for (const QChar c : std::as_const(input)) {
            if (!c.isDigit())
                return Invalid;
        }
        bool ok = false;
        input.toULongLong(&ok);
        return ok ? Acceptable : Invalid;
    }
    void fixup(QString &input) const override { input = QString::number(m_current()); }

private:
    std::function<quint64()> m_current;
};

QString formatSeconds(double seconds)
{
    if (seconds < 60)
        return GeneratePanel::tr("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10 ? 2 : 1));
    return GenerationProgress::formatDuration(qint64(seconds * 1000));
}

QString formatRate(double rowsPerSecond)
{
    return GeneratePanel::tr("%1 rows/s").arg(QLocale().toString(qint64(rowsPerSecond + 0.5)));
}

constexpr int kTickMs = 250;

} // namespace

GeneratePanel::GeneratePanel(QWidget *parent)
    : QWidget(parent)
    , m_controller(new GenerationController(this))
    , m_rows(new RowCountsModel(this))
    , m_progressModel(new GenerationProgressModel(this))
    , m_ticker(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeSettings());
    layout->addWidget(makeProgressGroup());
    m_result = new MessageLabel(this);
    m_result->setObjectName(u"generateResult"_s);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path wraps, not widens
    layout->addWidget(m_result);
    layout->addStretch(1); // a tall dock keeps the form at the top

    connect(m_controller, &GenerationController::planned, this, &GeneratePanel::onPlanned);
    connect(m_controller, &GenerationController::progressed, this, &GeneratePanel::onProgressed);
    connect(m_controller, &GenerationController::runStarted, this, &GeneratePanel::runStarted);
    connect(m_controller, &GenerationController::finished, this, &GeneratePanel::onFinished);
    connect(m_controller, &GenerationController::failed, this, &GeneratePanel::onFailed);

    m_ticker->setInterval(kTickMs);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        m_progress.setElapsed(m_clock.elapsed());
        showProgress();
    });

    auto *generateShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    generateShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(generateShortcut, &QShortcut::activated, this, [this] {
        if (m_generate->isEnabled())
            requestGenerate();
    });
    auto *enterShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    enterShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(enterShortcut, &QShortcut::activated, generateShortcut, &QShortcut::activated);
    m_cancelShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_cancelShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cancelShortcut, &QShortcut::activated, this, &GeneratePanel::cancel);

    setDefaultThreads(QThread::idealThreadCount());
    setRunning(false);
}

GeneratePanel::~GeneratePanel()
{
    // Cancels and waits while every member its signals reach is still whole.
    delete m_controller;
    m_controller = nullptr;
}

QWidget *GeneratePanel::makeSettings()
{
    auto *settings = new QWidget(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_seedEdit = new QLineEdit(settings);
    m_seedEdit->setObjectName(u"seed"_s);
    m_seedEdit->setValidator(new SeedValidator([this] { return m_seed; }, m_seedEdit));
    m_seedEdit->setText(QString::number(m_seed));
    m_seedEdit->setToolTip(
        tr("The same seed and schema always give the same data (0 to 18446744073709551615)"));
    connect(m_seedEdit, &QLineEdit::textEdited, this, &GeneratePanel::onSeedEdited);
    m_newSeed = new QPushButton(tr("New Seed"), settings);
    m_newSeed->setObjectName(u"newSeed"_s);
    m_newSeed->setIcon(Icons::get(u"refresh"_s));
    m_newSeed->setToolTip(tr("Pick a random seed, for different data"));
    connect(m_newSeed, &QPushButton::clicked, this, &GeneratePanel::newSeed);
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seedEdit, 1);
    seedRow->addWidget(m_newSeed);
    auto *seedLabel = new QLabel(tr("Seed:"), settings);
    seedLabel->setBuddy(m_seedEdit); // a layout as the field gets no buddy of its own
    form->addRow(seedLabel, seedRow);

    m_threads = new QSpinBox(settings);
    m_threads->setObjectName(u"threads"_s);
    m_threads->setRange(1, GenerationRequest::kMaxThreads);
    m_threads->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_threads->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_threads->setToolTip(tr("Threads that generate rows; the data is the same for any number"));
    form->addRow(tr("Threads:"), m_threads);

    m_target = new QComboBox(settings);
    m_target->setObjectName(u"target"_s);
    m_target->addItem(Icons::get(u"table"_s), tr("Preview only"), int(Target::PreviewOnly));
    m_target->addItem(Icons::get(u"save"_s), tr("Save as a run in storage"), int(Target::StoredRun));
    m_target->addItem(Icons::get(u"database"_s), tr("Write into a database…"), int(Target::Database));
    m_target->addItem(Icons::get(u"export"_s), tr("Export to files…"), int(Target::Files));
    m_target->setCurrentIndex(m_target->findData(int(Target::Files)));
    form->addRow(tr("Ta&rget:"), m_target);

    m_rowsView = new QTableView(settings);
    m_rowsView->setObjectName(u"rowCounts"_s);
    m_rowsView->setModel(m_rows);
    m_rowsView->setItemDelegateForColumn(RowCountsModel::RowsColumn, new RowCountDelegate(m_rowsView));
    m_rowsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rowsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rowsView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::AnyKeyPressed);
    m_rowsView->setAlternatingRowColors(true);
    m_rowsView->setShowGrid(false);
    m_rowsView->setWordWrap(false);
    m_rowsView->verticalHeader()->hide();
    m_rowsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rowsView->verticalHeader()->setDefaultSectionSize(m_rowsView->fontMetrics().height() + 10);
    m_rowsView->horizontalHeader()->setSectionResizeMode(RowCountsModel::TableColumn, QHeaderView::Stretch);
    m_rowsView->horizontalHeader()->setSectionResizeMode(RowCountsModel::SchemaRowsColumn,
                                                         QHeaderView::ResizeToContents);
    m_rowsView->horizontalHeader()->setSectionResizeMode(RowCountsModel::RowsColumn,
                                                         QHeaderView::ResizeToContents);
    m_rowsView->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_resetRows = new QAction(Icons::get(u"undo"_s), tr("Reset to Sche&ma"), this);
    m_resetRows->setObjectName(u"resetRowCounts"_s);
    m_resetRows->setToolTip(tr("Generate every table's row count from the schema again"));
    connect(m_resetRows, &QAction::triggered, m_rows, &RowCountsModel::resetToSchema);
    m_rowsView->addAction(m_resetRows);
    m_resetRowsButton = new QToolButton(settings);
    m_resetRowsButton->setDefaultAction(m_resetRows);
    m_resetRowsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_resetRowsButton->setAutoRaise(true);

    auto *rowsLabel = new QLabel(tr("Ro&ws per table:"), settings);
    rowsLabel->setBuddy(m_rowsView);
    auto *rowsHeader = new QHBoxLayout;
    rowsHeader->addWidget(rowsLabel);
    rowsHeader->addStretch(1);
    rowsHeader->addWidget(m_resetRowsButton);

    m_totalRows = new QLabel(settings);
    m_totalRows->setObjectName(u"totalRows"_s);
    auto updateRows = [this] {
        m_resetRows->setEnabled(m_rows->hasOverrides() && !isRunning());
        m_totalRows->setText(tr("Total: %1 rows").arg(QLocale().toString(m_rows->totalRows())));
    };
    connect(m_rows, &RowCountsModel::overridesChanged, this, updateRows);
    connect(m_rows, &QAbstractItemModel::modelReset, this, updateRows);
    connect(m_rows, &QAbstractItemModel::dataChanged, this, updateRows);

    m_generate = new QPushButton(Icons::get(u"generate"_s), tr("&Generate"), settings);
    m_generate->setObjectName(u"generate"_s);
    m_generate->setToolTip(
        tr("Generate the data into the chosen target (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    connect(m_generate, &QPushButton::clicked, this, &GeneratePanel::requestGenerate);
    m_cancel = new QPushButton(Icons::get(u"close"_s), tr("Cancel"), settings);
    m_cancel->setObjectName(u"cancelGenerate"_s);
    m_cancel->setToolTip(tr("Stop the generation; nothing is written (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &GeneratePanel::cancel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_totalRows, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_generate);

    auto *column = new QVBoxLayout(settings);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(form);
    column->addSpacing(4);
    column->addLayout(rowsHeader);
    column->addWidget(m_rowsView);
    column->addLayout(buttons);
    auto fitRows = [this] { fitToRows(m_rowsView, m_rows->rowCount(), 2, 10); };
    connect(m_rows, &QAbstractItemModel::modelReset, this, fitRows);
    fitRows();
    updateRows();
    return settings;
}

QGroupBox *GeneratePanel::makeProgressGroup()
{
    m_progressGroup = new QGroupBox(tr("Progress"), this);
    m_progressGroup->setObjectName(u"generateProgress"_s);
    m_overall = new QProgressBar(m_progressGroup);
    m_overall->setObjectName(u"overallProgress"_s);
    m_overall->setRange(0, 1000); // per mille: row counts pass an int
    m_overall->setValue(0);
    m_overall->setTextVisible(true);
    m_overall->setAlignment(Qt::AlignCenter);

    m_tablesView = new QTableView(m_progressGroup);
    m_tablesView->setObjectName(u"tableProgress"_s);
    m_tablesView->setModel(m_progressModel);
    m_tablesView->setItemDelegateForColumn(
        GenerationProgressModel::ProgressColumn,
        new ProgressBarDelegate(GenerationProgressModel::ShareRole, m_tablesView));
    m_tablesView->setSelectionMode(QAbstractItemView::NoSelection);
    m_tablesView->setFocusPolicy(Qt::NoFocus);
    m_tablesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tablesView->setShowGrid(false);
    m_tablesView->setWordWrap(false);
    m_tablesView->verticalHeader()->hide();
    m_tablesView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tablesView->verticalHeader()->setDefaultSectionSize(m_tablesView->fontMetrics().height() + 12);
    QHeaderView *header = m_tablesView->horizontalHeader();
    header->setSectionResizeMode(GenerationProgressModel::TableColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(GenerationProgressModel::ProgressColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(GenerationProgressModel::RowsColumn, QHeaderView::ResizeToContents);
    connect(m_progressModel, &QAbstractItemModel::modelReset, this, &GeneratePanel::fitTablesView);

    // Rate, elapsed and remaining as three captioned figures side by side.
    auto *numbers = new QGridLayout;
    numbers->setHorizontalSpacing(16);
    numbers->setVerticalSpacing(0);
    auto addFigure = [this, numbers](int column, const QString &caption, const QString &name) {
        auto *title = new QLabel(caption, m_progressGroup);
        title->setForegroundRole(QPalette::PlaceholderText);
        QFont small = title->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        title->setFont(small);
        auto *value = new QLabel(tr("—"), m_progressGroup);
        value->setObjectName(name);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        numbers->addWidget(title, 0, column);
        numbers->addWidget(value, 1, column);
        numbers->setColumnStretch(column, 1);
        return value;
    };
    m_rate = addFigure(0, tr("Rate"), u"generateRate"_s);
    m_elapsed = addFigure(1, tr("Elapsed"), u"generateElapsed"_s);
    m_remaining = addFigure(2, tr("Remaining"), u"generateRemaining"_s);

    auto *layout = new QVBoxLayout(m_progressGroup);
    layout->addWidget(m_overall);
    layout->addWidget(m_tablesView);
    layout->addLayout(numbers);
    fitTablesView();
    m_progressGroup->hide(); // until the first run
    return m_progressGroup;
}

void GeneratePanel::fitTablesView()
{
    // Every table of a small schema stays in sight while it runs; a big one scrolls from the fourth on.
    fitToRows(m_tablesView, m_progressModel->rowCount(), std::clamp(m_progressModel->rowCount(), 1, 4), 6);
}

void GeneratePanel::fitToRows(QTableView *view, int rows, int minRows, int maxRows)
{
    // Grows with its rows up to maxRows, then scrolls; shrinks to minRows in a small dock.
    const int chrome = view->horizontalHeader()->sizeHint().height() + 2 * view->frameWidth();
    const int row = view->verticalHeader()->defaultSectionSize();
    view->setMinimumHeight(chrome + minRows * row);
    view->setMaximumHeight(chrome + std::clamp(rows, minRows, maxRows) * row);
}

void GeneratePanel::setSchema(const Schema &schema)
{
    m_rows->setSchema(schema);
}

void GeneratePanel::setSeed(quint64 seed)
{
    if (m_seedEdit->text() != QString::number(seed))
        m_seedEdit->setText(QString::number(seed));
    if (seed == m_seed)
        return;
    m_seed = seed;
    emit seedChanged(seed);
}

QHash<QString, qint64> GeneratePanel::rowOverrides() const
{
    return m_rows->overrides();
}

int GeneratePanel::threads() const
{
    return m_threads->value();
}

void GeneratePanel::setDefaultThreads(int threads)
{
    m_threads->setValue(std::clamp(threads, 1, GenerationRequest::kMaxThreads));
}

GeneratePanel::Target GeneratePanel::target() const
{
    return Target(m_target->currentData().toInt());
}

void GeneratePanel::setTarget(Target target)
{
    m_target->setCurrentIndex(m_target->findData(int(target)));
}

void GeneratePanel::setTargetEnabled(Target target, bool enabled, const QString &reason)
{
    auto *model = qobject_cast<QStandardItemModel *>(m_target->model());
    QStandardItem *item = model ? model->item(m_target->findData(int(target))) : nullptr;
    if (!item)
        return;
    item->setEnabled(enabled);
    item->setToolTip(enabled ? QString() : reason);
    if (!enabled && this->target() == target) {
        // Fall back to the first target still available.
        for (int i = 0; i < m_target->count(); ++i) {
            if (model->item(i)->isEnabled()) {
                m_target->setCurrentIndex(i);
                break;
            }
        }
    }
}

bool GeneratePanel::run(const GenerationRequest &request, const GenerationRunner::Context &context)
{
    if (isRunning())
        return false;
    m_runTarget = request.target;
    m_runWhere = request.targetDescription();
    m_runSchema = request.schema;
    m_progress.reset({});
    m_progressModel->clear();
    m_result->setMessage(QString());
    m_progressGroup->show();
    if (!m_controller->start(request, context))
        return false;
    m_clock.start();
    m_ticker->start();
    setRunning(true);
    showProgress();
    emit statusMessage(tr("Generating into %1…").arg(m_runWhere));
    return true;
}

bool GeneratePanel::isRunning() const
{
    return m_controller && m_controller->isRunning();
}

void GeneratePanel::cancel()
{
    if (!isRunning())
        return;
    m_controller->cancel();
    m_cancel->setEnabled(false);
    m_overall->setFormat(tr("Cancelling…"));
    emit statusMessage(tr("Cancelling the generation…"));
}

QString GeneratePanel::resultText() const
{
    return m_result->text();
}

void GeneratePanel::requestGenerate()
{
    if (isRunning())
        return;
    if (!m_seedEdit->hasAcceptableInput())
        m_seedEdit->setText(QString::number(m_seed));
    emit generateRequested(target());
}

void GeneratePanel::newSeed()
{
    quint64 seed = QRandomGenerator::global()->generate64();
    if (seed == m_seed)
        ++seed;
    setSeed(seed);
}

void GeneratePanel::onSeedEdited(const QString &text)
{
    bool ok = false;
    const quint64 seed = text.toULongLong(&ok);
    if (ok && seed != m_seed) {
        m_seed = seed;
        emit seedChanged(seed);
    }
}

void GeneratePanel::setRunning(bool running)
{
    for (QWidget *input :
         std::initializer_list<QWidget *>{m_seedEdit, m_newSeed, m_threads, m_target, m_rowsView})
        input->setEnabled(!running);
    m_resetRows->setEnabled(!running && m_rows->hasOverrides());
    m_generate->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_cancelShortcut->setEnabled(running);
    if (running)
        m_ticker->start();
    else
        m_ticker->stop();
}

void GeneratePanel::onPlanned(const QList<GenerationRunner::TablePlanInfo> &tables)
{
    m_progress.reset(tables);
    m_progress.setElapsed(m_clock.elapsed());
    showProgress();
}

void GeneratePanel::onProgressed(const GenerationJob::Progress &progress)
{
    m_progress.update(progress, m_clock.elapsed());
    showProgress();
}

void GeneratePanel::showProgress()
{
    m_progressModel->setProgress(m_progress);
    const bool planned = m_progress.tableCount() > 0 || m_progress.isComplete();
    if (!isRunning() || m_cancel->isEnabled()) { // "Cancelling…" stays until the run has stopped
        m_overall->setFormat(planned ? tr("%1 % · %2 of %3 rows")
                                           .arg(int(m_progress.share() * 100))
                                           .arg(QLocale().toString(m_progress.rowsDone()),
                                                QLocale().toString(m_progress.rowsTotal()))
                                     : tr("Preparing…"));
    }
    m_overall->setValue(int(m_progress.share() * 1000 + 0.5));
    m_rate->setText(m_progress.rowsDone() > 0 ? formatRate(m_progress.rowsPerSecond()) : tr("—"));
    m_elapsed->setText(GenerationProgress::formatDuration(m_progress.elapsedMs()));
    const qint64 remaining = m_progress.remainingMs();
    // Rounded up: a run with half a second left does not say 0:00.
    m_remaining->setText(remaining < 0 ? tr("—") : GenerationProgress::formatDuration(remaining + 499));
}

void GeneratePanel::onFinished(const GenerationRunner::Outcome &outcome)
{
    setRunning(false);
    m_progress.complete(qint64(outcome.summary.seconds * 1000));
    showProgress();
    m_rate->setText(
        formatRate(outcome.summary.seconds > 0 ? outcome.summary.rows / outcome.summary.seconds : 0));
    const QString text = describeOutcome(outcome);
    const QStringList shortened = describeShortened(outcome.summary.shortened, m_runSchema);
    m_result->setMessage(shortened.isEmpty() ? text
                                             : text + QLatin1Char('\n') + shortened.join(QLatin1Char('\n')),
                         MessageLabel::Kind::Success);
    emit statusMessage(shortened.isEmpty()
                           ? text
                           : tr("%1; values shortened in %n column(s), see the Generate panel", nullptr,
                                int(shortened.size()))
                                 .arg(text));
    emit runFinished(outcome);
}

void GeneratePanel::onFailed(const Error &error)
{
    setRunning(false);
    m_progress.setElapsed(m_clock.elapsed());
    showProgress();
    m_remaining->setText(tr("—"));
    if (error.code == ErrorCode::Cancelled) {
        m_overall->setFormat(tr("Cancelled"));
        const QString text = tr("Cancelled; nothing was written");
        m_result->setMessage(text);
        emit statusMessage(text);
        emit runFailed(error);
        return;
    }
    m_overall->setFormat(tr("Failed"));
    const QString message = error.toString();
    m_result->setMessage(tr("Failed: %1").arg(message), MessageLabel::Kind::Error);
    emit statusMessage(tr("The generation failed: %1").arg(message));
    emit runFailed(error);
    // Not exec(): the window stays live behind the message and this slot returns at once.
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Generation Failed"),
                                tr("The data could not be generated into %1.").arg(m_runWhere),
                                QMessageBox::Ok, this);
    box->setObjectName(u"generateError"_s);
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QStringList GeneratePanel::describeShortened(const QMap<QString, qint64> &shortened, const Schema &schema)
{
    QStringList lines;
    for (auto it = shortened.begin(); it != shortened.end(); ++it) {
        // "table.column": the table's name has no '.' (SchemaSession refuses one), the column's may not
        // either.
        const qsizetype dot = it.key().indexOf(QLatin1Char('.'));
        QString declared;
        if (const int t = schema.tableIndex(it.key().left(dot)); dot > 0 && t >= 0) {
            const Table &table = schema.tables[t];
            if (const int c = table.columnIndex(it.key().mid(dot + 1)); c >= 0)
                declared = table.columns[c].constraints.value(keys::sqlType).toString();
        }
        const int count = int(std::min<qint64>(it.value(), INT_MAX));
        const QString number = QLocale().toString(it.value());
        lines << (declared.isEmpty()
                      ? tr("%1: %2 value(s) shortened to fit the column's declared size", nullptr, count)
                            .arg(it.key(), number)
                      : tr("%1: %2 value(s) shortened to fit %3", nullptr, count)
                            .arg(it.key(), number, declared));
    }
    return lines;
}

QString GeneratePanel::describeOutcome(const GenerationRunner::Outcome &outcome) const
{
    const GenerationJob::Summary &summary = outcome.summary;
    const QString rows = QLocale().toString(summary.rows);
    const QString bytes = QLocale().formattedDataSize(summary.bytes);
    const QString time = formatSeconds(summary.seconds);
    const QString rate = formatRate(summary.seconds > 0 ? summary.rows / summary.seconds : 0);
    switch (m_runTarget) {
    case GenerationRequest::Target::Files:
    case GenerationRequest::Target::Download: // an API run; the panel never starts one
        return tr("Exported %1 rows (%2) in %3, %4, to %5").arg(rows, bytes, time, rate, outcome.target);
    case GenerationRequest::Target::Database:
        return tr("Wrote %1 rows (%2) in %3, %4, into %5").arg(rows, bytes, time, rate, outcome.target);
    case GenerationRequest::Target::StoredRun:
        return tr("Saved %1 rows (%2) in %3, %4, as run %5 in storage")
            .arg(rows, bytes, time, rate, QString::number(outcome.runId));
    }
    return {};
}

} // namespace fabrica
