#include "ApiStatusLabel.h"

#include "EmbeddedApi.h"
#include "api/ApiServer.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>

namespace fabrica {

ApiStatusLabel::ApiStatusLabel(EmbeddedApi *api, QWidget *parent)
    : QLabel(parent)
    , m_api(api)
{
    setObjectName(QStringLiteral("apiStatus"));
    setContentsMargins(8, 0, 8, 0);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextFormat(Qt::PlainText);
    connect(api, &EmbeddedApi::stateChanged, this, &ApiStatusLabel::refresh);
    connect(api, &EmbeddedApi::failed, this, &ApiStatusLabel::refresh);
    refresh();
}

void ApiStatusLabel::refresh()
{
    switch (m_api->state()) {
    case EmbeddedApi::State::Running:
        setText(tr("API: %1").arg(m_api->url().toString()));
        setToolTip(tr("The REST API answers at %1%2 for programs on this computer; sign in with POST "
                      "%2/auth/login. Right-click to copy the address.")
                       .arg(m_api->url().toString(), ApiServer::prefix()));
        setVisible(true);
        return;
    case EmbeddedApi::State::Starting:
        setText(tr("API: starting…"));
        setToolTip(QString());
        setVisible(true);
        return;
    case EmbeddedApi::State::Stopping:
    case EmbeddedApi::State::Stopped:
        break;
    }
    if (!m_api->lastError().isEmpty()) {
        setText(tr("API: not running"));
        setToolTip(m_api->lastError());
        setVisible(true);
        return;
    }
    setText(QString());
    setToolTip(QString());
    setVisible(false);
}

void ApiStatusLabel::copyUrl() const
{
    if (m_api->state() == EmbeddedApi::State::Running)
        QGuiApplication::clipboard()->setText(m_api->url().toString() + ApiServer::prefix());
}

void ApiStatusLabel::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy API Address"), this, &ApiStatusLabel::copyUrl);
    copy->setObjectName(QStringLiteral("copyApiAddress"));
    copy->setEnabled(m_api->state() == EmbeddedApi::State::Running);
    if (!selectedText().isEmpty())
        menu.addAction(tr("Copy &Selection"), this,
                       [this] { QGuiApplication::clipboard()->setText(selectedText()); });
    menu.exec(event->globalPos());
}

} // namespace fabrica
