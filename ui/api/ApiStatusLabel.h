#pragma once

#include <QLabel>

namespace fabrica {

class EmbeddedApi;

// The status bar's "API: http://127.0.0.1:PORT" while the window's REST API server runs (hidden while it
// is off, "API: not running" after a failed start, the reason in the tool tip). The URL can be selected
// with the mouse, and the context menu copies it.
class ApiStatusLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ApiStatusLabel(EmbeddedApi *api, QWidget *parent = nullptr);

    // Puts the API's URL (http://127.0.0.1:PORT/api/v1) on the clipboard.
    void copyUrl() const;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void refresh();

    EmbeddedApi *m_api;
};

} // namespace fabrica
