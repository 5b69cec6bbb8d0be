#pragma once

#include <QCoreApplication>
#include <QString>

namespace fabrica {

class TypeRegistry;

// Human-readable listings of the type registry: `fabrica types` and docs/data-types.md.
class TypeDocumentation
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::TypeDocumentation)

public:
    // One line per type: id, category and description, aligned.
    static QString plainText(const TypeRegistry &registry);
    // The full reference in Markdown: common keys, then every type with its keys and SQL types.
    static QString markdown(const TypeRegistry &registry);
};

} // namespace fabrica
