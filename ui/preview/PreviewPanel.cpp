#include "PreviewPanel.h"

#include "widgets/GoToRowEdit.h"

#include "PreviewModel.h"
#include "UiLogging.h"
#include "session/SchemaSession.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace fabrica {

namespace {

constexpr int kMaxInitialColumnWidth = 320; // a long text column must not push the others out of sight
constexpr int kMeasuredLastRows = 20;

} // namespace

PreviewPanel::PreviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_tablePicker(new QComboBox(this))
    , m_seedEdit(new QLineEdit(this))
    , m_goToEdit(new GoToRowEdit(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTableView(this))
    , m_message(new QLabel(this))
    , m_status(new QLabel(this))
    , m_model(new PreviewModel(this))
{
    m_tablePicker->setObjectName(QStringLiteral("previewTablePicker"));
    m_tablePicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tablePicker->setMinimumContentsLength(12);
    m_seedEdit->setObjectName(QStringLiteral("previewSeed"));
    m_seedEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,20}")), m_seedEdit));
    m_seedEdit->setText(QString::number(m_seed));
    m_seedEdit->setToolTip(tr("The same seed gives the same data, here and in every export."));
    m_seedEdit->setMaximumWidth(m_seedEdit->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 22);
    m_goToEdit->setObjectName(QStringLiteral("previewGoToRow"));

    auto *tableLabel = new QLabel(tr("Ta&ble:"), this);
    tableLabel->setBuddy(m_tablePicker);
    auto *seedLabel = new QLabel(tr("Seed:"), this);
    seedLabel->setBuddy(m_seedEdit);
    auto *goToLabel = new QLabel(tr("Go to row:"), this);
    goToLabel->setBuddy(m_goToEdit);
    auto *bar = new QHBoxLayout;
    bar->addWidget(tableLabel);
    bar->addWidget(m_tablePicker);
    bar->addSpacing(12);
    bar->addWidget(seedLabel);
    bar->addWidget(m_seedEdit);
    bar->addStretch(1);
    bar->addWidget(goToLabel);
    bar->addWidget(m_goToEdit);

    m_view->setObjectName(QStringLiteral("previewTable"));
    m_view->setModel(m_model);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // One fixed row height: the view then never measures rows, so 3,000,000 of them cost what 40 do.
    QHeaderView *rows = m_view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setResizeContentsPrecision(100); // rows measured when fitting a column to its values
    columns->setHighlightSections(false);

    m_message->setObjectName(QStringLiteral("previewMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);

    m_status->setObjectName(QStringLiteral("previewStatus"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    m_timer.setSingleShot(true);
    m_timer.setInterval(40);
    connect(&m_timer, &QTimer::timeout, this, &PreviewPanel::start);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &PreviewPanel::finished);
    connect(m_tablePicker, &QComboBox::activated, this, &PreviewPanel::selectTable);
    connect(m_seedEdit, &QLineEdit::editingFinished, this, &PreviewPanel::seedEdited);
    connect(m_goToEdit, &GoToRowEdit::rowRequested, this, [this](qint64 row) {
        goToRow(row);
        m_view->setFocus(Qt::OtherFocusReason);
    });

    showMessage(tr("No schema to preview."));
}

PreviewPanel::~PreviewPanel()
{
    // ~QWidget takes the focus from the line edits, which then report editingFinished to a panel that is
    // no more; the session may also outlive the panel.
    m_seedEdit->disconnect(this);
    m_goToEdit->disconnect(this);
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->document(), nullptr, this, nullptr);
    }
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void PreviewPanel::setSession(SchemaSession *session)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->document(), nullptr, this, nullptr);
    }
    m_session = session;
    m_tableIndex = m_session && m_session->document()->tableCount() > 0 ? 0 : -1;
    ++m_tableSerial;
    m_pendingRow = 0;
    if (m_session)
        connectDocument();
    updateTablePicker();
    refreshNow();
    announceTable();
}

void PreviewPanel::connectDocument()
{
    SchemaDocument *document = m_session->document();
    connect(m_session, &QObject::destroyed, this, [this] {
        m_session = nullptr; // its document goes with it; the signals are gone
        setSession(nullptr);
    });
    // Follow the shown table through edits, as a persistent index would.
    connect(document, &SchemaDocument::tableInserted, this, [this](int index) {
        if (m_tableIndex < 0) {
            m_tableIndex = index;
            ++m_tableSerial;
        } else if (index <= m_tableIndex) {
            ++m_tableIndex;
        }
    });
    connect(document, &SchemaDocument::tableRemoved, this, [this](int index) {
        if (index < m_tableIndex)
            --m_tableIndex;
        else if (index == m_tableIndex) {
            // The table that takes its place, or the one before it at the end.
            m_tableIndex = std::min(index, m_session->document()->tableCount() - 1);
            ++m_tableSerial;
        }
    });
    connect(document, &SchemaDocument::tableMoved, this, [this](int from, int to) {
        if (m_tableIndex == from)
            m_tableIndex = to;
        else if (from < m_tableIndex && m_tableIndex <= to)
            --m_tableIndex;
        else if (to <= m_tableIndex && m_tableIndex < from)
            ++m_tableIndex;
    });
    connect(document, &SchemaDocument::aboutToBeReset, this, [this] { m_pendingRow = 0; });
    connect(document, &SchemaDocument::wasReset, this, [this] {
        const QString name = m_model->source() ? m_model->source()->table() : QString();
        const int index = m_session->schema().tableIndex(name);
        if (index < 0 || index != m_tableIndex) {
            m_tableIndex = index >= 0 ? index : (m_session->document()->tableCount() > 0 ? 0 : -1);
            ++m_tableSerial;
        }
    });
    connect(document, &SchemaDocument::changed, this, [this] {
        updateTablePicker();
        announceTable(); // renamed, or another table in place of a removed one
        scheduleRefresh();
    });
}

