#include "ExportOptionsDialog.h"

#include "UiLogging.h"
#include "export/ExportFormat.h"
#include "export/FileSink.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fabrica {

namespace {

const QString kGzipSuffix = QStringLiteral(".gz");
constexpr int kPreviewNames = 4; // file names spelled out in the preview before "and n more"

} // namespace

ExportOptionsDialog::ExportOptionsDialog(const QString &formatId, const QString &file,
                                         const QStringList &tableNames, ExportSettings settings,
                                         QWidget *parent)
    : QDialog(parent)
    , m_format(ExportFormat::find(formatId))
    , m_file(file)
    , m_tableNames(tableNames)
    , m_settings(std::move(settings))
{
    if (!m_format) {
        qCWarning(lcUi) << "unknown export format" << formatId << "- offering CSV";
        m_format = &ExportFormat::all().first();
    }
    m_loaded = m_settings.options(m_format->id);
    // The file dialog's filter said whether to compress; the name carries it here.
    const bool gzip = m_file.endsWith(kGzipSuffix, Qt::CaseInsensitive);
    if (gzip)
        m_file.chop(kGzipSuffix.size());
    m_loaded.gzip = gzip;

    setWindowTitle(tr("Export as %1").arg(m_format->name));

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_problem->setPalette(warning);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Export"));
    m_ok->setObjectName(QStringLiteral("okButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportOptionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportOptionsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    if (isDelimited())
        layout->addWidget(makeDelimitedGroup());
    if (m_format->id == QLatin1String("json"))
        layout->addWidget(makeJsonGroup());
    if (m_format->needsDialect)
        layout->addWidget(makeSqlGroup());
    layout->addWidget(makeFilesGroup());
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);

    load(m_loaded);
    update();
}

bool ExportOptionsDialog::isDelimited() const
{
    return m_format->id == QLatin1String("csv") || m_format->id == QLatin1String("tsv");
}

bool ExportOptionsDialog::alwaysOneFile() const
{
    // A script's tables depend on each other (SqlSink): it is one file whatever the choice.
    return m_format->needsDialect;
}

bool ExportOptionsDialog::canBeOneFile() const
{
    // JSON keeps tables apart in an object; CSV, TSV and NDJSON rows carry no table, so their sinks take
    // one file only for a one-table schema.
    return alwaysOneFile() || m_format->id == QLatin1String("json") || m_tableNames.size() <= 1;
}

bool ExportOptionsDialog::oneFile() const
{
    return alwaysOneFile() || (canBeOneFile() && m_oneFile->isChecked());
}

QString ExportOptionsDialog::folder() const
{
    return QFileInfo(m_file).absolutePath();
}

QGroupBox *ExportOptionsDialog::makeFilesGroup()
{
    auto *group = new QGroupBox(tr("Files"), this);
    m_oneFile =
        new QRadioButton(m_tableNames.size() > 1 ? tr("&One file for all tables") : tr("&One file"), group);
    m_oneFile->setObjectName(QStringLiteral("oneFile"));
    m_perTable = new QRadioButton(tr("One file &per table, named after the table"), group);
    m_perTable->setObjectName(QStringLiteral("perTable"));
    m_layoutNote = new QLabel(group);
    m_layoutNote->setObjectName(QStringLiteral("layoutNote"));
    m_layoutNote->setTextFormat(Qt::PlainText);
    m_layoutNote->setWordWrap(true);
    m_layoutNote->setText(
        tr("A %1 file holds one table, and the schema has %2, so each table gets a file of its own.")
            .arg(m_format->extension.toUpper())
            .arg(m_tableNames.size()));
    m_gzip = new QCheckBox(tr("Compress with &gzip"), group);
    m_gzip->setObjectName(QStringLiteral("gzip"));
    m_preview = new QLabel(group);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setTextFormat(Qt::PlainText); // holds table names and paths: never markup
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setMinimumWidth(420);

    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_oneFile);
    layout->addWidget(m_perTable);
    layout->addWidget(m_layoutNote);
    layout->addWidget(m_gzip);
    layout->addWidget(m_preview);
    // A script is always one file: nothing to choose there.
    m_oneFile->setVisible(!alwaysOneFile());
    m_perTable->setVisible(!alwaysOneFile());
    m_oneFile->setEnabled(canBeOneFile());
    m_layoutNote->setVisible(!canBeOneFile());

    connect(m_oneFile, &QRadioButton::toggled, this, &ExportOptionsDialog::update);
    connect(m_gzip, &QCheckBox::toggled, this, &ExportOptionsDialog::update);
    return group;
}

