#pragma once

#include "ColumnChangeCommand.h"

#include <QStringList>

namespace fabrica {

// "Derive from samples": the column made to follow its sample values (ColumnProfiler::apply: weighted
// enum, sample pick, observed range, NULL share), type and constraints at once, as one undo step. The
// profiler's report lines are kept for the editor to show.
class DeriveFromSamplesCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DeriveFromSamplesCommand)

public:
    DeriveFromSamplesCommand(SchemaDocument *document, int table, int index);

    // What the profiler inferred, one line each; empty when the column has no non-empty sample.
    const QStringList &report() const { return m_report; }
    // Whether deriving changes the column at all (pushing an unchanged one would be an empty undo step).
    bool changes() const { return m_after != m_before; }

private:
    QStringList m_report;
};

} // namespace fabrica
