#include "RelationGuesser.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "validate/RelationChecker.h"

#include <QRegularExpression>

namespace fabrica {

namespace {

struct Gap
{
    double min;
    double max;
    const char *unit;
    bool exponential = false; // short gaps common, long ones rare
};

// A pair of names (lower case; "*" is any stem shared by both) and the gap between them.
struct Rule
{
    QStringList earlier;
    QStringList later;
    Gap gap;
};

const QList<Rule> &rules()
{
    static const QList<Rule> list{
        {{QStringLiteral("rental_date")}, {QStringLiteral("return_date")}, {1, 10, "days"}},
        {{QStringLiteral("birth_date"), QStringLiteral("date_of_birth"), QStringLiteral("birthdate"),
          QStringLiteral("birthday"), QStringLiteral("dob")},
         {QStringLiteral("hire_date"), QStringLiteral("hired_on"), QStringLiteral("hired_at")},
         {18, 60, "years"}},
        {{QStringLiteral("order_date"), QStringLiteral("ordered_at"), QStringLiteral("ordered_on")},
         {QStringLiteral("ship_date"), QStringLiteral("shipped_date"), QStringLiteral("shipping_date"),
          QStringLiteral("shipped_at"), QStringLiteral("shipped_on")},
         {0, 7, "days"}},
        {{QStringLiteral("ship_date"), QStringLiteral("shipped_date"), QStringLiteral("shipping_date"),
          QStringLiteral("shipped_at"), QStringLiteral("shipped_on")},
         {QStringLiteral("delivery_date"), QStringLiteral("delivered_date"), QStringLiteral("delivered_at"),
          QStringLiteral("delivered_on")},
         {1, 10, "days"}},
        {{QStringLiteral("order_date"), QStringLiteral("ordered_at"), QStringLiteral("ordered_on")},
         {QStringLiteral("delivery_date"), QStringLiteral("delivered_date"), QStringLiteral("delivered_at"),
          QStringLiteral("delivered_on")},
         {1, 14, "days"}},
        {{QStringLiteral("created_at"), QStringLiteral("created_on"), QStringLiteral("created"),
          QStringLiteral("create_date"), QStringLiteral("creation_date"), QStringLiteral("date_created")},
         {QStringLiteral("updated_at"), QStringLiteral("updated_on"), QStringLiteral("updated"),
          QStringLiteral("modified_at"), QStringLiteral("modified_on"), QStringLiteral("last_update"),
          QStringLiteral("last_updated"), QStringLiteral("last_modified"), QStringLiteral("date_modified")},
         {0, 365, "days", true}},
        {{QStringLiteral("valid_from")},
         {QStringLiteral("valid_to"), QStringLiteral("valid_until")},
         {0, 365, "days"}},
        {{QStringLiteral("from_date"), QStringLiteral("date_from")},
         {QStringLiteral("to_date"), QStringLiteral("date_to")},
         {1, 730, "days"}},
    };
    return list;
}

// "contract_start"/"contract_end", "start_date"/"end_date", "starts_at"/"ends_at": the same name with
// start and end swapped.
QString endOf(const QString &name)
{
    static const QRegularExpression start(QStringLiteral("(^|_)(start|starts|begin|begins)(_|$)"));
    const QRegularExpressionMatch match = start.match(name);
    if (!match.hasMatch())
        return {};
    const QString word = match.captured(2);
    const QString end = word.endsWith(QLatin1Char('s')) ? QStringLiteral("ends") : QStringLiteral("end");
    QString result = name;
    result.replace(match.capturedStart(2), word.size(), end);
    return result;
}

bool canFollow(const Table &table, int later, int earlier)
{
    const Column &a = table.columns.at(later), &b = table.columns.at(earlier);
    const bool temporal = RelationChecker::isTemporal(a.type) && RelationChecker::isTemporal(b.type) &&
                          (a.type == QLatin1String("time")) == (b.type == QLatin1String("time"));
    const bool numeric = RelationChecker::isNumeric(a.type) && RelationChecker::isNumericSource(b.type);
    if (!temporal && !numeric)
        return false;
    // Keys, foreign keys and columns that already have a relation keep what they have.
    const QJsonObject &c = a.constraints;
    if (c.value(keys::primaryKey).toBool() || c.value(keys::unique).toBool() || c.contains(keys::uniqueKey) ||
        c.contains(keys::references) || RelationChecker::hasRelation(a))
        return false;
    // The source must not read the column back (no cycle).
    return !RelationChecker::dependencies(table, earlier).contains(later);
}

QJsonObject afterValue(const QString &source, const Gap &gap, const Column &column)
{
    QJsonObject after{{QStringLiteral("column"), source},
                      {QStringLiteral("min"), gap.min},
                      {QStringLiteral("max"), gap.max}};
    if (RelationChecker::isTemporal(column.type)) {
        QString unit = QString::fromLatin1(gap.unit);
        // A time of day cannot move by days: the same gap in hours, at most a working day.
        if (column.type == QLatin1String("time")) {
            unit = QStringLiteral("hours");
            after.insert(QStringLiteral("max"), std::min(gap.max, 8.0));
        }
        after.insert(QStringLiteral("unit"), unit);
        if (gap.exponential)
            after.insert(keys::distribution,
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("exponential")}});
    }
    return after;
}

} // namespace

