#include "SqlLiteral.h"

namespace fabrica {

QString SqlLiteral::string(SqlDialect dialect, const QString &value)
{
    std::string out;
    appendString(dialect, value.toStdString(), out);
    return QString::fromStdString(out);
}

} // namespace fabrica