bool PreviewPanel::showTable(const QString &name)
{
    const int index = m_session ? m_session->schema().tableIndex(name) : -1;
    if (index < 0)
        return false;
    selectTable(index);
    return true;
}

void PreviewPanel::selectTable(int index)
{
    if (index == m_tableIndex)
        return;
    m_tableIndex = index;
    ++m_tableSerial;
    m_pendingRow = 0;
    updateTablePicker();
    refreshNow();
    announceTable();
}

void PreviewPanel::announceTable()
{
    const QString name = currentTable();
    if (name == m_announcedTable)
        return;
    m_announcedTable = name;
    emit currentTableChanged(name);
}

QString PreviewPanel::currentTable() const
{
    if (!m_session || m_tableIndex < 0 || m_tableIndex >= m_session->document()->tableCount())
        return {};
    return m_session->document()->table(m_tableIndex).name;
}

void PreviewPanel::updateTablePicker()
{
    QStringList names;
    if (m_session) {
        for (const Table &table : m_session->schema().tables)
            names << table.name;
    }
    const QSignalBlocker blocker(m_tablePicker);
    bool same = m_tablePicker->count() == names.size();
    for (int i = 0; same && i < names.size(); ++i)
        same = m_tablePicker->itemText(i) == names.at(i);
    if (!same) {
        m_tablePicker->clear();
        m_tablePicker->addItems(names);
    }
    m_tablePicker->setCurrentIndex(m_tableIndex);
    m_tablePicker->setEnabled(!names.isEmpty());
}

void PreviewPanel::setSeed(quint64 seed)
{
    m_seedEdit->setText(QString::number(seed));
    if (seed == m_seed)
        return;
    m_seed = seed;
    refreshNow();
    emit seedChanged(seed);
}

void PreviewPanel::seedEdited()
{
    bool ok = false;
    const quint64 seed = m_seedEdit->text().toULongLong(&ok);
    if (ok)
        setSeed(seed);
    else
        m_seedEdit->setText(QString::number(m_seed)); // beyond 18446744073709551615
}

void PreviewPanel::scheduleRefresh()
{
    ++m_generation;
    m_timer.start();
}

void PreviewPanel::refreshNow()
{
    ++m_generation;
    m_timer.stop();
    start();
}

void PreviewPanel::start()
{
    if (!m_session || m_tableIndex < 0) {
        m_model->setSource(nullptr);
        m_shownSerial = m_tableSerial;
        showMessage(m_session ? tr("The schema has no tables to preview.") : tr("No schema to preview."));
        updateStatus();
        emit refreshed();
        return;
    }
    if (m_running) {
        m_pending = true;
        return;
    }
    m_pending = false;
    m_running = true;
    // A copy (implicitly shared, so cheap until the next edit): the worker must not read the document
    // while the GUI thread edits it. Compiling a table that reaches many others can take a while.
    const Schema schema = m_session->schema();
    const int table = m_tableIndex;
    const quint64 seed = m_seed;
    const quint64 generation = m_generation;
    const quint64 serial = m_tableSerial;
    m_watcher.setFuture(QtConcurrent::run([schema, table, seed, generation, serial] {
        QElapsedTimer timer;
        timer.start();
        Outcome outcome;
        outcome.generation = generation;
        outcome.table = serial;
        Result<std::shared_ptr<const RowWindow>> window =
            RowWindow::open(schema, table, Plan::Options{seed, {}});
        if (window)
            outcome.window = std::move(window).value();
        else
            outcome.error = window.error();
        qCDebug(lcUi) << "preview of" << schema.tables.at(table).name << "compiled in" << timer.elapsed()
                      << "ms";
        return outcome;
    }));
}

void PreviewPanel::finished()
{
    m_running = false;
    const Outcome outcome = m_watcher.result();
    if (outcome.generation == m_generation)
        apply(outcome);
    else if (!m_timer.isActive())
        m_pending = true; // edited since, and no refresh is waiting for the delay: run one now
    if (m_pending)
        start();
}

