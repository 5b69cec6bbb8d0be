#pragma once

#include "validate/Problem.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace fabrica {

class SchemaDocument;

// Live validation: a short while after the last edit, validates a copy of the schema on a worker thread
// (a big schema takes longer than a frame) and hands back its problems. Results of a state that has
// been edited since are dropped, so the marks always belong to the document as it is.
class ValidationScheduler : public QObject
{
    Q_OBJECT

public:
    explicit ValidationScheduler(QObject *parent = nullptr);
    ~ValidationScheduler() override;

    void setDocument(SchemaDocument *document);
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    const Problems &problems() const { return m_problems; }
    // Validates now (still off the GUI thread); problemsChanged follows.
    void validateNow();
    bool isBusy() const { return m_watcher.isRunning() || m_timer.isActive(); }

signals:
    void problemsChanged(const fabrica::Problems &problems);

private:
    void start();
    void finished();

    SchemaDocument *m_document = nullptr;
    QTimer m_timer;
    QFutureWatcher<Problems> m_watcher;
    quint64 m_generation = 0;         // bumped by every edit
    quint64 m_runningGeneration = 0;  // of the validation in flight
    bool m_pending = false;           // an edit came while one was running
    Problems m_problems;
};

} // namespace fabrica
