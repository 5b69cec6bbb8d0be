#include "SchemaFileArgument.h"

#include "format/JsonLocator.h"
#include "format/SchemaFile.h"

#include <QCoreApplication>
#include <QFile>

namespace fabrica {

std::optional<SchemaFileArgument> SchemaFileArgument::read(const QString &path, QTextStream &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out << QCoreApplication::translate("fabrica::SchemaFileArgument", "%1: cannot open the file: %2")
                   .arg(path, file.errorString())
            << Qt::endl;
        return std::nullopt;
    }
    SchemaFileArgument argument{path, file.readAll(), {}};
    Result<Schema> schema = SchemaFile::parse(argument.bytes, path);
    if (!schema) {
        out << schema.error().toString() << Qt::endl;
        return std::nullopt;
    }
    argument.schema = std::move(schema).value();
    return argument;
}

int SchemaFileArgument::forEach(const QString &command, const QStringList &files,
                                const std::function<bool(const SchemaFileArgument &, QTextStream &)> &check)
{
    QTextStream out(stdout);
    if (files.isEmpty()) {
        QTextStream(stderr) << QCoreApplication::translate("fabrica::SchemaFileArgument",
                                                           "fabrica %1: name at least one schema file")
                                   .arg(command)
                            << Qt::endl;
        return 2;
    }
    bool failed = false;
    for (const QString &path : files) {
        const auto file = read(path, out);
        failed = !file || !check(*file, out) || failed;
    }
    return failed ? 1 : 0;
}

Problem SchemaFileArgument::problemAt(const Error &error) const
{
    Problem problem{Problem::Severity::Error, error.message, -1, -1, {}, error.where.path};
    const QString path = error.where.path;
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    problem.table = schema.tableIndex(dot < 0 ? path : path.left(dot));
    if (problem.table >= 0 && dot >= 0)
        problem.column = schema.tables.at(problem.table).columnIndex(path.mid(dot + 1));
    return problem;
}

void SchemaFileArgument::printProblems(const Problems &problems, QTextStream &out, int *errors,
                                       int *warnings) const
{
    if (problems.isEmpty())
        return; // no locator needed: scanning a big file for positions costs more than validating it
    const JsonLocator locator(bytes, path);
    for (const Problem &problem : problems) {
        out << locator.locate(problem.pointer()).toString() << QStringLiteral(": ")
            << (problem.path.isEmpty() ? QString() : problem.path + QStringLiteral(": "))
            << (problem.isError() ? QString()
                                  : QCoreApplication::translate("fabrica::ValidateCommand", "warning: "))
            << problem.message << Qt::endl;
        ++*(problem.isError() ? errors : warnings);
    }
}

} // namespace fabrica
