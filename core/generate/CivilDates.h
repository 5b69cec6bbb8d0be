#pragma once

#include "DateTimeFormat.h"

#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace fabrica {

// Calendar dates of 1900-01-01 … 2099-12-31, computed once per process and shared by every date and
// timestamp column: a column's compile cost and memory do not depend on its range, and the days real data
// uses are looked up instead of computed. Days outside are computed (rare: a few ranges reach that far).
class CivilDates
{
public:
    struct Date
    {
        std::int16_t year;
        std::int8_t month;
        std::int8_t day;
    };

    static const CivilDates &instance()
    {
        static const CivilDates dates;
        return dates;
    }

    void civil(qint64 day, CivilTime &time) const
    {
        const qint64 index = day - m_first;
        if (index >= 0 && index < qint64(m_dates.size())) {
            const Date &date = m_dates[std::size_t(index)];
            time.year = date.year;
            time.month = date.month;
            time.day = date.day;
        } else {
            DateTimeFormat::civilFromDays(day, time.year, time.month, time.day);
        }
    }

    // Days since 1970-01-01 of a valid date: looked up by month for 1900 … 2099, computed outside.
    qint64 days(int year, int month, int day) const
    {
        const int index = (year - 1900) * 12 + (month - 1);
        if (index >= 0 && index < int(m_monthStarts.size()))
            return m_monthStarts[std::size_t(index)] + day - 1;
        return DateTimeFormat::daysFromCivil(year, month, day);
    }

private:
    CivilDates()
        : m_first(DateTimeFormat::daysFromCivil(1900, 1, 1))
    {
        for (int year = 1900; year < 2100; ++year) {
            for (int month = 1; month <= 12; ++month)
                m_monthStarts.push_back(std::int32_t(DateTimeFormat::daysFromCivil(year, month, 1)));
        }
        const qint64 last = DateTimeFormat::daysFromCivil(2100, 1, 1);
        m_dates.reserve(std::size_t(last - m_first));
        for (qint64 day = m_first; day < last; ++day) {
            int year, month, dayOfMonth;
            DateTimeFormat::civilFromDays(day, year, month, dayOfMonth);
            m_dates.push_back(Date{std::int16_t(year), std::int8_t(month), std::int8_t(dayOfMonth)});
        }
    }

    qint64 m_first;
    std::vector<Date> m_dates;               // 73,049 days, 292 KB
    std::vector<std::int32_t> m_monthStarts; // 2,400 months
};

} // namespace fabrica
