#pragma once

#include "ImportedDefinitions.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace fabrica {

// What a column's name says it holds (email, title, password, district, sku …), as a Fabrica type with
// its constraints, for columns whose SQL type can hold it: a name maps to a type only when the column's
// declared length takes the type's longest values (a region's name never goes into varchar(2)).
class NamedTypes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::NamedTypes)

public:
    struct Choice
    {
        QString type;            // empty: the name says nothing that fits
        QJsonObject constraints; // e.g. the pattern of a sku, the words of a short description
        QString note;            // why not, when the name matched a type the column cannot hold
        QString detail;          // what the choice is, when the type alone does not say: "a title-like text"
    };

    // table gives the context (people, companies, films …); sqlFabricaType is what the SQL type alone maps
    // to (ColumnMapper::typeOfSql).
    static Choice choose(const QString &table, const ImportedColumn &column, const QString &sqlFabricaType);

    // Characters the longest values of a type take: in en_US (what choose() checks a column against,
    // imports having no locale) or in any locale. 0 when the type has no known width.
    static int widthOf(const QString &type, const QString &locale = {});
    // The types widthOf() knows and the registry has.
    static QStringList typesWithWidth();
};

} // namespace fabrica
