#pragma once

#include "settings/AppSettings.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QWidget;

namespace fabrica {

class ApiServerThread;
class AuthService;
class Repository;

// The REST API inside the desktop app: when the API Server setting is on, it serves the same routes as
// `fabrica serve` on 127.0.0.1 (the port of the setting, 0 = a free one), on the window's storage and
// accounts, with a job service of its own (1–2 workers) for the runs queued over the API. The server lives
// on its own thread (ApiServerThread): starting and stopping never block the GUI thread, except the final
// stop when the window goes. A port it cannot listen on is reported (failed(), and a message box over the
// window); the setting stays on.
class EmbeddedApi : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    static constexpr int kJobWorkers = 2;

    // window (may be null) parents the message box of a failed start.
    EmbeddedApi(Repository &storage, AuthService &auth, QWidget *window = nullptr);
    ~EmbeddedApi() override; // shutdown()

    // Starts, restarts or stops the server to match the settings; a failed start is tried again only by
    // the next call. Returns at once; stateChanged() follows.
    void apply(const AppSettings::ApiServer &settings);
    // apply() with what AppSettings holds now.
    void applySettings();
    // Stops the server and waits for it (the window is closing).
    void shutdown();

    State state() const { return m_state; }
    // The port listened on, 0 unless Running.
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT while Running, else empty.
    QUrl url() const;
    // Why the last start failed; empty after a successful start or a stop.
    QString lastError() const { return m_error; }
    // Whether a failed start shows a message box (the tests switch it off to look at failed() alone).
    void setShowsFailures(bool shows) { m_showsFailures = shows; }

signals:
    void stateChanged(fabrica::EmbeddedApi::State state);
    void started(const QUrl &url);
    void stopped();
    void failed(const QString &message);

private:
    struct Wanted
    {
        bool enabled = false;
        quint16 port = 0;
    };

    // Moves towards m_wanted: one step at a time, the next one when the thread reports.
    void reconcile();
    void startThread(quint16 port);
    void stopThread();
    void threadListening(ApiServerThread *thread, quint16 port);
    void threadFailed(ApiServerThread *thread, const QString &message);
    void threadFinished(ApiServerThread *thread);
    void setState(State state);
    void showFailure(const QString &message);

    Repository &m_storage;
    AuthService &m_auth;
    QPointer<QWidget> m_window;
    Wanted m_wanted;
    bool m_startFailed = false; // not tried again until the next apply()
    ApiServerThread *m_thread = nullptr;
    State m_state = State::Stopped;
    quint16 m_port = 0;
    QString m_error;
    bool m_showsFailures = true;
};

} // namespace fabrica
