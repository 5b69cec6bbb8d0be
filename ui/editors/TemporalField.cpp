#include "TemporalField.h"

#include <QDateEdit>
#include <QDateTimeEdit>
#include <QRegularExpression>
#include <QTimeEdit>

namespace fabrica {

namespace {

const QDate kFirstDay(1, 1, 1);
const QDate kLastDay(9999, 12, 31); // the validator wants four-digit years

QString timeText(const QTime &time)
{
    return time.toString(time.msec() ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

} // namespace

TemporalField::TemporalField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
{
    switch (key.kind) {
    case ValueKind::Date:
        m_edit = new QDateEdit(this);
        m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        break;
    case ValueKind::Time:
        m_edit = new QTimeEdit(this);
        m_edit->setDisplayFormat(QStringLiteral("HH:mm:ss"));
        break;
    default:
        m_edit = new QDateTimeEdit(this);
        m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        m_edit->setTimeSpec(Qt::UTC); // wall-clock values: no daylight-saving gaps
        break;
    }
    if (key.kind != ValueKind::Time)
        m_edit->setDateRange(kFirstDay, kLastDay);
    m_edit->setObjectName(QStringLiteral("editor"));
    m_edit->setAccessibleName(key.name);
    setEditor(m_edit);
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &moment) {
        if (updating())
            return;
        showAsDefault(m_edit, false);
        change(this->key().name, format(this->key().kind, moment, m_offset));
    });
}

QString TemporalField::format(ValueKind kind, const QDateTime &moment, const QString &offset)
{
    switch (kind) {
    case ValueKind::Date:
        return moment.date().toString(QStringLiteral("yyyy-MM-dd"));
    case ValueKind::Time:
        return timeText(moment.time());
    default:
        return moment.date().toString(QStringLiteral("yyyy-MM-dd")) + QLatin1Char('T') +
               timeText(moment.time()) + offset;
    }
}

QDateTime TemporalField::parse(ValueKind kind, const QString &text, QString *offset)
{
    static const QRegularExpression suffix(QStringLiteral("(Z|[+-]\\d{2}:\\d{2})$"));
    switch (kind) {
    case ValueKind::Date: {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        return date.isValid() ? QDateTime(date, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    case ValueKind::Time: {
        const QTime time = QTime::fromString(text.left(12), Qt::ISODateWithMs);
        return time.isValid() ? QDateTime(QDate(2000, 1, 1), time, Qt::UTC) : QDateTime();
    }
    default: {
        const QRegularExpressionMatch match = suffix.match(text);
        const QString local = match.hasMatch() ? text.left(match.capturedStart()) : text;
        if (offset)
            *offset = match.captured(1);
        const qsizetype t = local.indexOf(QLatin1Char('T'));
        const QDate date = QDate::fromString(local.left(t), Qt::ISODate);
        const QTime time = QTime::fromString(local.mid(t + 1).left(12), Qt::ISODateWithMs);
        return t > 0 && date.isValid() && time.isValid() ? QDateTime(date, time, Qt::UTC) : QDateTime();
    }
    }
}

void TemporalField::display(const QJsonObject &values)
{
    QString offset;
    QDateTime moment = parse(key().kind, effective(values).toString(), &offset);
    if (!moment.isValid()) // a malformed value: validation reports it; show the default meanwhile
        moment = parse(key().kind, key().defaultValue.toString(), &offset);
    m_offset = offset;
    if (moment.isValid()) {
        if (key().kind == ValueKind::Time)
            m_edit->setTime(moment.time());
        else if (key().kind == ValueKind::Date)
            m_edit->setDate(moment.date());
        else
            m_edit->setDateTime(moment);
    }
    showAsDefault(m_edit, !values.contains(key().name));
}

} // namespace fabrica
