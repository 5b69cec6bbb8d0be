#pragma once

#include "generate/ColumnPreview.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QScrollArea;

namespace fabrica {

// A one-line strip of example values of a column, each as a small chip (NULL in italics); an error
// replaces the chips with its message.
class ExamplesStrip : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxChipCharacters = 28;

    explicit ExamplesStrip(QWidget *parent = nullptr);

    void showValues(const ColumnPreview::Values &values);
    void showError(const QString &message);
    void clear();
    // What the strip shows now.
    const ColumnPreview::Values &values() const { return m_values; }
    QString errorText() const { return m_error; }

private:
    void removeChips();

    QLabel *m_caption;
    QWidget *m_chipBox;
    QHBoxLayout *m_chips;
    QScrollArea *m_scroll;
    QLabel *m_message;
    ColumnPreview::Values m_values;
    QString m_error;
};

} // namespace fabrica
