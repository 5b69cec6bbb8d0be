#pragma once

#include <QLabel>

namespace fabrica {

// A word-wrapped line of feedback (a validation error, a test's outcome) in a colour that reads on the
// light and the dark theme alike, recoloured when the theme changes. Hidden while it has no text.
class MessageLabel : public QLabel
{
    Q_OBJECT

public:
    enum class Kind { Plain, Success, Error };

    explicit MessageLabel(QWidget *parent = nullptr);

    void setMessage(const QString &text, Kind kind = Kind::Plain);
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void recolor();

    Kind m_kind = Kind::Plain;
    bool m_recoloring = false;
};

} // namespace fabrica
