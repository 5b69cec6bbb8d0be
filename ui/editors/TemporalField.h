#pragma once

#include "ConstraintField.h"

class QDateTimeEdit;

namespace fabrica {

// A date, time or timestamp constraint key as a QDateEdit, QTimeEdit or QDateTimeEdit that writes the
// ISO forms the validator expects ("YYYY-MM-DD", "HH:MM:SS", "YYYY-MM-DDTHH:MM:SS"). A timestamp keeps
// the offset ("Z", "+01:00") of the value it replaces.
class TemporalField : public ConstraintField
{
    Q_OBJECT

public:
    explicit TemporalField(const ConstraintKey &key, QWidget *parent = nullptr);

    // The text for a moment of kind, with a timestamp's offset suffix; public for tests.
    static QString format(ValueKind kind, const QDateTime &moment, const QString &offset = {});
    // Parses an ISO value of kind (as UTC for timestamps); invalid when it is none. offset receives a
    // timestamp's suffix.
    static QDateTime parse(ValueKind kind, const QString &text, QString *offset = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    QDateTimeEdit *m_edit;
    QString m_offset;
};

} // namespace fabrica
