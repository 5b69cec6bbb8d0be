#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace fabrica {

class SchemaSession;

// The schema's own properties: name, description, locale, reference date, and what it holds.
class SchemaEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaEditor(QWidget *parent = nullptr);
    void setSession(SchemaSession *session);

signals:
    void addTableRequested();

private:
    void refresh();

    QPointer<SchemaSession> m_session;
    QLabel *m_title = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_locale = nullptr;
    QCheckBox *m_referenceSet = nullptr; // unchecked: the date follows created (or the fixed fallback)
    QDateEdit *m_referenceDate = nullptr;
    QLabel *m_summary = nullptr;
    bool m_refreshing = false;
};

} // namespace fabrica
