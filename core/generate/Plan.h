#pragma once

#include "Generator.h"
#include "TableChunk.h"
#include "common/Result.h"
#include "model/Schema.h"
#include "types/DataType.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <memory>
#include <vector>

namespace fabrica {

// One column as the engine runs it: parsed once, never looked up in JSON again.
struct ColumnPlan
{
    QString name;
    const DataType *type = nullptr;
    std::unique_ptr<Generator> generator;
    double nullRate = 0; // 0..1
    bool notNull = false;
    bool unique = false;
    bool primaryKey = false;
    std::uint64_t seed = 0;     // Random::streamSeed of the values
    std::uint64_t nullSeed = 0; // Random::streamSeed of the null decisions
    bool recordNumbers = false; // a relation reads this column: its generator writes numbers beside the text
    int parentTable = -1;       // for a foreign key: index into Plan::tables()
    QString parentColumn;
};

// One table as the engine runs it, with its columns in the schema's order.
struct TablePlan
{
    QString name;
    int schemaIndex = -1; // index into Schema::tables
    qint64 rows = 0;
    std::vector<ColumnPlan> columns;
    std::vector<int> fillOrder; // columns that others (templates) read come first
};

// The compiled, immutable form of a schema (ARCHITECTURE.md, "The flow of a generation"): tables in
// foreign-key order, a generator per column with its parameters parsed. fillChunk() is a pure function
// of (plan, table, first row, rows), safe to call from any number of threads at once.
class Cardinality;
class CompositeKey;

class Plan
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Plan)

public:
    struct Options
    {
        quint64 seed = 42;
        QHash<QString, qint64> rows; // table name → row count, overriding the schema
        // The caller has just run SchemaValidator on this very schema and it found no error: compile()
        // does not run it again (it still does when rows overrides any count).
        bool validated = false;
    };

    // Validates the schema (any error stops) and builds the generators.
    static Result<std::shared_ptr<const Plan>> compile(const Schema &schema, const Options &options);

    const Schema &schema() const { return m_schema; }
    quint64 seed() const { return m_seed; }
    const std::vector<TablePlan> &tables() const { return m_tables; }
    qint64 totalRows() const;

    // Fills out with rows [firstRow, firstRow + rows) of table `table` (index into tables()).
    void fillChunk(int table, qint64 firstRow, int rows, TableChunk &out) const;

private:
    Plan() = default;
    Result<void> build(const Options &options);
    QList<int> tableOrder() const;
    Result<void> childCounts(const QHash<QString, int> &planIndex,
                             QHash<QString, std::shared_ptr<const Cardinality>> *out);
    // A key over several columns as the engine makes it unique: the columns whose combination is
    // permuted (all of the key's, or those no earlier key of the table already fixes).
    struct KeyPlan
    {
        int table = -1;    // index into m_tables
        QString name;      // empty for the primary key
        QStringList label; // the key's column names, for messages
        QList<int> parts;  // column indexes whose combination is made unique
        std::shared_ptr<const CompositeKey> key;
    };
    Result<void> keyPlans(std::vector<KeyPlan> *out);
    Result<void> compositeKeys(std::vector<KeyPlan> &plans, const QHash<QString, int> &planIndex,
                               const QHash<QString, std::shared_ptr<const Cardinality>> &cardinalities,
                               QHash<QString, QPair<std::shared_ptr<const CompositeKey>, int>> *out);

    Schema m_schema;
    quint64 m_seed = 0;
    std::vector<TablePlan> m_tables;
};

} // namespace fabrica
