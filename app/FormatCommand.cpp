#include "FormatCommand.h"

#include "SchemaFileArgument.h"
#include "format/SchemaFile.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString FormatCommand::summary()
{
    return tr("Rewrite schema files in the canonical layout");
}

int FormatCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption check(
        QStringLiteral("check"),
        tr("Change nothing; list the files that are not canonical and exit with 1."));
    parser.addOption(check);
    parser.addPositionalArgument(QStringLiteral("files"), tr("Schema files (*.fabrica.json)."),
                                 tr("FILE..."));
    parser.process(arguments);

    return SchemaFileArgument::forEach(
        QStringLiteral("format"), parser.positionalArguments(),
        [&](const SchemaFileArgument &file, QTextStream &out) {
            if (SchemaFile::serialize(file.schema) == file.bytes)
                return true;
            if (parser.isSet(check)) {
                out << tr("%1: not in the canonical layout").arg(file.path) << Qt::endl;
                return false;
            }
            if (const Result<void> saved = SchemaFile::save(file.schema, file.path); !saved) {
                out << saved.error().toString() << Qt::endl;
                return false;
            }
            out << tr("%1: rewritten").arg(file.path) << Qt::endl;
            return true;
        });
}

} // namespace fabrica
