#include "ImportPreviewDialog.h"

#include "ImportReportFilterModel.h"
#include "ImportReportModel.h"
#include "ImportSchemaModel.h"
#include "UiLogging.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

using Level = ImportReport::Level;

namespace {

// The core's messages are lower-case clauses (the CLI prefixes them); a label shows them as sentences.
QString sentence(const QString &clause)
{
    QString text = clause;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}

QString quoted(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out << QStringLiteral("«%1»").arg(name);
    return out.join(QLatin1String(", "));
}

} // namespace

ImportPreviewDialog::ImportPreviewDialog(const ImportService::Outcome &outcome, Repository *repository,
                                         const Actor &actor, qint64 ownerId, QWidget *parent)
    : QDialog(parent)
    , m_outcome(outcome)
    , m_repository(repository)
    , m_actor(actor)
    , m_ownerId(ownerId)
{
    setWindowTitle(tr("Import Preview"));
    setSizeGripEnabled(true);

    m_reportModel = new ImportReportModel(this);
    m_reportModel->setReport(m_outcome.report);
    m_reportFilter = new ImportReportFilterModel(this);
    m_reportFilter->setSourceModel(m_reportModel);
    m_schemaModel = new ImportSchemaModel(this);
    m_schemaModel->setSchemas(m_outcome.schemas);
    findTakenNames();

    m_summary = new QLabel(summaryText(), this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::PlainText);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_messageFrame = new QFrame(this);
    m_messageFrame->setObjectName(QStringLiteral("messageFrame"));
    m_messageFrame->setFrameShape(QFrame::StyledPanel);
    m_messageIcon = new QLabel(m_messageFrame);
    m_message = new QLabel(m_messageFrame);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::PlainText); // holds names from the archive: never markup
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *messageLayout = new QHBoxLayout(m_messageFrame);
    messageLayout->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageLayout->addWidget(m_message, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(makeReportPane());
    splitter->addWidget(makeSchemaPane());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 340});

    QWidget *destination = makeDestinationPane();

    auto *buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_closeButton = buttons->addButton(m_outcome.ok() ? QDialogButtonBox::Cancel : QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    (m_outcome.ok() ? m_importButton : m_closeButton)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportPreviewDialog::importClicked);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportPreviewDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_messageFrame);
    layout->addWidget(splitter, 1);
    layout->addWidget(destination);
    layout->addWidget(buttons);

    setTabOrder(m_filterEdit, m_levelFilter);
    setTabOrder(m_levelFilter, m_reportView);
    setTabOrder(m_reportView, m_schemaView);
    setTabOrder(m_schemaView, m_destinationNew);
    setTabOrder(m_destinationNew, m_destinationOpen);
    setTabOrder(m_destinationOpen, m_conflictChoice);
    setTabOrder(m_conflictChoice, m_importButton);
    setTabOrder(m_importButton, m_closeButton);

    connect(&m_committing, &QFutureWatcher<Result<QList<SchemaRecord>>>::finished, this,
            &ImportPreviewDialog::commitFinished);

    expandDefaults();
    spanGroupRows();
    showCurrentLine();
    updateState();
    if (!m_outcome.ok()) {
        showMessage(MessageKind::Error, refusalText());
        // The first refusal or error in full, under the report.
        if (m_reportFilter->rowCount() > 0 && m_reportFilter->rowCount(m_reportFilter->index(0, 0)) > 0)
            m_reportView->setCurrentIndex(m_reportFilter->index(0, 0, m_reportFilter->index(0, 0)));
    } else if (!m_lookupError.isEmpty()) {
        showMessage(MessageKind::Error,
                    tr("Cannot tell which names are taken: %1").arg(sentence(m_lookupError)));
    } else {
        showMessage(MessageKind::None, {});
    }
    resize(900, 600);
    m_reportView->setFocus();
}

ImportPreviewDialog::~ImportPreviewDialog()
{
    m_committing.waitForFinished();
}

