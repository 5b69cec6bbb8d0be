#pragma once

#include "LocaleData.h"
#include "Random.h"

#include <QtGlobal>

namespace fabrica {

// Columns of one table that describe the same person or the same address draw from one shared stream
// per row (seeded from the table, not the column), so a row's first name, gender, title and e-mail
// belong together, and so do its city, region and postal code.

struct PersonEntity
{
    bool female = false;
    const std::string *firstName = nullptr;
    const std::string *lastName = nullptr;
};

inline PersonEntity personAt(const LocaleData &data, quint64 tableSeed, qint64 row)
{
    Random random = Random::forRow(tableSeed ^ 0x50455253304E0001ull, quint64(row));
    PersonEntity person;
    person.female = (random.next() >> 63) != 0;
    person.firstName =
        &data.list(person.female ? LocaleData::List::FirstNamesFemale : LocaleData::List::FirstNamesMale)
             .pick(random);
    person.lastName = &data.list(LocaleData::List::LastNames).pick(random);
    return person;
}

inline const City &cityAt(const LocaleData &data, quint64 tableSeed, qint64 row)
{
    Random random = Random::forRow(tableSeed ^ 0x4144445245535302ull, quint64(row));
    return data.cities()[random.below(data.cities().size())];
}

} // namespace fabrica
