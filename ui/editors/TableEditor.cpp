#include "TableEditor.h"

#include "Icons.h"
#include "delegates/ColumnGridDelegate.h"
#include "models/ColumnTableModel.h"
#include "session/SchemaSession.h"

#include <QAction>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

constexpr int kMaxRows = 2'000'000'000;

// Sets a field to the document's value unless the user is typing something not yet in the document.
void showValue(QLineEdit *field, const QString &value, QString &shown)
{
    const bool typing = field->hasFocus() && value == shown;
    if (field->text() != value && !typing)
        field->setText(value);
    shown = value;
}

} // namespace

TableEditor::TableEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new ColumnTableModel(this))
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_rows(new QSpinBox(this))
    , m_problemsLabel(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_grid(new QTableView(this))
{
    m_name->setObjectName(u"tableName"_s);
    m_name->setPlaceholderText(tr("e.g. orders"));
    m_nameInvalid = m_name->addAction(Icons::get(u"error"_s), QLineEdit::TrailingPosition);
    m_nameInvalid->setVisible(false);
    connect(m_name, &QLineEdit::textEdited, this, &TableEditor::onNameEdited);
    connect(m_name, &QLineEdit::editingFinished, this, &TableEditor::onNameFinished);

    m_description->setObjectName(u"tableDescription"_s);
    m_description->setPlaceholderText(tr("What the table holds (optional)"));
    connect(m_description, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (hasTable())
            m_session->setTableDescription(tableIndex(), text);
    });

    m_rows->setObjectName(u"tableRows"_s);
    m_rows->setRange(0, kMaxRows);
    m_rows->setGroupSeparatorShown(true);
    m_rows->setAccelerated(true);
    // One value per finished entry (Enter, leaving the field, a step of the arrows), not per digit.
    m_rows->setKeyboardTracking(false);
    m_rows->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rows->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_rows->setToolTip(tr("How many rows to generate for this table"));
    connect(m_rows, &QSpinBox::valueChanged, this, [this](int rows) {
        if (hasTable())
            m_session->setTableRows(tableIndex(), rows);
    });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Rows:"), m_rows);

    m_problemsLabel->setObjectName(u"tableProblems"_s);
    m_problemsLabel->setTextFormat(Qt::RichText);
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setVisible(false);

    buildGrid();

    auto *columnsLabel = new QLabel(tr("Columns"), this);
    QFont heading = columnsLabel->font();
    heading.setBold(true);
    columnsLabel->setFont(heading);
    m_toolBar->setObjectName(u"columnToolBar"_s);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setFloatable(false);
    m_toolBar->setMovable(false);
    m_add = makeAction(u"addColumn"_s, u"add-column"_s, tr("Add column"),
                       tr("Add a column after the selected one"), QKeySequence(Qt::Key_Insert));
    m_duplicate =
        makeAction(u"duplicateColumn"_s, u"duplicate"_s, tr("Duplicate"),
                   tr("Duplicate the selected columns"), QKeySequence(Qt::ControlModifier | Qt::Key_D));
    m_delete = makeAction(u"deleteColumn"_s, u"delete"_s, tr("Delete"), tr("Delete the selected columns"),
                          QKeySequence(QKeySequence::Delete));
    m_toolBar->addSeparator();
    m_moveUp = makeAction(u"moveColumnUp"_s, u"move-up"_s, tr("Move up"), tr("Move the selected columns up"),
                          QKeySequence(Qt::AltModifier | Qt::Key_Up));
    m_moveDown =
        makeAction(u"moveColumnDown"_s, u"move-down"_s, tr("Move down"), tr("Move the selected columns down"),
                   QKeySequence(Qt::AltModifier | Qt::Key_Down));
    connect(m_add, &QAction::triggered, this, &TableEditor::addColumn);
    connect(m_duplicate, &QAction::triggered, this, &TableEditor::duplicateColumns);
    connect(m_delete, &QAction::triggered, this, &TableEditor::deleteColumns);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveSelection(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveSelection(1); });

    auto *columnsBar = new QHBoxLayout;
    columnsBar->setContentsMargins(0, 0, 0, 0);
    columnsBar->addWidget(columnsLabel);
    columnsBar->addSpacing(12);
    columnsBar->addWidget(m_toolBar, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemsLabel);
    layout->addSpacing(style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing) * 2);
    layout->addLayout(columnsBar);
    layout->addWidget(m_grid, 1);

    connect(m_model, &ColumnTableModel::tableIndexChanged, this, [this] {
        refreshFields();
        showTableProblems();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TableEditor::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TableEditor::updateActions);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &TableEditor::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TableEditor::updateActions);
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TableEditor::updateActions);

    setTable(nullptr, -1);
}

TableEditor::~TableEditor()
{
    // The fields lose the focus as the widget goes: no "editing finished" may reach a half-destroyed editor.
    m_name->disconnect(this);
    m_description->disconnect(this);
    m_rows->disconnect(this);
}

