#include "ColumnEditor.h"
#include "model/ColumnReference.h"
#include "validate/SchemaValidator.h"
#include "widgets/TypePicker.h"

#include "ColumnPreviewRunner.h"
#include "ConstraintForm.h"
#include "ConstraintJsonEditor.h"
#include "ExamplesStrip.h"
#include "SamplesEditor.h"
#include "session/SchemaSession.h"
#include "types/TypeRegistry.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace fabrica {

namespace {

// Where index ends up when the element at from moves to to (QList::move).
int afterMove(int index, int from, int to)
{
    if (index == from)
        return to;
    if (from < to && index > from && index <= to)
        return index - 1;
    if (from > to && index >= to && index < from)
        return index + 1;
    return index;
}

} // namespace

ColumnEditor::ColumnEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_type(new TypePicker(this))
    , m_description(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_formScroll(new QScrollArea(this))
    , m_form(new ConstraintForm)
    , m_otherProblems(new QLabel)
    , m_json(new ConstraintJsonEditor(this))
    , m_samples(new SamplesEditor(this))
    , m_strip(new ExamplesStrip(this))
    , m_deriveAction(new QAction(tr("Derive from Sa&mples"), this))
    , m_deriveReport(new QLabel(this))
    , m_preview(new ColumnPreviewRunner(this))
{
    qRegisterMetaType<KeyChanges>();
    auto *layout = new QVBoxLayout(this);

    auto *header = new QFormLayout;
    m_name->setObjectName(QStringLiteral("columnName"));
    m_name->setAccessibleName(tr("Column name"));
    m_type->setObjectName(QStringLiteral("typeField"));
    m_type->setAccessibleName(tr("Data type"));
    m_description->setObjectName(QStringLiteral("columnDescription"));
    m_description->setAccessibleName(tr("Column description"));
    m_description->setPlaceholderText(tr("What the column holds, for people"));
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 2);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    nameRow->addWidget(typeLabel);
    nameRow->addWidget(m_type, 1);
    header->addRow(tr("&Name:"), nameRow);
    header->addRow(tr("&Description:"), m_description);
    if (auto *nameLabel = qobject_cast<QLabel *>(header->labelForField(nameRow)))
        nameLabel->setBuddy(m_name);
    layout->addLayout(header);

    auto *formPage = new QWidget;
    auto *formLayout = new QVBoxLayout(formPage);
    m_otherProblems->setObjectName(QStringLiteral("otherProblems"));
    m_otherProblems->setWordWrap(true);
    m_otherProblems->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_otherProblems->hide();
    formLayout->addWidget(m_otherProblems);
    formLayout->addWidget(m_form);
    formLayout->addStretch(1);
    m_formScroll->setWidget(formPage);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->setObjectName(QStringLiteral("columnTabs"));
    m_tabs->addTab(m_formScroll, tr("&Constraints"));
    m_tabs->addTab(m_json, tr("&JSON"));
    m_tabs->addTab(m_samples, tr("&Samples"));

    // Beside the tabs, so that it is at hand whichever tab shows; Ctrl+Shift+D also while the focus is in
    // the schema tree.
    m_deriveAction->setObjectName(QStringLiteral("deriveFromSamples"));
    m_deriveAction->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    m_deriveAction->setToolTip(
        tr("Makes the column follow its sample values (%1): few distinct texts become weighted choices, "
           "other texts a pick from the samples, numbers and dates their observed range; key columns keep "
           "their type. One step to undo.")
            .arg(m_deriveAction->shortcut().toString(QKeySequence::NativeText)));
    m_deriveAction->setEnabled(false);
    addAction(m_deriveAction);
    connect(m_deriveAction, &QAction::triggered, this, [this] { deriveFromSamples(); });
    auto *deriveButton = new QToolButton(this);
    deriveButton->setObjectName(QStringLiteral("deriveFromSamplesButton"));
    deriveButton->setDefaultAction(m_deriveAction);
    deriveButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    deriveButton->setAutoRaise(true);
    m_tabs->setCornerWidget(deriveButton, Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);
    m_deriveReport->setObjectName(QStringLiteral("deriveReport"));
    m_deriveReport->setWordWrap(true);
    m_deriveReport->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deriveReport->hide();
    layout->addWidget(m_deriveReport);
    layout->addWidget(m_strip);

    m_preview->setCount(kExampleCount);
    m_pause.setSingleShot(true);
    m_pause.setInterval(kPreviewPauseMs);
    connect(&m_pause, &QTimer::timeout, this, &ColumnEditor::runPreview);
    connect(m_preview, &ColumnPreviewRunner::ready, this, [this](const ColumnPreview::Values &values) {
        m_strip->showValues(values);
        m_form->setExamples(values, {});
    });
    connect(m_preview, &ColumnPreviewRunner::failed, this, [this](const QString &message) {
        m_strip->showError(message);
        m_form->setExamples({}, message);
    });

    connect(m_name, &QLineEdit::editingFinished, this, &ColumnEditor::nameEdited);
    connect(m_type, &TypePicker::typeChosen, this, &ColumnEditor::typeChosen);
    connect(m_description, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!hasColumn())
            return;
        m_shownDescription = text;
        m_session->setColumnDescription(m_table, m_column, text);
    });
    connect(m_form, &ConstraintForm::edited, this, &ColumnEditor::applyChanges);
    connect(m_json, &ConstraintJsonEditor::edited, this, [this](const QJsonObject &constraints) {
        if (hasColumn())
            m_session->setConstraints(m_table, m_column, constraints);
    });
    connect(m_samples, &SamplesEditor::edited, this, [this](const QStringList &samples, const QString &text) {
        if (hasColumn())
            m_session->setSamples(m_table, m_column, samples, text);
    });
    clear();
}

