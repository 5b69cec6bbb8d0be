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

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err << tr("fabrica format: name at least one schema file") << Qt::endl;
        return 2;
    }
    bool failed = false;
    for (const QString &path : files) {
        const auto file = SchemaFileArgument::read(path, out);
        if (!file) {
            failed = true;
            continue;
        }
        if (SchemaFile::serialize(file->schema) == file->bytes)
            continue;
        if (parser.isSet(check)) {
            out << tr("%1: not in the canonical layout").arg(path) << Qt::endl;
            failed = true;
            continue;
        }
        if (const Result<void> saved = SchemaFile::save(file->schema, path); !saved) {
            out << saved.error().toString() << Qt::endl;
            failed = true;
            continue;
        }
        out << tr("%1: rewritten").arg(path) << Qt::endl;
    }
    return failed ? 1 : 0;
}

} // namespace fabrica