QList<RelationGuesser::Proposal> RelationGuesser::proposals(const Table &table)
{
    QList<Proposal> result;
    QSet<int> taken; // a column gets one relation
    auto index = [&table](const QString &name) {
        for (int c = 0; c < table.columns.size(); ++c) {
            if (table.columns.at(c).name.compare(name, Qt::CaseInsensitive) == 0)
                return c;
        }
        return -1;
    };
    auto add = [&](int later, int earlier, const Gap &gap) {
        if (later < 0 || earlier < 0 || later == earlier || taken.contains(later) ||
            !canFollow(table, later, earlier))
            return;
        // Proposals made so far count as dependencies too.
        for (const Proposal &p : std::as_const(result)) {
            if (p.later == earlier && p.earlier == later)
                return;
        }
        taken.insert(later);
        result.append(
            {later, earlier, afterValue(table.columns.at(earlier).name, gap, table.columns.at(later))});
    };
    for (const Rule &rule : rules()) {
        for (const QString &laterName : rule.later) {
            const int later = index(laterName);
            if (later < 0 || taken.contains(later))
                continue;
            for (const QString &earlierName : rule.earlier) {
                add(later, index(earlierName), rule.gap);
                if (taken.contains(later))
                    break;
            }
        }
    }
    for (int c = 0; c < table.columns.size(); ++c) {
        const QString end = endOf(table.columns.at(c).name.toLower());
        if (end.isEmpty())
            continue;
        const int later = index(end);
        const bool time = later >= 0 && table.columns.at(later).type == QLatin1String("time");
        add(later, c,
            RelationChecker::isTemporal(later >= 0 ? table.columns.at(later).type : QString())
                ? Gap{0, time ? 8.0 : 30.0, time ? "hours" : "days"}
                : Gap{0, 100, ""});
    }
    return result;
}

void RelationGuesser::propose(Table &table, const SourceLocation &where, ImportReport &report)
{
    for (const Proposal &proposal : proposals(table)) {
        Column &column = table.columns[proposal.later];
        column.constraints.insert(keys::after, proposal.after);
        const QString unit = proposal.after.value(QStringLiteral("unit")).toString();
        SourceLocation located = where;
        located.path = table.name + QLatin1Char('.') + column.name;
        report.guess(located, tr("after %1 by %2..%3%4 (from the names; change or remove \"after\" if the "
                                 "order does not hold)")
                                  .arg(table.columns.at(proposal.earlier).name)
                                  .arg(proposal.after.value(QStringLiteral("min")).toDouble())
                                  .arg(proposal.after.value(QStringLiteral("max")).toDouble())
                                  .arg(unit.isEmpty() ? QString() : QLatin1Char(' ') + unit));
    }
}

} // namespace fabrica
