#pragma once

#include "ExportChoice.h"
#include "ExportSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace fabrica {

struct ExportFormat;

// The options of one export format, after the file was chosen: only those that apply to the format
// (delimiter, header, null text, line ends and formula guard for CSV and TSV; pretty-printing for JSON;
// dialect, CREATE TABLE and rows per INSERT for SQL), one file or one per table, gzip, and a preview of
// the files the export will write. Starts from the options last saved for the format; OK saves them.
class ExportOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // formatId is an ExportFormat id; file the file the user chose (a ".gz" at its end turns gzip on).
    // A per-table export writes <table>.<ext>[.gz] files into that file's folder instead. tableNames
    // name those files and tell whether one file can hold the schema (a CSV file holds one table).
    ExportOptionsDialog(const QString &formatId, const QString &file, const QStringList &tableNames,
                        ExportSettings settings = {}, QWidget *parent = nullptr);

    // The options as set, path filled: the file for a one-file export, the folder for a per-table one.
    ExportOptions options() const;
    // The files the export will write, in order.
    QStringList files() const;
    ExportChoice choice() const;
    // What keeps OK disabled, for people; empty when the options can be written.
    QString problem() const;

    void accept() override;

private:
    QGroupBox *makeFilesGroup();
    QGroupBox *makeDelimitedGroup();
    QGroupBox *makeJsonGroup();
    QGroupBox *makeSqlGroup();
    void load(const ExportOptions &options);
    bool isDelimited() const;
    bool alwaysOneFile() const;
    bool canBeOneFile() const;
    bool oneFile() const;
    QString folder() const;
    char delimiter() const;
    QString previewText() const;
    void update();

    const ExportFormat *m_format;
    QString m_file; // as chosen, without ".gz"
    QStringList m_tableNames;
    ExportSettings m_settings;
    ExportOptions m_loaded; // what the settings held, carried over for the options not shown

    QRadioButton *m_oneFile = nullptr;
    QRadioButton *m_perTable = nullptr;
    QLabel *m_layoutNote = nullptr;
    QCheckBox *m_gzip = nullptr;
    QLabel *m_preview = nullptr;

    QFormLayout *m_delimitedForm = nullptr;
    QComboBox *m_delimiter = nullptr;
    QLineEdit *m_otherDelimiter = nullptr;
    QCheckBox *m_header = nullptr;
    QLineEdit *m_nullText = nullptr;
    QCheckBox *m_crlf = nullptr;
    QCheckBox *m_formulaGuard = nullptr;

    QCheckBox *m_pretty = nullptr;

    QComboBox *m_dialect = nullptr;
    QCheckBox *m_createTables = nullptr;
    QSpinBox *m_batchRows = nullptr;

    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace fabrica
