#pragma once

#include "DdlTableReader.h"

#include <QCoreApplication>

namespace fabrica {

// Reads ALTER TABLE [ONLY] … and updates the table defined earlier in the file: ADD [CONSTRAINT] keys and
// checks, ADD COLUMN, ALTER COLUMN … SET DEFAULT / SET NOT NULL / ADD GENERATED … AS IDENTITY (as
// pg_dump writes them), MySQL's MODIFY and CHANGE. OWNER TO passes quietly; other actions are noted.
class DdlAlterReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlAlterReader)

public:
    DdlAlterReader(DdlContext &context, DdlTableReader &tables);

    // The cursor is after "ALTER TABLE"; first is the statement's first token.
    bool read(const SqlToken &first);

private:
    bool readAction(int table);
    bool readAlterColumn(int table, const SqlToken &first);
    bool replaceColumn(int table, const QString &oldName, const SqlToken &at);
    void skipAction(const ImportedTable &table, const SqlToken &first);

    DdlContext &m_context;
    SqlTokenCursor &m_cursor;
    DdlTableReader &m_tables;
};

} // namespace fabrica