QGroupBox *ExportOptionsDialog::makeDelimitedGroup()
{
    auto *group = new QGroupBox(m_format->name, this);
    m_delimiter = new QComboBox(group);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->addItem(tr("Comma ( , )"), QVariant(int(',')));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QVariant(int(';')));
    m_delimiter->addItem(tr("Tab"), QVariant(int('\t')));
    m_delimiter->addItem(tr("Pipe ( | )"), QVariant(int('|')));
    m_delimiter->addItem(tr("Other:"), QVariant());
    m_otherDelimiter = new QLineEdit(group);
    m_otherDelimiter->setObjectName(QStringLiteral("otherDelimiter"));
    m_otherDelimiter->setMaxLength(1);
    m_otherDelimiter->setMaximumWidth(m_otherDelimiter->fontMetrics().horizontalAdvance(QLatin1Char('M')) *
                                      4);
    m_otherDelimiter->setAccessibleName(tr("Other delimiter"));
    auto *delimiterRow = new QWidget(group);
    auto *delimiterLayout = new QHBoxLayout(delimiterRow);
    delimiterLayout->setContentsMargins(0, 0, 0, 0);
    delimiterLayout->addWidget(m_delimiter);
    delimiterLayout->addWidget(m_otherDelimiter);
    delimiterLayout->addStretch(1);

    m_header = new QCheckBox(tr("First line holds the column &names"), group);
    m_header->setObjectName(QStringLiteral("header"));
    m_nullText = new QLineEdit(group);
    m_nullText->setObjectName(QStringLiteral("nullText"));
    m_nullText->setPlaceholderText(tr("an empty field"));
    m_nullText->setToolTip(tr("How a missing value (NULL) is written. When it is an empty field, empty "
                              "text is written as \"\" to tell the two apart."));
    m_crlf = new QCheckBox(tr("&Windows line ends (CR LF)"), group);
    m_crlf->setObjectName(QStringLiteral("crlf"));
    m_formulaGuard = new QCheckBox(tr("&Guard against spreadsheet formulas"), group);
    m_formulaGuard->setObjectName(QStringLiteral("formulaGuard"));
    m_formulaGuard->setToolTip(tr("Text starting with = + - @ or a tab gets a ' in front, so a spreadsheet "
                                  "shows it instead of running it as a formula."));

    m_delimitedForm = new QFormLayout(group);
    m_delimitedForm->addRow(tr("&Delimiter:"), delimiterRow);
    m_delimitedForm->addRow(tr("N&ull as:"), m_nullText);
    m_delimitedForm->addRow(QString(), m_header);
    m_delimitedForm->addRow(QString(), m_crlf);
    m_delimitedForm->addRow(QString(), m_formulaGuard);
    // TSV is CSV with tabs: its delimiter is no choice.
    m_delimitedForm->setRowVisible(0, m_format->id != QLatin1String("tsv"));

    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        const bool other = !m_delimiter->currentData().isValid();
        m_otherDelimiter->setEnabled(other);
        if (other)
            m_otherDelimiter->setFocus();
        update();
    });
    connect(m_otherDelimiter, &QLineEdit::textChanged, this, &ExportOptionsDialog::update);
    connect(m_nullText, &QLineEdit::textChanged, this, &ExportOptionsDialog::update);
    return group;
}

QGroupBox *ExportOptionsDialog::makeJsonGroup()
{
    auto *group = new QGroupBox(tr("JSON"), this);
    m_pretty = new QCheckBox(tr("&Indent for reading (pretty-print)"), group);
    m_pretty->setObjectName(QStringLiteral("pretty"));
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_pretty);
    return group;
}

QGroupBox *ExportOptionsDialog::makeSqlGroup()
{
    auto *group = new QGroupBox(tr("SQL"), this);
    m_dialect = new QComboBox(group);
    m_dialect->setObjectName(QStringLiteral("dialect"));
    for (const SqlDialect dialect : allSqlDialects())
        m_dialect->addItem(sqlDialectName(dialect), sqlDialectId(dialect));
    m_createTables = new QCheckBox(tr("Begin with CREATE &TABLE statements"), group);
    m_createTables->setObjectName(QStringLiteral("createTables"));
    m_batchRows = new QSpinBox(group);
    m_batchRows->setObjectName(QStringLiteral("batchRows"));
    m_batchRows->setRange(1, ExportSettings::kMaxBatchRows);
    m_batchRows->setGroupSeparatorShown(true);
    m_batchRows->setToolTip(tr("Rows per INSERT statement: more load faster, fewer keep statements short."));
    auto *form = new QFormLayout(group);
    form->addRow(tr("&Dialect:"), m_dialect);
    form->addRow(QString(), m_createTables);
    form->addRow(tr("&Rows per INSERT:"), m_batchRows);
    return group;
}

