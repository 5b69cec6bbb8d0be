#pragma once

#include <QWidget>

class QFrame;
class QLineEdit;
class QStandardItemModel;
class QTreeView;
class QKeyEvent;
class QModelIndex;

namespace fabrica {

// Chooses a data type of the registry: a field to type in and a list of the types grouped by category,
// each with its example value, narrowed down as one types (id, category and description all match).
// Up/Down move in the list, Enter chooses, Escape cancels. Used by the grid's delegate and the column editor.
class TypePicker : public QWidget
{
    Q_OBJECT

public:
    explicit TypePicker(QWidget *parent = nullptr);

    // Shows id as the current type; emits nothing. An id the registry does not know is kept as it is.
    void setTypeId(const QString &id);
    QString typeId() const { return m_typeId; }

    // The list of types: all of them, the current one selected.
    void showPopup();
    void hidePopup();
    bool isPopupVisible() const;

    // A category's title for people, e.g. "datetime" → "Date and time".
    static QString categoryTitle(const QString &category);

signals:
    // The user chose a type (Enter, a click in the list); also when they confirm the current one.
    void typeChosen(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void populate();
    // Shows the types matching text (all for an empty text) and selects the best match.
    void applyFilter(const QString &text);
    // Navigation and choice keys, the same wherever they arrive (field, list or the picker itself).
    bool handleKey(QKeyEvent *event);
    void step(int delta);
    QList<QModelIndex> visibleEntries() const;
    QModelIndex entryFor(const QString &id) const;
    QModelIndex bestMatch(const QString &text) const;
    void choose(const QModelIndex &entry);
    void chooseFromText();
    void cancel();
    void placePopup();
    void onTextEdited(const QString &text);

    QString m_typeId;
    QLineEdit *m_edit;
    QFrame *m_popup;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    bool m_choosing = false;   // the popup closes because of a choice: keep the text
    bool m_forwarding = false; // a key is on its way from the picker to the field
};

} // namespace fabrica
