#include "MysqlValueForm.h"

#include "generate/DateTimeFormat.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"

#include <cstdio>

namespace fabrica {

namespace {

// Chains of references are short; the bound only stops a broken cycle (as in SqlDdl).
constexpr int kMaxReferenceDepth = 16;

const Column *referencedColumn(const Schema &schema, const Column &column)
{
    const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
    if (!target)
        return nullptr;
    const Table *parent = schema.table(target->table);
    return parent ? parent->column(target->column) : nullptr;
}

// Reads exactly `count` digits at `at`.
bool digits(std::string_view text, std::size_t &at, int count, int &value)
{
    value = 0;
    for (int i = 0; i < count; ++i, ++at) {
        if (at >= text.size() || text[at] < '0' || text[at] > '9')
            return false;
        value = value * 10 + (text[at] - '0');
    }
    return true;
}

bool expect(std::string_view text, std::size_t &at, char c)
{
    if (at >= text.size() || text[at] != c)
        return false;
    ++at;
    return true;
}

} // namespace

MysqlValueForm::Kind MysqlValueForm::forType(const QString &typeId)
{
    // A timestamp's own format may carry an offset too ("t"); without one it is left as written.
    return typeId == QLatin1String("timestamptz") || typeId == QLatin1String("timestamp") ? Kind::UtcDateTime
                                                                                          : Kind::AsIs;
}

std::vector<MysqlValueForm::Kind> MysqlValueForm::forTable(const Plan &plan, int table)
{
    const TablePlan &tablePlan = plan.tables()[std::size_t(table)];
    const Table &source = plan.schema().tables.at(tablePlan.schemaIndex);
    std::vector<Kind> kinds;
    for (std::size_t c = 0; c < tablePlan.columns.size(); ++c) {
        const Column *column = &source.columns.at(qsizetype(c));
        // A foreign key copies the referenced column's text, so it takes that column's form.
        for (int depth = 0; depth < kMaxReferenceDepth; ++depth) {
            const Column *referenced = referencedColumn(plan.schema(), *column);
            if (!referenced)
                break;
            column = referenced;
        }
        kinds.push_back(forType(column->type));
    }
    return kinds;
}

std::string_view MysqlValueForm::rewrite(Kind kind, std::string_view value, std::string &scratch)
{
    if (kind == Kind::UtcDateTime && utcDateTime(value, scratch))
        return scratch;
    return value;
}

bool MysqlValueForm::utcDateTime(std::string_view text, std::string &out)
{
    // YYYY-MM-DD[ T]HH:MM:SS[.f…][ ](Z|UTC|±HH[[:]MM])
    std::size_t at = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, at, 4, year) || !expect(text, at, '-') || !digits(text, at, 2, month) ||
        !expect(text, at, '-') || !digits(text, at, 2, day))
        return false;
    if (at >= text.size() || (text[at] != ' ' && text[at] != 'T'))
        return false;
    ++at;
    if (!digits(text, at, 2, hour) || !expect(text, at, ':') || !digits(text, at, 2, minute) ||
        !expect(text, at, ':') || !digits(text, at, 2, second))
        return false;
    const std::size_t fractionStart = at;
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9')
            ++at;
    }
    const std::string_view fraction = text.substr(fractionStart, at - fractionStart);
    if (at < text.size() && text[at] == ' ')
        ++at;
    int offsetSeconds = 0;
    const std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "UTC") {
        offsetSeconds = 0;
    } else if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
        std::size_t z = 1;
        int hours = 0, minutes = 0;
        if (!digits(zone, z, 2, hours))
            return false;
        if (z < zone.size()) {
            if (zone[z] == ':')
                ++z;
            if (!digits(zone, z, 2, minutes) || z != zone.size())
                return false;
        }
        offsetSeconds = (hours * 3600 + minutes * 60) * (zone[0] == '-' ? -1 : 1);
    } else {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return false;

    // Local wall-clock time minus the offset is UTC.
    std::int64_t seconds = DateTimeFormat::daysFromCivil(year, month, day) * 86400 + hour * 3600 +
                           minute * 60 + second - offsetSeconds;
    std::int64_t days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    DateTimeFormat::civilFromDays(days, year, month, day);
    if (year < 0 || year > 9999)
        return false;
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day,
                                int(rest / 3600), int(rest / 60 % 60), int(rest % 60));
    out.assign(buffer, std::size_t(n));
    out.append(fraction);
    return true;
}

} // namespace fabrica
