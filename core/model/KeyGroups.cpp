#include "KeyGroups.h"

#include "ConstraintKeys.h"

#include <QJsonArray>

namespace fabrica {

QStringList KeyGroups::uniqueKeyNames(const Column &column)
{
    const QJsonValue value = column.constraints.value(keys::uniqueKey);
    QStringList names;
    auto add = [&names](const QJsonValue &name) {
        const QString text = name.toString().trimmed();
        if (name.isString() && !text.isEmpty() && !names.contains(text))
            names.append(text);
    };
    if (value.isArray()) {
        for (const QJsonValue &name : value.toArray())
            add(name);
    } else {
        add(value);
    }
    return names;
}

QList<KeyGroup> KeyGroups::of(const Table &table)
{
    QList<KeyGroup> groups;
    KeyGroup primary;
    for (int c = 0; c < table.columns.size(); ++c) {
        if (table.columns.at(c).constraints.value(keys::primaryKey).toBool())
            primary.columns.append(c);
    }
    if (primary.columns.size() >= 2)
        groups.append(primary);
    const qsizetype first = groups.size();
    for (int c = 0; c < table.columns.size(); ++c) {
        for (const QString &name : uniqueKeyNames(table.columns.at(c))) {
            auto it = std::find_if(groups.begin() + first, groups.end(),
                                   [&name](const KeyGroup &group) { return group.name == name; });
            if (it == groups.end())
                groups.append(KeyGroup{name, {c}});
            else
                it->columns.append(c);
        }
    }
    return groups;
}

QStringList KeyGroups::columnNames(const Table &table, const KeyGroup &group)
{
    QStringList names;
    for (int c : group.columns)
        names.append(table.columns.at(c).name);
    return names;
}

} // namespace fabrica
