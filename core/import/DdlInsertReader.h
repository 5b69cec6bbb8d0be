#pragma once

#include "DdlContext.h"

#include <QCoreApplication>

namespace fabrica {

// Reads INSERT … VALUES (and MySQL's REPLACE) into sample rows of the table: literals only (strings,
// numbers, NULL, true/false, casts of them). Rows holding expressions are left out with a note.
class DdlInsertReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlInsertReader)

public:
    // Samples kept per table; a dump's data can hold millions of rows, and samples need a few.
    static constexpr int maxSampleRows = 1000;

    explicit DdlInsertReader(DdlContext &context);

    // The cursor is at INSERT or REPLACE.
    bool read(const SqlToken &first);

private:
    enum class Value { Literal, Null, Expression };
    Value readValue(QString &text);
    bool readRow(QList<std::optional<QString>> &row, bool &literal, const QString &table);
    // The table the rows go to; a table unknown so far is added when create is set and the INSERT names
    // its columns. -1, with a note, when the rows cannot be placed.
    int tableFor(const DdlContext::Name &name, const QStringList &columns, const SqlToken &first,
                 bool create);

    DdlContext &m_context;
    SqlTokenCursor &m_cursor;
};

} // namespace fabrica