QWidget *ImportPreviewDialog::makeReportPane()
{
    auto *box = new QGroupBox(tr("Report"), this);

    m_filterEdit = new QLineEdit(box);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Place or message"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(tr("Shows only the lines whose place or message contains this text (%1)")
                                 .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_filterEdit->installEventFilter(this);
    auto *searchLabel = new QLabel(tr("&Search:"), box);
    searchLabel->setBuddy(m_filterEdit);

    m_levelFilter = new QComboBox(box);
    m_levelFilter->setObjectName(QStringLiteral("levelFilter"));
    m_levelFilter->setToolTip(tr("Shows only the lines of these levels"));
    fillLevelFilter();
    auto *levelLabel = new QLabel(tr("&Levels:"), box);
    levelLabel->setBuddy(m_levelFilter);

    m_reportView = new QTreeView(box);
    m_reportView->setObjectName(QStringLiteral("reportView"));
    m_reportView->setAccessibleName(tr("Import report"));
    m_reportView->setModel(m_reportFilter);
    m_reportView->setUniformRowHeights(true);
    m_reportView->setAlternatingRowColors(true);
    m_reportView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reportView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reportView->setTextElideMode(Qt::ElideMiddle);
    m_reportView->header()->setStretchLastSection(true);
    m_reportView->header()->resizeSection(ImportReportModel::PlaceColumn, 200);
    m_reportView->setToolTip(tr("Everything the import read, guessed, skipped and refused. %1 copies the "
                                "selected lines.")
                                 .arg(QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)));

    auto *copy = new QShortcut(QKeySequence::Copy, m_reportView, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, [this] {
        QStringList lines;
        const QModelIndexList rows =
            m_reportView->selectionModel()->selectedRows(ImportReportModel::PlaceColumn);
        for (const QModelIndex &row : rows) {
            const QModelIndex message = row.siblingAtColumn(ImportReportModel::MessageColumn);
            lines << (row.parent().isValid()
                          ? row.data().toString() + QLatin1String(": ") + message.data().toString()
                          : row.data().toString());
        }
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    connect(m_filterEdit, &QLineEdit::textChanged, this, &ImportPreviewDialog::applyFilterText);
    connect(m_levelFilter, &QComboBox::currentIndexChanged, this, &ImportPreviewDialog::applyLevelFilter);
    // Group rows span both columns; the view must be told again whenever the filter brings one back.
    connect(m_reportFilter, &QAbstractItemModel::rowsInserted, this, &ImportPreviewDialog::spanGroupRows);
    connect(m_reportFilter, &QAbstractItemModel::layoutChanged, this, &ImportPreviewDialog::spanGroupRows);
    connect(m_reportFilter, &QAbstractItemModel::modelReset, this, &ImportPreviewDialog::spanGroupRows);

    // The whole of the current line, which the columns may cut short.
    m_lineDetails = new QLabel(box);
    m_lineDetails->setObjectName(QStringLiteral("lineDetails"));
    m_lineDetails->setTextFormat(Qt::PlainText);
    m_lineDetails->setWordWrap(true);
    m_lineDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lineDetails->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_lineDetails->setMinimumHeight(3 * fontMetrics().lineSpacing());
    m_lineDetails->setToolTip(tr("The selected line of the report in full"));
    connect(m_reportView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ImportPreviewDialog::showCurrentLine);
    connect(m_reportFilter, &QAbstractItemModel::modelReset, this, &ImportPreviewDialog::showCurrentLine);

    auto *filters = new QHBoxLayout;
    filters->addWidget(searchLabel);
    filters->addWidget(m_filterEdit, 1);
    filters->addWidget(levelLabel);
    filters->addWidget(m_levelFilter);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(filters);
    layout->addWidget(m_reportView, 1);
    layout->addWidget(m_lineDetails);
    return box;
}

QWidget *ImportPreviewDialog::makeSchemaPane()
{
    auto *box = new QGroupBox(tr("Resulting Schemas"), this);
    m_schemaView = new QTreeView(box);
    m_schemaView->setObjectName(QStringLiteral("schemaView"));
    m_schemaView->setAccessibleName(tr("Resulting schemas"));
    m_schemaView->setModel(m_schemaModel);
    m_schemaView->setUniformRowHeights(true);
    m_schemaView->setAlternatingRowColors(true);
    m_schemaView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_schemaView->header()->setStretchLastSection(true);
    m_schemaView->header()->resizeSection(0, 150);
    m_schemaView->expandToDepth(0); // schemas open on their tables; columns one click away
    m_schemaView->setToolTip(tr("The schemas as they will be stored: tables with their rows to generate, "
                                "columns with their types"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_schemaView);
    return box;
}

QWidget *ImportPreviewDialog::makeDestinationPane()
{
    auto *box = new QGroupBox(tr("Destination"), this);
    m_destinationNew = new QRadioButton(tr("Store as &new schemas"), box);
    m_destinationNew->setObjectName(QStringLiteral("destinationNew"));
    m_destinationNew->setToolTip(tr("Saves every resulting schema in your storage, all or none"));
    m_destinationNew->setChecked(true);
    m_destinationOpen = new QRadioButton(box);
    m_destinationOpen->setObjectName(QStringLiteral("destinationOpen"));
    auto *group = new QButtonGroup(box);
    group->addButton(m_destinationNew);
    group->addButton(m_destinationOpen);
    connect(m_destinationNew, &QRadioButton::toggled, this, &ImportPreviewDialog::updateState);

    m_conflictBox = new QWidget(box);
    m_conflictBox->setObjectName(QStringLiteral("conflictBox"));
    m_conflictLabel = new QLabel(m_conflictBox);
    m_conflictLabel->setObjectName(QStringLiteral("conflictLabel"));
    m_conflictLabel->setTextFormat(Qt::PlainText);
    m_conflictLabel->setWordWrap(true);
    m_conflictChoice = new QComboBox(m_conflictBox);
    m_conflictChoice->setObjectName(QStringLiteral("conflictChoice"));
    m_conflictChoice->addItem(tr("Replace the stored schema (its runs are deleted with it)"),
                              int(Repository::NameConflict::Replace));
    m_conflictChoice->addItem(tr("Save under a new name, such as «name (2)»"),
                              int(Repository::NameConflict::Rename));
    m_conflictChoice->addItem(tr("Cancel the import"), int(Repository::NameConflict::Cancel));
    // Renaming loses nothing; replacing deletes, so it is never the default.
    m_conflictChoice->setCurrentIndex(m_conflictChoice->findData(int(Repository::NameConflict::Rename)));
    m_conflictChoice->setToolTip(tr("What happens to a resulting schema whose name you have used already"));
    auto *choiceLabel = new QLabel(tr("&When a name is taken:"), m_conflictBox);
    choiceLabel->setBuddy(m_conflictChoice);
    auto *conflictLayout = new QGridLayout(m_conflictBox);
    conflictLayout->setContentsMargins(QMargins(style()->pixelMetric(QStyle::PM_IndicatorWidth), 0, 0, 0));
    conflictLayout->addWidget(m_conflictLabel, 0, 0, 1, 2);
    conflictLayout->addWidget(choiceLabel, 1, 0);
    conflictLayout->addWidget(m_conflictChoice, 1, 1);
    conflictLayout->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_destinationNew);
    layout->addWidget(m_conflictBox);
    layout->addWidget(m_destinationOpen);
    return box;
}

void ImportPreviewDialog::fillLevelFilter()
{
    const QList<Level> &all = ImportReportModel::levelsBySeverity();
    m_levelChoices.clear();
    m_levelFilter->addItem(tr("All levels"));
    m_levelChoices << all;
    const QList<Level> problems{Level::Refused, Level::Error, Level::Warning};
    if (std::any_of(problems.begin(), problems.end(),
                    [this](Level l) { return m_outcome.report.count(l) > 0; })) {
        m_levelFilter->addItem(tr("Problems only"));
        m_levelChoices << problems;
    }
    for (const Level level : all) {
        if (m_outcome.report.count(level) == 0)
            continue;
        m_levelFilter->addItem(ImportReportModel::levelIcon(level), ImportReportModel::levelTitle(level));
        m_levelChoices << QList<Level>{level};
    }
}

void ImportPreviewDialog::findTakenNames()
{
    m_taken.clear();
    m_lookupError.clear();
    QStringList names;
    for (const Schema &schema : m_outcome.schemas)
        names << schema.name;
    QSet<QString> stored;
    if (m_repository && m_outcome.ok()) {
        // One quick query when the dialog opens; the commit checks again inside its transaction.
        const Result<QList<SchemaRecord>> records = m_repository->schemas(m_actor);
        if (!records) {
            m_lookupError = records.error().message;
            qCWarning(lcUi) << "cannot list the stored schemas:" << records.error().toString();
        } else {
            for (const SchemaRecord &record : records.value()) {
                if (record.userId == m_ownerId)
                    stored.insert(record.name);
            }
        }
    }
    for (const QString &name : std::as_const(names)) {
        if ((stored.contains(name) || names.count(name) > 1) && !m_taken.contains(name))
            m_taken << name;
    }
}

QString ImportPreviewDialog::summaryText() const
{
    int tables = 0;
    int columns = 0;
    for (const Schema &schema : m_outcome.schemas) {
        tables += int(schema.tables.size());
        for (const Table &table : schema.tables)
            columns += int(table.columns.size());
    }
    const QStringList shape{tr("%n schema(s)", nullptr, int(m_outcome.schemas.size())),
                            tr("%n table(s)", nullptr, tables), tr("%n column(s)", nullptr, columns)};
    const ImportReport &report = m_outcome.report;
    QStringList notes;
    if (const int n = report.count(Level::Refused))
        notes << tr("%n refused", nullptr, n);
    if (const int n = report.count(Level::Error))
        notes << tr("%n error(s)", nullptr, n);
    if (const int n = report.count(Level::Warning))
        notes << tr("%n warning(s)", nullptr, n);
    if (const int n = report.count(Level::Guess))
        notes << tr("%n guess(es)", nullptr, n);
    if (const int n = report.count(Level::Skipped))
        notes << tr("%n skipped", nullptr, n);
    const QString text = m_outcome.schemas.isEmpty() ? tr("No schema") : shape.join(QLatin1String(", "));
    return notes.isEmpty() ? text : tr("%1; %2").arg(text, notes.join(QLatin1String(", ")));
}

QString ImportPreviewDialog::refusalText() const
{
    const ImportReport &report = m_outcome.report;
    const ImportReport::Line *first = nullptr;
    for (const Level level : {Level::Refused, Level::Error}) {
        for (const ImportReport::Line &line : report.lines()) {
            if (line.level == level) {
                first = &line;
                break;
            }
        }
        if (first)
            break;
    }
    if (!first)
        return tr("Nothing was imported: no schema, DDL or CSV file was found.");
    const QString place = ImportReportModel::placeOf(*first);
    QString text = tr("Nothing was imported: %1")
                       .arg(place.isEmpty() ? first->message : place + QLatin1String(": ") + first->message);
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    const int more = report.count(Level::Refused) + report.count(Level::Error) - 1;
    if (more > 0)
        text += QLatin1Char(' ') + tr("See the report for %n more problem(s).", nullptr, more);
    return text;
}

void ImportPreviewDialog::applyLevelFilter()
{
    m_reportFilter->setVisibleLevels(m_levelChoices.value(m_levelFilter->currentIndex()));
    expandDefaults();
}

void ImportPreviewDialog::applyFilterText(const QString &text)
{
    m_reportFilter->setFilterText(text);
    expandDefaults();
}

void ImportPreviewDialog::expandDefaults()
{
    // Problems open, and everything when the report is short or filtered; guesses of a large import stay
    // folded (one per column) until asked for.
    const bool everything = m_outcome.report.lines().size() <= 40 ||
                            !m_reportFilter->filterText().isEmpty() || m_levelFilter->currentIndex() > 0;
    for (int row = 0; row < m_reportFilter->rowCount(); ++row) {
        const QModelIndex group = m_reportFilter->index(row, 0);
        const auto level = Level(group.data(ImportReportModel::LevelRole).toInt());
        const bool problem = level == Level::Refused || level == Level::Error || level == Level::Warning;
        m_reportView->setExpanded(group, everything || problem);
    }
}

void ImportPreviewDialog::showCurrentLine()
{
    const QModelIndex current = m_reportView->currentIndex();
    if (!current.isValid() || !current.parent().isValid()) {
        m_lineDetails->setText(current.isValid() ? current.siblingAtColumn(0).data(Qt::ToolTipRole).toString()
                                                 : tr("Select a line to see it in full."));
        return;
    }
    QString level = ImportReport::levelName(Level(current.data(ImportReportModel::LevelRole).toInt()));
    if (!level.isEmpty())
        level[0] = level[0].toUpper();
    const QString place = current.siblingAtColumn(ImportReportModel::PlaceColumn).data().toString();
    const QString message = current.siblingAtColumn(ImportReportModel::MessageColumn).data().toString();
    m_lineDetails->setText(place.isEmpty() ? tr("%1: %2").arg(level, message)
                                           : tr("%1 at %2:\n%3").arg(level, place, message));
}

void ImportPreviewDialog::spanGroupRows()
{
    for (int row = 0; row < m_reportFilter->rowCount(); ++row)
        m_reportView->setFirstColumnSpanned(row, QModelIndex(), true);
}

void ImportPreviewDialog::setOpenSchemaName(const QString &name)
{
    m_openSchemaName = name;
    updateState();
}

ImportPreviewDialog::Destination ImportPreviewDialog::destination() const
{
    return m_destinationOpen->isChecked() ? Destination::OpenSchema : Destination::NewSchemas;
}

Repository::NameConflict ImportPreviewDialog::nameConflict() const
{
    return Repository::NameConflict(m_conflictChoice->currentData().toInt());
}

void ImportPreviewDialog::updateState()
{
    const bool ok = m_outcome.ok();
    const bool canStore = ok && m_repository != nullptr;
    const bool canOpen = ok && !m_openSchemaName.isEmpty() && m_outcome.schemas.size() == 1;

    m_destinationOpen->setText(m_openSchemaName.isEmpty()
                                   ? tr("&Add the tables to the open schema")
                                   : tr("&Add the tables to the open schema «%1»").arg(m_openSchemaName));
    if (canOpen)
        m_destinationOpen->setToolTip(tr("Adds the tables to the schema in the editor, where Undo takes them "
                                         "out again; nothing is stored until you save"));
    else if (!ok)
        m_destinationOpen->setToolTip(tr("Nothing can be added: the import has errors or refused input"));
    else if (m_openSchemaName.isEmpty())
        m_destinationOpen->setToolTip(tr("No schema is open in the editor"));
    else
        m_destinationOpen->setToolTip(
            tr("Only the tables of one schema can be added; this import made %n schema(s)", nullptr,
               int(m_outcome.schemas.size())));
    if (!canStore)
        m_destinationNew->setToolTip(ok ? tr("No storage is open")
                                        : tr("Nothing can be stored: the import has "
                                             "errors or refused input"));

    if (m_destinationOpen->isChecked() && !canOpen)
        m_destinationNew->setChecked(true);
    else if (m_destinationNew->isChecked() && !canStore && canOpen)
        m_destinationOpen->setChecked(true);
    m_destinationNew->setEnabled(canStore && !m_busy);
    m_destinationOpen->setEnabled(canOpen && !m_busy);

    const bool storing = destination() == Destination::NewSchemas;
    QStringList twice;
    QStringList stored;
    QStringList names;
    for (const Schema &schema : m_outcome.schemas)
        names << schema.name;
    for (const QString &name : std::as_const(m_taken))
        (names.count(name) > 1 ? twice : stored) << name;
    QStringList lines;
    if (!stored.isEmpty())
        lines << tr("You have stored a schema of this name already: %1", nullptr, int(stored.size()))
                     .arg(quoted(stored));
    if (!twice.isEmpty())
        lines << tr("The import holds more than one schema of this name: %1", nullptr, int(twice.size()))
                     .arg(quoted(twice));
    m_conflictLabel->setText(lines.join(QLatin1Char('\n')));
    m_conflictBox->setVisible(ok && storing && !m_taken.isEmpty());
    m_conflictChoice->setEnabled(!m_busy);

    m_importButton->setText(storing ? tr("&Import") : tr("&Add Tables"));
    m_importButton->setToolTip(storing ? tr("Stores the schemas shown, all or none")
                                       : tr("Closes this preview and adds the tables to the open schema"));
    m_importButton->setEnabled(!m_busy && (storing ? canStore : canOpen));
    m_closeButton->setEnabled(!m_busy);
}

void ImportPreviewDialog::showMessage(MessageKind kind, const QString &text)
{
    m_message->setText(text);
    m_messageFrame->setVisible(kind != MessageKind::None && !text.isEmpty());
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    const QIcon icon = kind == MessageKind::Error ? ImportReportModel::levelIcon(Level::Error)
                                                  : ImportReportModel::levelIcon(Level::Info);
    m_messageIcon->setPixmap(icon.pixmap(size, size));
}

void ImportPreviewDialog::importClicked()
{
    if (m_busy || !m_importButton->isEnabled())
        return;
    if (destination() == Destination::OpenSchema) {
        accept(); // the caller adds the tables through its undo stack
        return;
    }
    m_busy = true;
    setCursor(Qt::BusyCursor);
    showMessage(MessageKind::Busy, tr("Storing %n schema(s)…", nullptr, int(m_outcome.schemas.size())));
    updateState();
    // With no name taken when the dialog opened, a name taken meanwhile fails rather than being renamed
    // behind the user's back; the choice then appears.
    const Repository::NameConflict conflict =
        m_taken.isEmpty() ? Repository::NameConflict::Cancel : nameConflict();
    // The worker reads the dialog's outcome and the caller's repository; the destructor waits for it.
    Repository *repository = m_repository;
    const ImportService::Outcome *outcome = &m_outcome;
    m_committing.setFuture(
        QtConcurrent::run([repository, actor = m_actor, ownerId = m_ownerId, outcome, conflict] {
            return ImportService::commit(*repository, actor, ownerId, *outcome, conflict);
        }));
}

void ImportPreviewDialog::commitFinished()
{
    const Result<QList<SchemaRecord>> stored = m_committing.result();
    m_busy = false;
    unsetCursor();
    if (!stored) {
        qCWarning(lcUi) << "import not stored:" << stored.error().toString();
        findTakenNames(); // a clash is the likely cause; show the choice now
        updateState();
        showMessage(MessageKind::Error, tr("Nothing was stored: %1").arg(sentence(stored.error().message)));
        return;
    }
    m_stored = stored.value();
    qCInfo(lcUi) << "stored" << m_stored.size() << "imported schema(s)";
    accept();
}

void ImportPreviewDialog::reject()
{
    if (m_busy)
        return; // the commit cannot be called back; its result decides
    QDialog::reject();
}

bool ImportPreviewDialog::eventFilter(QObject *watched, QEvent *event)
{
    // In the search box, Enter moves to the results instead of importing, and Escape clears the text
    // before it closes the dialog.
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_reportView->setFocus(Qt::TabFocusReason);
            if (!m_reportView->currentIndex().isValid() && m_reportFilter->rowCount() > 0)
                m_reportView->setCurrentIndex(m_reportFilter->index(0, 0));
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filterEdit->text().isEmpty()) {
            m_filterEdit->clear();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace fabrica
