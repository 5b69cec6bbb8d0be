#include "GeneratorFactory.h"

namespace fabrica {

const GeneratorFactory &GeneratorFactory::instance()
{
    static const GeneratorFactory factory;
    return factory;
}

GeneratorFactory::GeneratorFactory()
{
    registerNumberGenerators(*this);
    registerTextGenerators(*this);
    registerTemporalGenerators(*this);
    registerStructureGenerators(*this);
    registerPersonGenerators(*this);
    registerAddressGenerators(*this);
    registerInternetGenerators(*this);
    registerFinanceGenerators(*this);
    registerSecretGenerators(*this);
}

Result<GeneratorPtr> GeneratorFactory::create(const GeneratorSpec &spec) const
{
    const GeneratorMaker maker = m_makers.value(spec.type.id);
    if (!maker)
        return generationError(spec, tr("Fabrica cannot generate type %1 yet").arg(spec.type.id));
    return maker(spec);
}

Error generationError(const GeneratorSpec &spec, const QString &message)
{
    return makeError(ErrorCode::Validation, message, SourceLocation{{}, 0, 0, spec.where()});
}

} // namespace fabrica