void PreviewPanel::apply(const Outcome &outcome)
{
    if (!outcome.window) {
        const Error &error = outcome.error;
        showMessage(error.where.path.isEmpty()
                        ? tr("No preview: %1").arg(error.message)
                        //: %1 is the place in the schema (table.column), %2 what is wrong there.
                        : tr("No preview: %1: %2").arg(error.where.path, error.message));
        updateStatus();
        emit refreshed();
        return;
    }
    // The same table as shown: keep the place the user is looking at, even where the model is reset.
    const bool sameTable = outcome.table == m_shownSerial && m_model->source();
    const int top = m_view->verticalScrollBar()->value();
    const int left = m_view->horizontalScrollBar()->value();
    const QModelIndex current = m_view->currentIndex();
    const bool rowSelected = current.isValid() && m_view->selectionModel()->isRowSelected(current.row());
    QHash<QString, int> widths;
    for (int c = 0; c < m_model->columnCount(); ++c)
        widths.insert(m_model->headerData(c, Qt::Horizontal).toString(), m_view->columnWidth(c));

    m_model->setSource(outcome.window, sameTable ? m_model->firstRow() : 0);
    m_shownSerial = outcome.table;
    m_view->doItemsLayout(); // scroll ranges for the new row count now, so that positions can be set
    if (sameTable) {
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const int width = widths.value(m_model->headerData(c, Qt::Horizontal).toString(), -1);
            if (width > 0)
                m_view->setColumnWidth(c, width);
        }
        if (current.isValid() && m_model->rowCount() > 0 && m_model->columnCount() > 0) {
            const QModelIndex restored =
                m_model->index(std::min(current.row(), m_model->rowCount() - 1),
                               std::min(current.column(), m_model->columnCount() - 1));
            m_view->selectionModel()->setCurrentIndex(
                restored, rowSelected ? QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows
                                      : QItemSelectionModel::ClearAndSelect);
        }
        m_view->verticalScrollBar()->setValue(top);
        m_view->horizontalScrollBar()->setValue(left);
    } else {
        m_view->scrollToTop();
        fitColumns();
    }
    m_stack->setCurrentWidget(m_view);
    m_message->clear();
    updateStatus();
    if (m_pendingRow > 0) {
        const qint64 row = m_pendingRow;
        m_pendingRow = 0;
        goToRow(row);
    }
    emit refreshed();
}

void PreviewPanel::fitColumns()
{
    // The first rows measured by the view, and the last ones by hand: keys and dates grow wider towards
    // the end (an id of 3000000 against 1), and the user jumps there.
    m_view->resizeColumnsToContents();
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding =
        2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1) + 4;
    const int rows = m_model->rowCount();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        int width = m_view->columnWidth(c);
        for (int row = std::max(0, rows - kMeasuredLastRows); row < rows; ++row)
            width = std::max(width,
                             metrics.horizontalAdvance(m_model->index(row, c).data().toString()) + padding);
        m_view->setColumnWidth(c, std::min(width, kMaxInitialColumnWidth));
    }
}

void PreviewPanel::goToRow(qint64 row)
{
    const bool ready =
        m_model->source() && m_shownSerial == m_tableSerial && m_stack->currentWidget() == m_view;
    if (!ready) {
        m_pendingRow = row;
        return;
    }
    const qint64 rows = m_model->tableRows();
    if (rows == 0)
        return;
    const qint64 target = std::clamp<qint64>(row, 1, rows) - 1;
    if (m_model->modelRow(target) < 0) {
        // Beyond the rows the view is offered: offer those around the target instead.
        m_model->setFirstRow(target - m_model->viewRows() / 2);
        m_view->doItemsLayout();
        updateStatus();
    }
    const QModelIndex current = m_view->currentIndex();
    const QModelIndex index =
        m_model->index(m_model->modelRow(target), current.isValid() ? current.column() : 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

QString PreviewPanel::message() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void PreviewPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

// The row numbers' column as wide as the table's last number from the start: left to itself it widens at
// 10, 100, 1,000 … and each widening lays the whole view out again (a screenful then took 30 ms, not 8).
void PreviewPanel::fitRowHeader()
{
    const qint64 rows = m_model->tableRows();
    const int digits = int(QString::number(std::max<qint64>(rows, 1)).size());
    QHeaderView *header = m_view->verticalHeader();
    const int margin = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    const int width = header->fontMetrics().horizontalAdvance(QString(digits, QLatin1Char('8'))) + margin + 8;
    if (header->width() != width)
        header->setFixedWidth(width);
}

void PreviewPanel::updateStatus()
{
    fitRowHeader();
    if (m_stack->currentWidget() != m_view || !m_model->source()) {
        m_status->clear();
        return;
    }
    const qint64 rows = m_model->tableRows();
    QString text = tr("%1: %2 rows, %3 columns, seed %4")
                       .arg(m_model->source()->table(), locale().toString(rows))
                       .arg(m_model->columnCount())
                       .arg(m_seed);
    if (rows > m_model->rowCount()) {
        //: %1 and %2 are row numbers: the part of a very big table the view scrolls through now.
        text += QLatin1Char(' ') + tr("(rows %1 to %2 in view; Go to row reaches the others)")
                                       .arg(locale().toString(m_model->firstRow() + 1),
                                            locale().toString(m_model->firstRow() + m_model->rowCount()));
    }
    m_status->setText(text);
}

} // namespace fabrica
