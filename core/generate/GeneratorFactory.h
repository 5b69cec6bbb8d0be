#pragma once

#include "Generator.h"
#include "GeneratorSpec.h"
#include "common/Result.h"

#include <QHash>

#include <memory>

namespace fabrica {

using GeneratorPtr = std::unique_ptr<Generator>;
using GeneratorMaker = Result<GeneratorPtr> (*)(const GeneratorSpec &spec);

// Builds the generator of a column from its data type. Each category of types registers its makers
// from its own file (NumberGenerators.cpp, TextGenerators.cpp, …).
class GeneratorFactory
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GeneratorFactory)

public:
    static const GeneratorFactory &instance();

    Result<GeneratorPtr> create(const GeneratorSpec &spec) const;
    bool supports(const QString &typeId) const { return m_makers.contains(typeId); }

    void add(const QString &typeId, GeneratorMaker maker) { m_makers.insert(typeId, maker); }

private:
    GeneratorFactory();
    QHash<QString, GeneratorMaker> m_makers;
};

// A generation error about spec's column, e.g. a unique column whose type has too few values.
Error generationError(const GeneratorSpec &spec, const QString &message);

// Wraps base, the column's own generator, in the column's relation to other columns of the row ("after",
// "formula", "weightsBy"; RelationGenerators.cpp); base unchanged when the column has none.
Result<GeneratorPtr> makeRelation(const GeneratorSpec &spec, GeneratorPtr base);

// Registration functions, one per category file.
void registerNumberGenerators(GeneratorFactory &factory);
void registerTextGenerators(GeneratorFactory &factory);
void registerTemporalGenerators(GeneratorFactory &factory);
void registerStructureGenerators(GeneratorFactory &factory);
void registerPersonGenerators(GeneratorFactory &factory);
void registerAddressGenerators(GeneratorFactory &factory);
void registerInternetGenerators(GeneratorFactory &factory);
void registerFinanceGenerators(GeneratorFactory &factory);
void registerSecretGenerators(GeneratorFactory &factory);

} // namespace fabrica