QAction *TableEditor::makeAction(const QString &objectName, const QString &icon, const QString &text,
                                 const QString &toolTip, const QKeySequence &shortcut)
{
    auto *action = new QAction(Icons::get(icon), text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // Only while the grid has the focus: Delete in a text field deletes text, not columns.
    action->setShortcutContext(Qt::WidgetShortcut);
    action->setToolTip(u"%1 (%2)"_s.arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    m_grid->addAction(action);
    m_toolBar->addAction(action);
    if (QWidget *button = m_toolBar->widgetForAction(action))
        button->setObjectName(objectName);
    return action;
}

void TableEditor::buildGrid()
{
    m_grid->setObjectName(u"columnGrid"_s);
    m_grid->setModel(m_model);
    m_grid->setItemDelegate(new ColumnGridDelegate(m_grid));
    m_grid->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setAlternatingRowColors(true);
    m_grid->setShowGrid(false);
    m_grid->setWordWrap(false);
    m_grid->setTabKeyNavigation(false);
    m_grid->setCornerButtonEnabled(false);
    // A double click opens the column editor (columnActivated); cells edit on F2, typing, or a click
    // on a cell of the selected row.
    m_grid->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_grid->setDragEnabled(true);
    m_grid->setAcceptDrops(true);
    m_grid->setDropIndicatorShown(true);
    m_grid->setDragDropMode(QAbstractItemView::InternalMove);
    m_grid->setDefaultDropAction(Qt::MoveAction);
    m_grid->setDragDropOverwriteMode(false);
    m_grid->verticalHeader()->setVisible(false);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->verticalHeader()->setDefaultSectionSize(QLineEdit().sizeHint().height() + 2);

    QHeaderView *header = m_grid->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(fontMetrics().averageCharWidth() * 6);
    const int character = fontMetrics().averageCharWidth();
    header->resizeSection(ColumnTableModel::Name, character * 22);
    header->resizeSection(ColumnTableModel::Type, character * 18);
    for (int column : {ColumnTableModel::NotNull, ColumnTableModel::PrimaryKey, ColumnTableModel::Unique}) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, fontMetrics().horizontalAdvance(title) + character * 4);
    }
    header->resizeSection(ColumnTableModel::References, character * 22);
    header->resizeSection(ColumnTableModel::NullPercent, character * 10);

    m_grid->installEventFilter(this);
    connect(m_grid, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && hasTable())
            emit columnActivated(tableIndex(), index.row());
    });
}

void TableEditor::setTable(SchemaSession *session, int table)
{
    if (m_session)
        m_session->document()->disconnect(this);
    m_session = session;
    m_tableProblems.clear();
    m_model->setTable(session, table);
    if (m_session) {
        SchemaDocument *document = m_session->document();
        connect(document, &SchemaDocument::tableChanged, this, [this](int index) {
            if (index == tableIndex())
                refreshFields();
        });
        connect(document, &SchemaDocument::wasReset, this, &TableEditor::refreshFields);
    }
    m_shownName.clear();
    m_shownDescription.clear();
    m_name->clear();
    m_description->clear();
    refreshFields();
    showTableProblems();
    updateActions();
}

int TableEditor::tableIndex() const
{
    return m_model->tableIndex();
}

bool TableEditor::hasTable() const
{
    return m_session && tableIndex() >= 0;
}

void TableEditor::refreshFields()
{
    const bool enabled = hasTable();
    m_name->setEnabled(enabled);
    m_description->setEnabled(enabled);
    m_rows->setEnabled(enabled);
    m_grid->setEnabled(enabled);
    if (!enabled) {
        m_name->clear();
        m_description->clear();
        const QSignalBlocker blocker(m_rows);
        m_rows->setValue(0);
        m_nameInvalid->setVisible(false);
        return;
    }
    const Table &table = m_session->document()->table(tableIndex());
    showValue(m_name, table.name, m_shownName);
    if (m_name->text() == table.name)
        m_nameInvalid->setVisible(false);
    showValue(m_description, table.description, m_shownDescription);
    const int rows = int(std::clamp<qint64>(table.rows, 0, kMaxRows));
    if (m_rows->value() != rows) {
        const QSignalBlocker blocker(m_rows);
        m_rows->setValue(rows);
    }
}

void TableEditor::updateActions()
{
    const bool table = hasTable();
    const QList<int> rows = selectedColumns();
    const int count = m_model->rowCount();
    m_add->setEnabled(table);
    m_duplicate->setEnabled(table && !rows.isEmpty());
    m_delete->setEnabled(table && !rows.isEmpty());
    m_moveUp->setEnabled(table && !rows.isEmpty() && rows.first() > 0);
    m_moveDown->setEnabled(table && !rows.isEmpty() && rows.last() < count - 1);
}

void TableEditor::setProblems(const Problems &problems)
{
    m_model->setProblems(problems);
    m_tableProblems.clear();
    for (const Problem &problem : problems) {
        if (problem.table == tableIndex() && tableIndex() >= 0 && problem.column < 0)
            m_tableProblems << problem;
    }
    showTableProblems();
}

