#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace fabrica {

class SchemaSession;

// The schema's own properties: name, description, locale, and what it holds.
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
    QLabel *m_summary = nullptr;
    bool m_refreshing = false;
};

} // namespace fabrica
