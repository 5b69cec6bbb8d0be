#pragma once

#include "ImportReport.h"
#include "ImportedDefinitions.h"
#include "SqlTokenCursor.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

namespace fabrica {

// What the readers of one DDL file share: the token cursor, the report, the tables read so far and the
// enum types and domains that later columns may use. Names are kept as the database sees them.
class DdlContext
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlContext)

public:
    // A possibly qualified name: schema.table, or table.column in COMMENT ON COLUMN.
    struct Name
    {
        QStringList parts; // at least one
        SqlToken first;
        QString last() const { return parts.last(); }
        QString qualifier() const { return parts.size() > 1 ? parts.at(parts.size() - 2) : QString(); }
    };

    DdlContext(SqlTokenizer &tokenizer, const QString &fileName, ImportReport &report);

    SqlTokenCursor &cursor() { return m_cursor; }
    SqlDialect dialect() const { return m_dialect; }
    ImportReport &report() { return m_report; }

    SourceLocation where(const SqlToken &token, const QString &path = {}) const;
    // "expected <what>, found <the current token>" at the current token. Returns false, so a reader can
    // write `return context.expected(…)`.
    bool expected(const QString &what);
    void error(const SqlToken &at, const QString &message);
    void skipped(const SqlToken &at, const QString &message);
    void warning(const SqlToken &at, const QString &message);
    void guess(const SqlToken &at, const QString &message);
    void info(const SqlToken &at, const QString &message);
    // How a token reads in a message: 'orders', ';', "a string", "the end of the file".
    QString describe(const SqlToken &token) const;
    // An expression for a message: blanks squeezed, cut after some 60 characters.
    static QString shortened(const QString &sql);

    // Names. PostgreSQL folds unquoted names to lower case; MySQL and SQLite keep them as written and
    // compare them without regard to case.
    bool isName(const SqlToken &token) const;
    QString nameOf(const SqlToken &token) const;
    bool sameName(const QString &a, const QString &b) const;
    std::optional<QString> readName(const QString &what);
    std::optional<Name> readQualifiedName(const QString &what);
    // "(a, b DESC, c(10))": the names of a key's columns. Parts that are expressions make *expressions
    // true. Returns nothing, with the error reported, when the list is malformed.
    std::optional<QStringList> readColumnList(const QString &owner, bool *expressions = nullptr);
    // The tokens inside the parenthesised group at the cursor, which is stepped over.
    std::optional<QList<SqlToken>> readGroup(const QString &owner);

    // Steps over one value expression (a DEFAULT, a SET DEFAULT) and returns it as written. It ends
    // before a ",", ")", the end of the statement or a word that is no operator, such as NOT or ON.
    QString readExpression();

    QList<ImportedTable> &tables() { return m_tables; }
    int findTable(const QStringList &parts) const; // -1 when unknown
    int findTable(const Name &name) const { return findTable(name.parts); }
    int addTable(const ImportedTable &table);
    void replaceTable(int index, const ImportedTable &table);
    int findColumn(const ImportedTable &table, const QString &name) const;

    void addEnum(const QString &name, const QStringList &values);
    const QStringList *findEnum(const QString &name) const;
    void addDomain(const QString &name, const ImportedColumn &definition);
    const ImportedColumn *findDomain(const QString &name) const;

private:
    QString key(const QString &name) const;
    void skipCastType();

    SqlTokenCursor m_cursor;
    SqlDialect m_dialect;
    QString m_fileName;
    ImportReport &m_report;
    QList<ImportedTable> m_tables;
    QHash<QString, QList<int>> m_tableIndex;
    QHash<QString, QStringList> m_enums;
    QHash<QString, ImportedColumn> m_domains;
};

} // namespace fabrica
