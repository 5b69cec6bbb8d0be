#include "ValidateCommand.h"

#include "SchemaFileArgument.h"
#include "generate/Plan.h"
#include "validate/SchemaValidator.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString ValidateCommand::summary()
{
    return tr("Check schema files and report every problem");
}

int ValidateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption strict(QStringLiteral("strict"), tr("Treat warnings as errors."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   tr("Print problems only, not the files that are valid."));
    parser.addOption(strict);
    parser.addOption(quiet);
    parser.addPositionalArgument(QStringLiteral("files"), tr("Schema files (*.fabrica.json) to check."),
                                 tr("FILE..."));
    parser.process(arguments);

    return SchemaFileArgument::forEach(
        QStringLiteral("validate"), parser.positionalArguments(),
        [&](const SchemaFileArgument &file, QTextStream &out) {
            const Schema &schema = file.schema;
            Problems problems = SchemaValidator().validate(schema);
            // A schema without errors is also compiled for generation, which knows what the rules alone
            // cannot: a pattern Fabrica cannot generate, a unique column with too few possible values.
            if (!hasErrors(problems)) {
                Plan::Options options;
                options.validated = true;
                const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, options);
                if (!plan)
                    problems.append(file.problemAt(plan.error()));
            }
            int errors = 0, warnings = 0;
            file.printProblems(problems, out, &errors, &warnings);
            if (errors > 0 || (warnings > 0 && parser.isSet(strict)))
                return false;
            if (!parser.isSet(quiet)) {
                qsizetype columns = 0;
                for (const Table &table : schema.tables)
                    columns += table.columns.size();
                out << tr("%1: valid (%2 tables, %3 columns%4)")
                           .arg(file.path)
                           .arg(schema.tables.size())
                           .arg(columns)
                           .arg(warnings ? tr(", %n warning(s)", nullptr, warnings) : QString())
                    << Qt::endl;
            }
            return true;
        });
}

} // namespace fabrica