ColumnEditor::~ColumnEditor()
{
    // Deleting the children moves the focus (editingFinished, focus-out checks): nothing may reach this
    // half-destroyed editor, nor the session.
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
    m_pause.stop();
}

bool ColumnEditor::hasColumn() const
{
    return m_session && m_table >= 0 && m_column >= 0;
}

void ColumnEditor::setColumn(SchemaSession *session, int table, int column)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    const bool valid = session && table >= 0 && table < session->document()->tableCount() && column >= 0 &&
                       column < session->document()->table(table).columns.size();
    m_session = valid ? session : nullptr;
    m_table = valid ? table : -1;
    m_column = valid ? column : -1;
    m_formType.clear();
    showDeriveReport(QString()); // about the column shown before
    if (!valid) {
        clear();
        return;
    }
    connectDocument();
    setEnabled(true);
    m_form->setType(TypeRegistry::instance().find(m_session->document()->column(table, column).type));
    m_formType = m_session->document()->column(table, column).type;
    m_shownName.clear();
    m_shownDescription.clear();
    m_name->clear();
    m_description->clear();
    refresh();
    m_strip->clear();
    m_pause.stop();
    runPreview(); // a newly chosen column shows its examples at once
}

void ColumnEditor::connectDocument()
{
    auto follow = [this](auto signal, auto slot) {
        m_connections << connect(m_session->document(), signal, this, slot);
    };
    follow(&SchemaDocument::tableInserted, [this](int index) {
        if (index <= m_table)
            retarget(m_table + 1, m_column);
    });
    follow(&SchemaDocument::tableRemoved, [this](int index) {
        if (index == m_table)
            setColumn(nullptr, -1, -1);
        else if (index < m_table)
            retarget(m_table - 1, m_column);
    });
    follow(&SchemaDocument::tableMoved,
           [this](int from, int to) { retarget(afterMove(m_table, from, to), m_column); });
    follow(&SchemaDocument::columnInserted, [this](int table, int index) {
        if (table == m_table && index <= m_column)
            retarget(m_table, m_column + 1);
    });
    follow(&SchemaDocument::columnRemoved, [this](int table, int index) {
        if (table != m_table)
            return;
        if (index == m_column)
            setColumn(nullptr, -1, -1);
        else if (index < m_column)
            retarget(m_table, m_column - 1);
    });
    follow(&SchemaDocument::columnMoved, [this](int table, int from, int to) {
        if (table == m_table)
            retarget(m_table, afterMove(m_column, from, to));
    });
    follow(&SchemaDocument::columnChanged, [this](int table, int index) {
        if (table == m_table && index == m_column)
            refresh();
    });
    follow(&SchemaDocument::wasReset, [this] { setColumn(nullptr, -1, -1); });
    follow(&SchemaDocument::changed, [this] { schedulePreview(); });
    m_connections << connect(m_session, &QObject::destroyed, this, [this] { setColumn(nullptr, -1, -1); });
}

