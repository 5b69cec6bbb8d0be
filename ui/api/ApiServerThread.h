#pragma once

#include <QThread>

namespace fabrica {

class AuthService;
class Repository;

// The thread the desktop app's REST API lives on: run() builds a JobService and an ApiServer there, listens
// on 127.0.0.1, serves until quit(), then closes the server (waiting for its handlers) and stops the jobs
// (the running ones end as cancelled). The sockets, the handlers and every blocking stop stay off the GUI
// thread. The repository and the AuthService are shared with the window (both may be used from any
// thread) and must outlive the thread.
class ApiServerThread : public QThread
{
    Q_OBJECT

public:
    ApiServerThread(Repository &storage, AuthService &auth, quint16 port, int jobWorkers,
                    QObject *parent = nullptr);
    ~ApiServerThread() override; // quit() and wait()

    quint16 requestedPort() const { return m_requestedPort; }

signals:
    // From the server thread, once: it listens on port, or it cannot (message says why).
    void listening(quint16 port);
    void failed(const QString &message);

protected:
    void run() override;

private:
    Repository &m_storage;
    AuthService &m_auth;
    quint16 m_requestedPort;
    int m_jobWorkers;
};

} // namespace fabrica