void ExportOptionsDialog::load(const ExportOptions &options)
{
    (canBeOneFile() && options.singleFile ? m_oneFile : m_perTable)->setChecked(true);
    m_gzip->setChecked(options.gzip);
    if (m_delimiter) {
        const int known = m_delimiter->findData(QVariant(int(options.delimiter)));
        m_delimiter->setCurrentIndex(known >= 0 ? known : m_delimiter->count() - 1);
        if (known < 0)
            m_otherDelimiter->setText(QString(QLatin1Char(options.delimiter)));
        m_otherDelimiter->setEnabled(known < 0);
        m_header->setChecked(options.header);
        m_nullText->setText(options.nullText);
        m_crlf->setChecked(options.lineEnding == QLatin1String("\r\n"));
        m_formulaGuard->setChecked(options.formulaGuard);
    }
    if (m_pretty)
        m_pretty->setChecked(options.pretty);
    if (m_dialect) {
        m_dialect->setCurrentIndex(std::max(0, m_dialect->findData(sqlDialectId(options.dialect))));
        m_createTables->setChecked(options.createTables);
        m_batchRows->setValue(options.batchRows);
    }
}

char ExportOptionsDialog::delimiter() const
{
    if (m_format->id == QLatin1String("tsv"))
        return '\t';
    const QVariant known = m_delimiter->currentData();
    if (known.isValid())
        return char(known.toInt());
    const QString other = m_otherDelimiter->text();
    return other.size() == 1 && ExportSettings::isValidDelimiter(other.at(0)) ? other.at(0).toLatin1() : '\0';
}

ExportOptions ExportOptionsDialog::options() const
{
    ExportOptions options = m_loaded;
    options.gzip = m_gzip->isChecked();
    options.singleFile = oneFile();
    options.path = options.singleFile ? m_file + (options.gzip ? kGzipSuffix : QString()) : folder();
    if (m_delimiter) {
        options.delimiter = delimiter();
        options.header = m_header->isChecked();
        options.nullText = m_nullText->text();
        options.lineEnding = m_crlf->isChecked() ? QStringLiteral("\r\n") : QStringLiteral("\n");
        options.formulaGuard = m_formulaGuard->isChecked();
    }
    if (m_pretty)
        options.pretty = m_pretty->isChecked();
    if (m_dialect) {
        options.dialect = sqlDialectFromId(m_dialect->currentData().toString()).value_or(options.dialect);
        options.createTables = m_createTables->isChecked();
        options.batchRows = m_batchRows->value();
    }
    return options;
}

QStringList ExportOptionsDialog::files() const
{
    const ExportOptions chosen = options();
    if (chosen.singleFile)
        return {chosen.path};
    // The names FileSink gives the files of a per-table export.
    const QDir dir(chosen.path);
    QStringList files;
    for (const QString &table : m_tableNames)
        files << dir.filePath(FileSink::fileNameOf(table) + m_format->suffix(chosen.gzip));
    return files;
}

ExportChoice ExportOptionsDialog::choice() const
{
    return ExportChoice{m_format->id, options(), files()};
}

QString ExportOptionsDialog::problem() const
{
    if (!m_delimiter)
        return {};
    if (m_format->id != QLatin1String("tsv") && !m_delimiter->currentData().isValid()) {
        const QString other = m_otherDelimiter->text();
        if (other.isEmpty())
            return tr("Type the character that separates the fields.");
        if (!ExportSettings::isValidDelimiter(other.at(0)))
            return tr("The delimiter must be one plain (ASCII) character other than the double quote.");
    }
    const QString null = m_nullText->text();
    if (null.contains(QLatin1Char(delimiter())) || null.contains(QLatin1Char('"')) ||
        null.contains(QLatin1Char('\n')) || null.contains(QLatin1Char('\r')))
        return tr("The null text must not contain the delimiter, a double quote or a line break: it would "
                  "not read back as one field.");
    return {};
}

QString ExportOptionsDialog::previewText() const
{
    const QStringList paths = files();
    int existing = 0;
    for (const QString &path : paths)
        existing += QFileInfo::exists(path) ? 1 : 0;
    QString text;
    if (oneFile()) {
        text = tr("Writes %1").arg(QDir::toNativeSeparators(paths.value(0)));
    } else {
        QStringList names;
        for (const QString &path : paths.mid(0, kPreviewNames))
            names << QFileInfo(path).fileName();
        QString list = names.join(QStringLiteral(", "));
        if (paths.size() > kPreviewNames)
            list = tr("%1 and %n more", nullptr, int(paths.size()) - kPreviewNames).arg(list);
        text = tr("Writes %n file(s) into %1: %2", nullptr, int(paths.size()))
                   .arg(QDir::toNativeSeparators(folder()), list);
    }
    if (existing > 0)
        text += QLatin1Char('\n') + tr("Replaces %n file(s) that exist already.", nullptr, existing);
    return text;
}

void ExportOptionsDialog::update()
{
    m_preview->setText(previewText());
    const QString problem = this->problem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

void ExportOptionsDialog::accept()
{
    if (!problem().isEmpty())
        return;
    m_settings.setOptions(m_format->id, options());
    QDialog::accept();
}

} // namespace fabrica
