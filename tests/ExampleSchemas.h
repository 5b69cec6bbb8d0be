#pragma once

// The bundled examples as the tests read them: examples/<name>.fabrica.json, loaded or the test stops.

#include "format/SchemaFile.h"

#include <QString>

namespace fabrica::test {

inline Schema example(const QString &name)
{
    const Result<Schema> loaded = SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/") +
                                                   name + QStringLiteral(".fabrica.json"));
    if (!loaded)
        qFatal("cannot load the %s example: %s", qPrintable(name), qPrintable(loaded.error().toString()));
    return *loaded;
}

// The benchmark workload: customers (1,000,000 rows) and orders (3,000,000).
inline Schema shopExample()
{
    return example(QStringLiteral("shop"));
}

} // namespace fabrica::test
