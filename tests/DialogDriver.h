#pragma once

// Driving dialogs as a user does, shared by the GUI tests: typing into line edits, clicking check boxes
// and stepping combo boxes with the keys, and acting on modal dialogs while a blocking exec() runs.

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>
#include <QWindow>
#include <QtTest>

#include <functional>

namespace fabrica::test {

using namespace Qt::StringLiterals;

// Replaces the text of a line edit the way a user does: select all, delete, type.
inline void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Clicks a check box or radio button on its indicator, where a user aims: the middle of a wide button
// lies past its text, outside the part that takes clicks.
inline void click(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

// Moves a closed combo box with the arrow keys until it shows text (activated() fires as for a user);
// false when no item has it.
inline bool arrowTo(QComboBox *combo, const QString &text)
{
    combo->setFocus();
    while (combo->currentIndex() > 0)
        QTest::keyClick(combo, Qt::Key_Up);
    for (int i = 0; i < combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentText() == text;
}

// Acts on modal dialogs as they come up while a blocking exec() runs: each step waits until a dialog of
// its type is the active modal widget. A step that does not come within five seconds rejects whatever is
// open and records a failure, so a test fails instead of hanging.
class ModalDriver : public QObject
{
public:
    template<typename T> void then(std::function<void(T *)> step)
    {
        m_steps.append([step](QWidget *widget) {
            T *dialog = qobject_cast<T *>(widget);
            if (!dialog)
                return false;
            step(dialog);
            return true;
        });
    }
    void start()
    {
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, &ModalDriver::poll);
        m_timer.start(10);
    }
    bool done() const { return m_steps.isEmpty(); }
    QString failure;

private:
    void poll()
    {
        if (m_steps.isEmpty()) {
            m_timer.stop();
            return;
        }
        if (m_running)
            return; // a step that waits spins the event loop, and with it this timer
        QWidget *modal = QApplication::activeModalWidget();
        if (modal && modal != m_last && modal->windowHandle() && modal->windowHandle()->isExposed()) {
            m_running = true;
            const bool ran = m_steps.first()(modal);
            m_running = false;
            if (ran) {
                m_last = modal;
                m_steps.removeFirst();
                ++m_done;
                m_clock.restart();
                return;
            }
        }
        if (m_clock.elapsed() > 5000) {
            failure = u"no dialog for step %1 (active: %2)"_s.arg(m_done).arg(
                modal ? QString::fromLatin1(modal->metaObject()->className()) : u"none"_s);
            m_steps.clear();
            if (auto *dialog = qobject_cast<QDialog *>(modal))
                dialog->reject();
        }
    }

    QList<std::function<bool(QWidget *)>> m_steps;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QPointer<QWidget> m_last;
    int m_done = 0;
    bool m_running = false;
};

} // namespace fabrica::test