void ColumnEditor::retarget(int table, int column)
{
    if (table == m_table && column == m_column)
        return;
    m_table = table;
    m_column = column;
    emit columnMoved(table, column);
}

void ColumnEditor::clear()
{
    m_pause.stop();
    m_preview->cancel();
    m_updating = true;
    m_name->clear();
    m_description->clear();
    m_type->setTypeId(QString());
    m_updating = false;
    m_form->setType(nullptr);
    m_form->setConstraints({});
    m_json->setConstraints({});
    m_samples->setSamples({});
    m_strip->clear();
    m_otherProblems->hide();
    m_deriveAction->setEnabled(false);
    setEnabled(false);
    emit columnMoved(-1, -1);
}

void ColumnEditor::refresh()
{
    if (!hasColumn())
        return;
    const Column &column = m_session->document()->column(m_table, m_column);
    m_updating = true;
    // A field being typed in keeps its text unless the document changed it meanwhile (undo).
    if (!m_name->hasFocus() || column.name != m_shownName)
        m_name->setText(column.name);
    m_shownName = column.name;
    if (!m_description->hasFocus() || column.description != m_shownDescription)
        m_description->setText(column.description);
    m_shownDescription = column.description;
    if (m_type->typeId() != column.type)
        m_type->setTypeId(column.type); // an unknown type is shown as written; the validator explains
    m_updating = false;

    if (column.type != m_formType) {
        m_formType = column.type;
        m_form->setType(TypeRegistry::instance().find(column.type));
        m_form->setKeyColumns(keyColumns());
    }
    m_form->setTable(m_session->document()->table(m_table), m_column);
    m_form->setConstraints(column.constraints);
    m_json->setConstraints(column.constraints);
    m_samples->setSamples(column.samples);
    m_deriveAction->setEnabled(!column.samples.isEmpty());
    applyProblems();
}

QStringList ColumnEditor::deriveFromSamples()
{
    if (!hasColumn() || m_session->document()->column(m_table, m_column).samples.isEmpty())
        return {};
    const QString name = m_session->document()->column(m_table, m_column).name;
    const int before = m_session->undoStack()->index();
    const QStringList report = m_session->deriveFromSamples(m_table, m_column);
    const bool changed = m_session->undoStack()->index() != before;
    QString text;
    if (report.isEmpty())
        text = tr("%1 has no sample value to derive from.").arg(name);
    else if (!changed)
        text = tr("%1 already follows its samples: %2").arg(name, report.join(QStringLiteral("; ")));
    else
        text = tr("Derived %1 from its samples: %2").arg(name, report.join(QStringLiteral("; ")));
    showDeriveReport(text);
    emit statusMessage(text, 10000);
    return report;
}

void ColumnEditor::showDeriveReport(const QString &text)
{
    m_deriveReport->setText(text);
    m_deriveReport->setVisible(!text.isEmpty());
}

void ColumnEditor::schedulePreview()
{
    if (hasColumn())
        m_pause.start();
}

void ColumnEditor::runPreview()
{
    if (!hasColumn())
        return;
    m_form->setKeyColumns(keyColumns());
    m_preview->start(m_session->schema(), m_table, m_column);
}

