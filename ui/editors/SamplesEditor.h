#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QStringListModel;

namespace fabrica {

struct CsvTable;

// The "Samples" tab of the column editor: the column's sample values as a list, with Add, Delete, Paste
// (one value per clipboard line, all in one step) and Load CSV column… (read off the GUI thread; with
// several columns the user picks one). Reports each change through edited().
class SamplesEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxCsvSamples = 10000;

    explicit SamplesEditor(QWidget *parent = nullptr);
    ~SamplesEditor() override;

    // Shows the document's samples.
    void setSamples(const QStringList &samples);
    QStringList samples() const;
    QListView *view() const { return m_view; }
    QString statusText() const;

    void addSample();
    void deleteSelected();
    // Appends the clipboard's lines.
    void paste();
    // Reads a CSV file off the GUI thread; its only column is taken at once, otherwise the column
    // chooser appears. loaded() tells when the file has been read.
    void loadCsv(const QString &path);
    // Takes the values of the chooser's column.
    void useChosenColumn();

signals:
    void edited(const QStringList &samples, const QString &undoText);
    void loaded();

private:
    struct CsvLoad;
    static std::shared_ptr<CsvLoad> readCsv(const QString &path);
    void chooseCsvFile();
    void csvRead();
    void takeColumn(int column);
    void modelEdited();
    void editorClosed();
    void showStatus(const QString &message, bool error = false);
    void updateButtons();

    QStringListModel *m_model;
    QListView *m_view;
    QPushButton *m_add, *m_delete, *m_paste, *m_load;
    QWidget *m_chooser;
    QComboBox *m_column;
    QLabel *m_status;
    QStringList m_samples; // as the document has them
    int m_pendingRow = -1; // a row added by Add and not yet typed into
    bool m_updating = false;
    QFutureWatcher<std::shared_ptr<CsvLoad>> m_reading;
    std::shared_ptr<CsvLoad> m_csv;
};

} // namespace fabrica
