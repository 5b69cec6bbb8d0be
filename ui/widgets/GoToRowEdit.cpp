#include "GoToRowEdit.h"

#include <QKeySequence>
#include <QLocale>
#include <QShortcut>

namespace fabrica {

GoToRowEdit::GoToRowEdit(QWidget *owner)
    : QLineEdit(owner)
{
    setPlaceholderText(tr("Row number"));
    setToolTip(tr("Go to a row and select it (Ctrl+G)"));
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::returnPressed, this, &GoToRowEdit::typed);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), owner);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] {
        setFocus(Qt::ShortcutFocusReason);
        selectAll();
    });
}

void GoToRowEdit::typed()
{
    const QString value = text().trimmed();
    bool ok = false;
    qint64 row = locale().toLongLong(value, &ok); // "2,999,999" as the status lines write it
    if (!ok)
        row = value.toLongLong(&ok);
    if (!ok || row < 1) {
        selectAll();
        return;
    }
    emit rowRequested(row);
}

} // namespace fabrica
