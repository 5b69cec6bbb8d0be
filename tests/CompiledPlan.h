#pragma once

// A schema compiled in a test: the plan, or the engine's message when it refuses one.

#include "generate/Plan.h"

#include <QString>

#include <memory>

namespace fabrica::test {

struct Compiled
{
    std::shared_ptr<const Plan> plan;
    QString error;
};

inline Compiled compile(const Schema &schema, quint64 seed)
{
    auto plan = Plan::compile(schema, Plan::Options{seed, {}});
    if (!plan)
        return {nullptr, plan.error().toString()};
    return {*plan, {}};
}

// The index of table `name` in the plan (its generation order), or -1.
inline int tableIndex(const Plan &plan, const QString &name)
{
    for (int t = 0; t < int(plan.tables().size()); ++t) {
        if (plan.tables()[std::size_t(t)].name == name)
            return t;
    }
    return -1;
}

} // namespace fabrica::test
