#include "SamplesEditor.h"

#include "Icons.h"
#include "import/CsvReader.h"
#include "import/TextDecoding.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

// A CSV file as read on a worker thread.
struct SamplesEditor::CsvLoad
{
    QString fileName;
    CsvTable table;
    QString error;
};

SamplesEditor::SamplesEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStringListModel(this))
    , m_view(new QListView(this))
    , m_chooser(new QWidget(this))
    , m_column(new QComboBox(m_chooser))
    , m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_view->setObjectName(QStringLiteral("samplesList"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setUniformItemSizes(true);
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    auto makeButton = [this, buttons](const QString &name, const QString &text, const QString &tip,
                                      const QString &icon) {
        auto *button = new QPushButton(Icons::get(icon), text, this);
        button->setObjectName(name);
        button->setToolTip(tip);
        buttons->addWidget(button);
        return button;
    };
    m_add =
        makeButton(QStringLiteral("addSample"), tr("Add"), tr("Add a sample value"), QStringLiteral("new"));
    m_delete = makeButton(QStringLiteral("deleteSamples"), tr("Delete"), tr("Delete the selected values"),
                          QStringLiteral("delete"));
    m_paste = makeButton(QStringLiteral("pasteSamples"), tr("Paste"),
                         tr("Add the clipboard's text, one value per line"), QStringLiteral("paste"));
    m_load = makeButton(QStringLiteral("loadSamplesCsv"), tr("Load CSV column…"),
                        tr("Replace the samples with the values of a column of a CSV file"),
                        QStringLiteral("csv"));
    buttons->addStretch(1);
    layout->addLayout(buttons);

    // The column chooser of a CSV file with several columns, in place instead of a dialog.
    auto *chooserLayout = new QHBoxLayout(m_chooser);
    chooserLayout->setContentsMargins(0, 0, 0, 0);
    auto *columnLabel = new QLabel(tr("Column:"), m_chooser);
    m_column->setObjectName(QStringLiteral("csvColumn"));
    columnLabel->setBuddy(m_column);
    auto *use = new QPushButton(tr("Use"), m_chooser);
    use->setObjectName(QStringLiteral("useCsvColumn"));
    auto *cancel = new QPushButton(tr("Cancel"), m_chooser);
    chooserLayout->addWidget(columnLabel);
    chooserLayout->addWidget(m_column, 1);
    chooserLayout->addWidget(use);
    chooserLayout->addWidget(cancel);
    m_chooser->hide();
    layout->addWidget(m_chooser);

    m_status->setObjectName(QStringLiteral("samplesStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_add, &QPushButton::clicked, this, &SamplesEditor::addSample);
    connect(m_delete, &QPushButton::clicked, this, &SamplesEditor::deleteSelected);
    connect(m_paste, &QPushButton::clicked, this, &SamplesEditor::paste);
    connect(m_load, &QPushButton::clicked, this, &SamplesEditor::chooseCsvFile);
    connect(use, &QPushButton::clicked, this, &SamplesEditor::useChosenColumn);
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_chooser->hide();
        m_csv.reset();
    });
    connect(m_model, &QStringListModel::dataChanged, this, &SamplesEditor::modelEdited);
    connect(m_view->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, &SamplesEditor::editorClosed,
            Qt::QueuedConnection); // after the edit was committed
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SamplesEditor::updateButtons);
    connect(&m_reading, &QFutureWatcher<std::shared_ptr<CsvLoad>>::finished, this, &SamplesEditor::csvRead);
    updateButtons();
}

SamplesEditor::~SamplesEditor()
{
    m_reading.disconnect(this);
    m_reading.waitForFinished();
}

void SamplesEditor::setSamples(const QStringList &samples)
{
    if (samples == m_samples && m_pendingRow < 0 && m_model->stringList() == samples)
        return;
    m_samples = samples;
    m_updating = true;
    m_pendingRow = -1;
    m_model->setStringList(samples);
    m_updating = false;
    updateButtons();
}

QStringList SamplesEditor::samples() const
{
    return m_model->stringList();
}

QString SamplesEditor::statusText() const
{
    return m_status->text();
}

void SamplesEditor::showStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void SamplesEditor::updateButtons()
{
    m_delete->setEnabled(m_view->selectionModel()->hasSelection());
}

void SamplesEditor::addSample()
{
    // The new row reaches the document once something is typed into it.
    const int row = m_model->rowCount();
    m_updating = true;
    m_model->insertRows(row, 1);
    m_updating = false;
    m_pendingRow = row;
    const QModelIndex index = m_model->index(row);
    m_view->setCurrentIndex(index);
    m_view->edit(index);
}