void ColumnEditor::applyChanges(const KeyChanges &changes)
{
    if (!hasColumn())
        return;
    const QJsonObject &constraints = m_session->document()->column(m_table, m_column).constraints;
    KeyChanges real;
    QStringList names;
    for (const KeyChange &change : changes) {
        const bool same = change.value.isUndefined() ? !constraints.contains(change.key)
                                                     : constraints.value(change.key) == change.value;
        if (!same) {
            real.append(change);
            names << change.key;
        }
    }
    if (real.isEmpty())
        return;
    if (real.size() == 1) { // typing in one field merges into one step
        m_session->setConstraint(m_table, m_column, real.first().key, real.first().value);
        return;
    }
    const QString column = m_session->document()->table(m_table).name + QLatin1Char('.') +
                           m_session->document()->column(m_table, m_column).name;
    m_session->beginMacro(tr("Edit %1 of %2").arg(names.join(QStringLiteral(", ")), column));
    for (const KeyChange &change : std::as_const(real))
        m_session->setConstraint(m_table, m_column, change.key, change.value);
    m_session->endMacro();
}

void ColumnEditor::nameEdited()
{
    if (!hasColumn() || m_updating)
        return;
    const QString name = m_name->text();
    // A name that cannot be used (empty, taken, with a ".") is not applied: the old one comes back.
    if (!m_session->renameColumn(m_table, m_column, name)) {
        m_name->setText(m_shownName);
        return;
    }
    m_shownName = name;
}

void ColumnEditor::typeChosen(const QString &type)
{
    if (!hasColumn() || m_updating || type.isEmpty())
        return;
    m_session->setColumnType(m_table, m_column, type);
}

QStringList ColumnEditor::keyColumns() const
{
    if (!hasColumn())
        return {};
    const Schema &schema = m_session->schema();
    QStringList targets = SchemaValidator().referenceTargets(schema);
    // A column cannot reference itself.
    const Table &table = schema.tables.at(m_table);
    targets.removeOne(ColumnReference{table.name, table.columns.at(m_column).name}.toString());
    return targets;
}

void ColumnEditor::focusKey(const QString &key)
{
    if (!hasColumn())
        return;
    m_tabs->setCurrentWidget(m_formScroll);
    if (!m_form->focusKey(key)) {
        m_tabs->setCurrentWidget(m_json);
        m_json->selectKey(key);
    }
}

void ColumnEditor::setProblems(const Problems &problems)
{
    m_problems = problems;
    applyProblems();
}

void ColumnEditor::applyProblems()
{
    QHash<QString, QStringList> byKey;
    QStringList other;
    QStringList columnLevel;
    const QStringList formKeys = m_form->keys();
    for (const Problem &problem : std::as_const(m_problems)) {
        if (!hasColumn() || problem.table != m_table || problem.column != m_column)
            continue;
        const QString message = problem.isError() ? problem.message : tr("warning: %1").arg(problem.message);
        if (problem.key.isEmpty())
            columnLevel << message;
        else if (formKeys.contains(problem.key))
            byKey[problem.key] << message;
        else
            other << problem.key + QStringLiteral(": ") + message;
    }
    m_form->setProblems(byKey);
    m_otherProblems->setText(other.join(QLatin1Char('\n')));
    m_otherProblems->setVisible(!other.isEmpty());
    // Problems of the column as a whole (its name, its type) belong to the header.
    QPalette palette = this->palette();
    if (!columnLevel.isEmpty())
        palette.setColor(QPalette::Base, QColor(0xff, 0xeb, 0xee));
    m_name->setPalette(palette);
    m_name->setToolTip(columnLevel.join(QLatin1Char('\n')));
}

void ColumnEditor::setSeed(quint64 seed)
{
    if (m_preview->seed() == seed)
        return;
    m_preview->setSeed(seed);
    schedulePreview();
}

quint64 ColumnEditor::seed() const
{
    return m_preview->seed();
}

} // namespace fabrica
