#pragma once

#include "storage/StoredRecords.h"

#include <QMainWindow>

class QLabel;
class QTreeWidget;

namespace fabrica {

// The main window. For now it opens a schema file and shows its tables, columns and validation
// problems; the full editor arrives with the GUI work.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Loads path and shows it; returns false (and shows why) when it cannot be read.
    bool openSchema(const QString &path);
    // Shows who is signed in, in the status bar.
    void setSignedInUser(const UserRecord &user);

private:
    void chooseSchema();
    void showAbout();

    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_signedIn = nullptr;
};

} // namespace fabrica