void TableEditor::showTableProblems()
{
    if (!hasTable() || m_tableProblems.isEmpty()) {
        m_problemsLabel->clear();
        m_problemsLabel->setVisible(false);
        return;
    }
    const int size = fontMetrics().height();
    QStringList lines;
    for (const Problem &problem : std::as_const(m_tableProblems)) {
        const QString icon =
            problem.isError() ? u":/fabrica/ui/icons/error.svg"_s : u":/fabrica/ui/icons/warning.svg"_s;
        lines << u"<img src=\"%1\" width=\"%2\" height=\"%2\" style=\"vertical-align: middle\">&nbsp;%3"_s
                     .arg(icon, QString::number(size), problem.message.toHtmlEscaped());
    }
    m_problemsLabel->setText(lines.join(u"<br>"_s));
    m_problemsLabel->setVisible(true);
}

void TableEditor::onNameEdited(const QString &text)
{
    if (!hasTable())
        return;
    const QString problem = m_session->tableNameProblem(tableIndex(), text);
    m_nameInvalid->setToolTip(problem);
    m_nameInvalid->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        m_session->renameTable(tableIndex(), text);
}

void TableEditor::onNameFinished()
{
    if (!hasTable())
        return;
    // A name that could not be used is dropped when the user leaves the field.
    const QString name = m_session->document()->table(tableIndex()).name;
    if (m_name->text() != name)
        m_name->setText(name);
    m_nameInvalid->setVisible(false);
}

QList<int> TableEditor::selectedColumns() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_grid->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void TableEditor::selectColumns(const QList<int> &columns, int gridColumn)
{
    if (columns.isEmpty())
        return;
    if (gridColumn < 0)
        gridColumn =
            m_grid->currentIndex().isValid() ? m_grid->currentIndex().column() : ColumnTableModel::Name;
    QItemSelection selection;
    for (int row : columns)
        selection.select(m_model->index(row, 0), m_model->index(row, ColumnTableModel::GridColumnCount - 1));
    const QModelIndex current = m_model->index(columns.first(), gridColumn);
    m_grid->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    m_grid->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_grid->scrollTo(current);
}

void TableEditor::addColumn()
{
    if (!hasTable())
        return;
    const QList<int> rows = selectedColumns();
    const int row = m_session->addColumn(tableIndex(), rows.isEmpty() ? -1 : rows.last() + 1);
    selectColumns({row}, ColumnTableModel::Name);
    // A new column's first need is a name: start editing it.
    m_grid->setFocus();
    m_grid->edit(m_model->index(row, ColumnTableModel::Name));
}

void TableEditor::duplicateColumns()
{
    const QList<int> rows = selectedColumns();
    if (!hasTable() || rows.isEmpty())
        return;
    const int table = tableIndex();
    if (rows.size() > 1)
        m_session->beginMacro(tr("Duplicate %n column(s)", nullptr, int(rows.size())));
    // From the bottom up, so the rows still to copy keep their index; each copy lands below its original.
    for (auto it = rows.crbegin(); it != rows.crend(); ++it)
        m_session->duplicateColumn(table, *it);
    if (rows.size() > 1)
        m_session->endMacro();
    QList<int> copies;
    for (int i = 0; i < rows.size(); ++i)
        copies << rows.at(i) + i + 1;
    selectColumns(copies);
}

void TableEditor::deleteColumns()
{
    const QList<int> rows = selectedColumns();
    if (!hasTable() || rows.isEmpty())
        return;
    const int table = tableIndex();
    m_session->beginMacro(tr("Delete %n column(s)", nullptr, int(rows.size())));
    for (auto it = rows.crbegin(); it != rows.crend(); ++it)
        m_session->removeColumn(table, *it);
    m_session->endMacro();
    if (const int count = m_model->rowCount(); count > 0)
        selectColumns({std::min(rows.first(), count - 1)});
}

void TableEditor::moveSelection(int delta)
{
    const QList<int> rows = selectedColumns();
    if (!hasTable() || rows.isEmpty())
        return;
    if ((delta < 0 && rows.first() == 0) || (delta > 0 && rows.last() == m_model->rowCount() - 1))
        return;
    const int table = tableIndex();
    if (rows.size() > 1)
        m_session->beginMacro(tr("Move %n column(s)", nullptr, int(rows.size())));
    // Each selected column moves one step; the rows ahead in the direction of travel go first.
    if (delta < 0) {
        for (int row : rows)
            m_session->moveColumn(table, row, row - 1);
    } else {
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            m_session->moveColumn(table, *it, *it + 1);
    }
    if (rows.size() > 1)
        m_session->endMacro();
    QList<int> moved;
    for (int row : rows)
        moved << row + delta;
    selectColumns(moved);
}

void TableEditor::focusColumn(int column, const QString &key)
{
    if (!hasTable() || column < 0 || column >= m_model->rowCount())
        return;
    const int gridColumn = ColumnTableModel::gridColumnOf(key);
    selectColumns({column}, gridColumn >= 0 ? gridColumn : int(ColumnTableModel::Name));
    m_grid->setFocus(Qt::OtherFocusReason);
}

bool TableEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Enter on the grid (not in a cell editor: those get their own keys) opens the column editor.
    if (watched == m_grid && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier && m_grid->currentIndex().isValid() &&
            hasTable()) {
            emit columnActivated(tableIndex(), m_grid->currentIndex().row());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace fabrica
