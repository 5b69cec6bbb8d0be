#include "ConstraintJsonEditor.h"

#include "format/CanonicalJson.h"
#include "format/JsonLocator.h"

#include <QEvent>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace fabrica {

namespace {

std::optional<QJsonObject> parsed(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

ConstraintJsonEditor::ConstraintJsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_edit->setObjectName(QStringLiteral("jsonEdit"));
    m_edit->setAccessibleName(tr("Constraints as JSON"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit, 1);
    m_error->setObjectName(QStringLiteral("jsonError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    m_pause.setSingleShot(true);
    m_pause.setInterval(kPauseMs);
    connect(&m_pause, &QTimer::timeout, this, &ConstraintJsonEditor::check);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            m_pause.start();
    });
}

QString ConstraintJsonEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ConstraintJsonEditor::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConstraintJsonEditor::setConstraints(const QJsonObject &constraints)
{
    const bool typing =
        m_edit->hasFocus() && (m_pause.isActive() || parsed(m_edit->toPlainText()) == constraints);
    m_shown = constraints;
    if (typing || parsed(m_edit->toPlainText()) == constraints)
        return; // the text already says this (perhaps laid out the user's way)
    m_updating = true;
    m_edit->setPlainText(QString::fromUtf8(CanonicalJson().write(constraints)));
    m_updating = false;
    m_pause.stop();
    showError({});
}

void ConstraintJsonEditor::checkNow()
{
    if (m_pause.isActive()) {
        m_pause.stop();
        check();
    }
}

void ConstraintJsonEditor::check()
{
    const QString text = m_edit->toPlainText();
    QJsonObject constraints;
    if (!text.trimmed().isEmpty()) {
        const QByteArray json = text.toUtf8();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError) {
            const SourceLocation where = JsonLocator(json).locateOffset(error.offset);
            showError(
                tr("line %1, column %2: %3").arg(where.line).arg(where.column).arg(error.errorString()));
            return;
        }
        if (!document.isObject()) {
            showError(tr("the constraints must be a JSON object: { \"key\": value, … }"));
            return;
        }
        constraints = document.object();
    }
    showError({});
    if (constraints == m_shown)
        return;
    m_shown = constraints;
    emit edited(constraints);
}

void ConstraintJsonEditor::selectKey(const QString &key)
{
    const QString needle = QString::fromUtf8(CanonicalJson::quoted(key));
    QTextCursor found = m_edit->document()->find(needle);
    if (found.isNull())
        return;
    m_edit->setTextCursor(found);
    m_edit->setFocus(Qt::OtherFocusReason);
}

bool ConstraintJsonEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut)
        checkNow(); // leaving the editor applies what was typed
    return QWidget::eventFilter(watched, event);
}

} // namespace fabrica
