#include "TypesCommand.h"

#include "types/TypeDocumentation.h"
#include "types/TypeRegistry.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString TypesCommand::summary()
{
    return tr("List the data types and their constraint keys");
}

int TypesCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      tr("Print the full reference in Markdown (docs/data-types.md)."));
    parser.addOption(markdown);
    parser.process(arguments);
    QTextStream out(stdout);
    const TypeRegistry &registry = TypeRegistry::instance();
    out << (parser.isSet(markdown) ? TypeDocumentation::markdown(registry)
                                   : TypeDocumentation::plainText(registry));
    out.flush();
    return 0;
}

} // namespace fabrica
