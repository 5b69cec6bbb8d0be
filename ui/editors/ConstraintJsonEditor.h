#pragma once

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace fabrica {

// The "JSON" tab of the column editor: the column's constraints as canonical JSON, checked as the user
// types (after a short pause). A syntax error shows "line L, column C: message" under the text and
// changes nothing; a valid object is reported through edited().
class ConstraintJsonEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kPauseMs = 300;

    explicit ConstraintJsonEditor(QWidget *parent = nullptr);

    // Shows the document's constraints, unless the user is typing text that says the same or is not yet
    // checked.
    void setConstraints(const QJsonObject &constraints);
    QPlainTextEdit *editor() const { return m_edit; }
    QString errorText() const;
    // Selects the member "key" in the text, if present.
    void selectKey(const QString &key);
    // Checks the text now instead of after the pause.
    void checkNow();

signals:
    void edited(const QJsonObject &constraints);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();
    void showError(const QString &message);

    QPlainTextEdit *m_edit;
    QLabel *m_error;
    QTimer m_pause;
    QJsonObject m_shown;
    bool m_updating = false;
};

} // namespace fabrica