void SamplesEditor::modelEdited()
{
    if (m_updating)
        return;
    QStringList samples = m_model->stringList();
    if (m_pendingRow >= 0 && m_pendingRow < samples.size()) {
        if (samples.at(m_pendingRow).isEmpty())
            return; // nothing typed yet
        m_pendingRow = -1;
    }
    m_samples = samples;
    emit edited(samples, {});
}

void SamplesEditor::editorClosed()
{
    if (m_pendingRow < 0 || m_pendingRow >= m_model->rowCount())
        return;
    // Add, then nothing typed: the empty row goes again.
    m_updating = true;
    m_model->removeRows(m_pendingRow, 1);
    m_updating = false;
    m_pendingRow = -1;
}

void SamplesEditor::deleteSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes())
        rows << index.row();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    QStringList samples = m_samples;
    for (int row : rows) {
        if (row < samples.size())
            samples.removeAt(row);
    }
    emit edited(samples, tr("Delete %n sample(s)", nullptr, int(rows.size())));
}

void SamplesEditor::paste()
{
    QString text = QGuiApplication::clipboard()->text();
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // the line break that ends the last line
    if (lines.isEmpty()) {
        showStatus(tr("The clipboard holds no text to paste."), true);
        return;
    }
    showStatus(tr("Pasted %n value(s).", nullptr, int(lines.size())));
    emit edited(m_samples + lines, tr("Paste %n sample(s)", nullptr, int(lines.size())));
}

void SamplesEditor::chooseCsvFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load samples from a CSV file"), QString(),
                                                      tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadCsv(path);
}

void SamplesEditor::loadCsv(const QString &path)
{
    if (m_reading.isRunning())
        return;
    m_chooser->hide();
    m_load->setEnabled(false);
    showStatus(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_reading.setFuture(QtConcurrent::run(&SamplesEditor::readCsv, path));
}

void SamplesEditor::csvRead()
{
    m_load->setEnabled(true);
    m_csv = m_reading.result();
    if (!m_csv->error.isEmpty()) {
        showStatus(m_csv->error, true);
        m_csv.reset();
        emit loaded();
        return;
    }
    if (m_csv->table.header.size() == 1) {
        takeColumn(0);
    } else {
        m_column->clear();
        m_column->addItems(m_csv->table.header);
        m_chooser->show();
        showStatus(tr("%1 has %n column(s); choose the one to take the samples from.", nullptr,
                      int(m_csv->table.header.size()))
                       .arg(m_csv->fileName));
        m_column->setFocus();
    }
    emit loaded();
}

void SamplesEditor::useChosenColumn()
{
    if (m_csv)
        takeColumn(m_column->currentIndex());
}

void SamplesEditor::takeColumn(int column)
{
    if (!m_csv || column < 0 || column >= m_csv->table.header.size())
        return;
    QStringList values;
    for (const CsvTable::Row &row : std::as_const(m_csv->table.rows)) {
        if (row.value(column)) // NULL cells are no sample values
            values << *row.value(column);
    }
    const QString name = m_csv->table.header.at(column);
    const QString file = m_csv->fileName;
    const bool cut = m_csv->table.dataRows > m_csv->table.rows.size();
    m_chooser->hide();
    m_csv.reset();
    showStatus(cut ? tr("Took %1 values of column %2 of %3 (the first %4 rows).")
                         .arg(values.size())
                         .arg(name, file)
                         .arg(kMaxCsvSamples)
                   : tr("Took %1 values of column %2 of %3.").arg(values.size()).arg(name, file));
    emit edited(values, tr("Load the samples from %1 (%2)").arg(file, name));
}

std::shared_ptr<SamplesEditor::CsvLoad> SamplesEditor::readCsv(const QString &path)
{
    auto load = std::make_shared<SamplesEditor::CsvLoad>();
    load->fileName = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        load->error = tr("Cannot open %1: %2").arg(load->fileName, file.errorString());
        return load;
    }
    const QByteArray bytes = file.readAll();
    const std::optional<QString> utf8 = TextDecoding::utf8(bytes);
    const QString text = utf8 ? *utf8 : TextDecoding::latin1(bytes);
    CsvOptions options;
    options.maxRows = SamplesEditor::kMaxCsvSamples;
    ImportReport report;
    const Result<CsvTable> table = CsvReader(options).read(load->fileName, text, report);
    if (!table)
        load->error = table.error().toString();
    else
        load->table = *table;
    return load;
}

} // namespace fabrica
